"""The review page as people read it (Starlette's test client on a small SQLite file of known stories):
times in the reader's zone with its name, one search box, the current page marked in the menu, the toast
with its Undo after a decision, and the chart of the last 90 days by publication date."""

from __future__ import annotations

import random
import re
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone, tzinfo
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import time_machine
from fastapi.testclient import TestClient
from lxml import html as lxml_html
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from dedup.fingerprints import content_hash
from dedup.neardup import fingerprint
from review.app import create_app
from review.render import zone_label
from review.security import Access
from storage.articles import ArticleRecord, TopicScore, ensure_source, save_article
from storage.engine import open_database
from storage.models import Story
from storage.review import history, mark, review_of

TOKEN = "ui-token"
TAIPEI = timezone(timedelta(hours=8))
# 2026-12-05 00:30 UTC is 08:30 in Taipei; 2026-11-29 16:30 UTC is already 11-30 there.
PUBLISHED = datetime(2026, 12, 5, 0, 30, tzinfo=UTC)


def add_story(engine: Engine, n: int, published_at: datetime | None = PUBLISHED, title: str = "") -> int:
    """A story of one copy whose text shares nothing with the others' (no near-duplicate folds)."""
    rng = random.Random(n)
    text = "双城论坛" + "".join(chr(0x4E00 + rng.randrange(8000)) for _ in range(400))
    record = ArticleRecord(
        source_name="portal", url=f"https://portal.example/{n}", canonical_url=f"https://portal.example/{n}",
        content_hash=content_hash(text), title=title or f"双城论坛 story {n}", text=text, near_dup=fingerprint(text),
        topics=(TopicScore("twin-city-forum", 5.0, {}),), kind="report", outlet="Portal", published_at=published_at,
    )  # fmt: skip
    with Session(engine) as session, session.begin():
        result = save_article(
            session, record, ensure_source(session, "portal", "site", "https://portal.example/")
        )
        assert result.story_id is not None
        return result.story_id


@pytest.fixture
def engine(tmp_path: Path) -> Engine:
    return open_database(f"sqlite:///{tmp_path}/ui.db")


def client_of(engine: Engine, zone: tzinfo = UTC) -> TestClient:
    return TestClient(create_app(engine, Access(TOKEN), zone=zone), follow_redirects=False)


@pytest.fixture
def client(engine: Engine) -> Iterator[TestClient]:
    with client_of(engine) as client:
        yield client


def csrf_of(page: str) -> str:
    found = re.search(r'name="csrf-token" content="([^"]+)"', page)
    assert found is not None
    return found.group(1)


def sign_in(client: TestClient, name: str = "Mei") -> str:
    form = client.get("/signin")
    answer = client.post("/signin", data={"name": name, "token": TOKEN, "csrf_token": csrf_of(form.text)})
    assert answer.status_code == 303
    return csrf_of(client.get("/").text)


def tree_of(page: str) -> lxml_html.HtmlElement:
    return lxml_html.fromstring(page)


def text_of(page: str) -> str:
    return " ".join(tree_of(page).text_content().split())


# ------------------------------------------------------------------------------------------- time zones


@pytest.mark.parametrize(
    ("zone", "label"),
    [
        (UTC, "UTC"),
        (ZoneInfo("Etc/UTC"), "UTC"),
        (ZoneInfo("Asia/Taipei"), "Asia/Taipei"),
        (TAIPEI, "UTC+08:00"),
        (timezone(timedelta(hours=-3, minutes=-30)), "UTC-03:30"),
        (timezone(timedelta(hours=8), "CST"), "UTC+08:00"),  # an abbreviation says too little
    ],
)
def test_a_zone_is_named_by_its_iana_name_or_its_offset(zone: tzinfo, label: str) -> None:
    assert zone_label(zone) == label


def test_times_are_shown_in_the_readers_zone_and_say_which(engine: Engine) -> None:
    story = add_story(engine, 1)
    with Session(engine) as session, session.begin():
        session.get_one(Story, story).created_at = datetime(2026, 12, 4, 23, 0, tzinfo=UTC)
        mark(session, [story], "later", "Mei", now=datetime(2026, 12, 5, 1, 15, tzinfo=UTC))
    with client_of(engine, TAIPEI) as client:
        sign_in(client)
        inbox = client.get("/?status=all").text
        assert "First seen (UTC+08:00)" in text_of(inbox)
        assert '<time datetime="2026-12-05T07:00+08:00">2026-12-05 07:00</time>' in inbox
        page = text_of(client.get(f"/stories/{story}").text)
        assert "published 2026-12-05 08:30 (UTC+08:00)" in page  # the head's time, on its own
        assert "Published (UTC+08:00)" in page  # the copies' column
        assert "2026-12-05 09:15 (UTC+08:00) · Mei · later" in page  # the history
        assert "00:30" not in page  # no UTC time left unlabelled
    with client_of(engine, ZoneInfo("America/New_York")) as client:
        sign_in(client)
        assert "published 2026-12-04 19:30 (America/New_York)" in text_of(
            client.get(f"/stories/{story}").text
        )


# ------------------------------------------------------------------------------------ search and menu


def test_there_is_one_search_box_and_it_searches_every_story(engine: Engine, client: TestClient) -> None:
    add_story(engine, 1)
    sign_in(client)
    for path in ["/", "/?status=relevant&topic=x", "/chart"]:
        boxes = tree_of(client.get(path).text).xpath("//input[@name='q' and not(@type='hidden')]")
        assert len(boxes) == 1
        box = boxes[0]
        assert box.get("type") == "search"
        assert box.xpath("ancestor::form/input[@name='status']/@value") == ["all"]
    found = tree_of(client.get("/?status=all&q=双城论坛").text)
    assert found.xpath("//header//input[@name='q']/@value") == ["双城论坛"]
    # Filtering a search's results keeps the search.
    assert found.xpath("//form[@class='filters']/input[@type='hidden'][@name='q']/@value") == ["双城论坛"]
    assert "clear the search" in found.text_content()


@pytest.mark.parametrize(
    ("path", "current"),
    [
        ("/", "Inbox"),
        ("/?status=new", "Inbox"),
        ("/?status=relevant", "Relevant"),
        ("/?status=later&topic=x", "Later"),
        ("/?status=dismissed", "Dismissed"),
        ("/?status=all&q=论坛", "All"),
        ("/chart", "Chart"),
    ],
)
def test_the_menu_marks_the_current_page(client: TestClient, path: str, current: str) -> None:
    sign_in(client)
    marked = tree_of(client.get(path).text).xpath("//header/nav/a[@aria-current='page']")
    assert [a.text_content() for a in marked] == [current]


def test_a_story_page_is_no_menu_entry(engine: Engine, client: TestClient) -> None:
    story = add_story(engine, 1)
    sign_in(client)
    assert tree_of(client.get(f"/stories/{story}").text).xpath("//*[@aria-current]") == []


# ---------------------------------------------------------------------------------------------- undo


def undo_key(page: str) -> str:
    found = tree_of(page).xpath(
        "//div[@class='toast']//form[@action='/review/undo']/input[@name='undo']/@value"
    )
    assert len(found) == 1, "no Undo in the toast"
    return str(found[0])


def toast_of(page: str) -> str:
    return " ".join(tree_of(page).xpath("string(//div[@class='toast'])").split())


def state(engine: Engine, story: int) -> tuple[str | None, str, str | None, int]:
    """The story's review (status, note), its inbox status and the length of its history."""
    with Session(engine) as session:
        review = review_of(session, story)
        return (
            review.status if review else None,
            review.note if review else "",
            session.get_one(Story, story).review_status,
            len(history(session, story)),
        )


def test_a_decision_on_a_story_can_be_undone(engine: Engine, client: TestClient) -> None:
    story, following = add_story(engine, 1), add_story(engine, 2)
    csrf = sign_in(client)
    decided = client.post(f"/stories/{story}/review", data={"decision": "relevant", "csrf_token": csrf})
    assert decided.status_code == 303
    assert state(engine, story) == ("relevant", "", "relevant", 1)
    next_page = client.get(decided.headers["location"]).text
    assert toast_of(next_page).startswith("“双城论坛 story 1” marked relevant. Undo")
    undone = client.post("/review/undo", data={"undo": undo_key(next_page), "csrf_token": csrf})
    assert undone.status_code == 303
    assert undone.headers["location"] == f"/stories/{story}"  # back to decide again
    assert state(engine, story) == (None, "", None, 2)  # new again; the history keeps both lines
    with Session(engine) as session:
        assert [(e.status, e.reviewer) for e in history(session, story)] == [
            ("relevant", "Mei"),
            ("undone", "Mei"),
        ]
    back = client.get(undone.headers["location"]).text
    assert "Undone: “双城论坛 story 1” back as before." in toast_of(back)
    assert "/review/undo" not in back
    assert state(engine, following) == (None, "", None, 0)
    # Once only.
    again = client.post("/review/undo", data={"undo": undo_key(next_page), "csrf_token": csrf})
    assert again.status_code == 404


def test_a_scraped_title_in_the_toast_stays_text(engine: Engine, client: TestClient) -> None:
    story = add_story(engine, 1, title='双城论坛 <img src=x onerror="alert(1)"><script>alert(2)</script>')
    csrf = sign_in(client)
    decided = client.post(
        f"/stories/{story}/review", data={"decision": "later", "go": "stay", "csrf_token": csrf}
    )
    page = client.get(decided.headers["location"]).text
    toast = tree_of(page).xpath("//div[@class='toast']")[0]
    assert [element.tag for element in toast.iter("img", "script")] == []
    assert toast_of(page).startswith(
        '“双城论坛 <img src=x onerror="alert(1)"><script>alert(2)</script>” marked later.'
    )


def test_undo_puts_back_an_earlier_decision_and_its_note(engine: Engine, client: TestClient) -> None:
    story = add_story(engine, 1)
    with Session(engine) as session, session.begin():
        mark(session, [story], "later", "Lin", note="ask the desk")
    csrf = sign_in(client)
    decided = client.post(
        f"/stories/{story}/review",
        data={"decision": "dismissed", "note": "not ours", "go": "stay", "csrf_token": csrf},
    )
    assert state(engine, story) == ("dismissed", "not ours", "dismissed", 2)
    key = undo_key(client.get(decided.headers["location"]).text)
    client.post("/review/undo", data={"undo": key, "csrf_token": csrf})
    assert state(engine, story) == ("later", "ask the desk", "later", 3)
    with Session(engine) as session:
        review = review_of(session, story)
        assert review is not None
        assert review.reviewer == "Lin"


def test_a_decision_in_bulk_is_undone_for_every_story_and_the_inbox_shows_them_again(
    engine: Engine, client: TestClient
) -> None:
    stories = [add_story(engine, n) for n in range(3)]
    csrf = sign_in(client)
    back = "/?status=new&kind=report"
    decided = client.post(
        "/review",
        data={"story_id": stories[:2], "decision": "dismissed", "back": back, "csrf_token": csrf},
    )
    assert decided.headers["location"] == back
    inbox = client.get(back).text
    assert "2 stories marked dismissed." in toast_of(inbox)
    assert [state(engine, s)[0] for s in stories] == ["dismissed", "dismissed", None]
    undone = client.post("/review/undo", data={"undo": undo_key(inbox), "csrf_token": csrf})
    assert undone.headers["location"] == back
    assert [state(engine, s) for s in stories] == [(None, "", None, 2)] * 2 + [(None, "", None, 0)]
    rows = tree_of(client.get(back).text).xpath("//table[@class='inbox']/tbody/tr/@data-story")
    assert sorted(map(int, rows)) == sorted(stories)


def test_undo_needs_the_csrf_token_and_a_sign_in(engine: Engine, client: TestClient) -> None:
    story = add_story(engine, 1)
    csrf = sign_in(client)
    decided = client.post(
        f"/stories/{story}/review", data={"decision": "later", "go": "stay", "csrf_token": csrf}
    )
    key = undo_key(client.get(decided.headers["location"]).text)
    assert client.post("/review/undo", data={"undo": key}).status_code == 403
    assert client.post("/review/undo", data={"undo": key, "csrf_token": "forged"}).status_code == 403
    assert state(engine, story)[0] == "later"
    with client_of(engine) as stranger:  # a session that has not signed in
        token = csrf_of(stranger.get("/signin").text)
        refused = stranger.post("/review/undo", data={"undo": key, "csrf_token": token})
        assert refused.status_code == 303
        assert refused.headers["location"].startswith("/signin")
    assert state(engine, story)[0] == "later"
    assert client.post("/review/undo", data={"undo": key, "csrf_token": csrf}).status_code == 303
    assert state(engine, story)[0] is None


def test_nobody_undoes_another_sessions_decision(engine: Engine) -> None:
    story = add_story(engine, 1)
    app = create_app(engine, Access(TOKEN))
    with (
        TestClient(app, follow_redirects=False) as mei,
        TestClient(app, follow_redirects=False) as lin,
        TestClient(app, follow_redirects=False) as other_mei,
    ):
        mei_csrf, lin_csrf, other_csrf = sign_in(mei), sign_in(lin, "Lin"), sign_in(other_mei)
        decided = mei.post(f"/stories/{story}/review", data={"decision": "relevant", "csrf_token": mei_csrf})
        key = undo_key(mei.get(decided.headers["location"]).text)
        assert lin.post("/review/undo", data={"undo": key, "csrf_token": lin_csrf}).status_code == 404
        # The name is typed at sign-in: another browser signed in as "Mei" is still someone else.
        assert other_mei.post("/review/undo", data={"undo": key, "csrf_token": other_csrf}).status_code == 404
        assert state(engine, story)[0] == "relevant"
        assert mei.post("/review/undo", data={"undo": key, "csrf_token": mei_csrf}).status_code == 303
        assert state(engine, story)[0] is None


def test_undo_leaves_a_later_decision_and_other_stories_alone(engine: Engine) -> None:
    first, second = add_story(engine, 1), add_story(engine, 2)
    app = create_app(engine, Access(TOKEN))
    with TestClient(app, follow_redirects=False) as mei, TestClient(app, follow_redirects=False) as lin:
        csrf, lin_csrf = sign_in(mei), sign_in(lin, "Lin")

        def decide(story: int, decision: str) -> str:
            answer = mei.post(
                f"/stories/{story}/review", data={"decision": decision, "go": "stay", "csrf_token": csrf}
            )
            return undo_key(mei.get(answer.headers["location"]).text)

        first_key, second_key = decide(first, "relevant"), decide(second, "later")
        # Undoing the first decision touches only the first story.
        mei.post("/review/undo", data={"undo": first_key, "csrf_token": csrf})
        assert (state(engine, first)[0], state(engine, second)[0]) == (None, "later")
        # Lin decides on the second story meanwhile: Mei's undo must not throw Lin's decision away.
        lin.post(
            f"/stories/{second}/review", data={"decision": "dismissed", "go": "stay", "csrf_token": lin_csrf}
        )
        kept = mei.post("/review/undo", data={"undo": second_key, "csrf_token": csrf})
        assert kept.status_code == 303
        assert state(engine, second) == ("dismissed", "", "dismissed", 2)
        assert "decided again since: left as it is" in toast_of(mei.get(kept.headers["location"]).text)


# --------------------------------------------------------------------------------------------- chart


def bars_of(page: str) -> list[tuple[str, int]]:
    bars = tree_of(page).xpath("//svg[@class='chart']/rect[@class='bar']")
    return [(bar.get("data-day"), int(bar.get("data-stories"))) for bar in bars]


@time_machine.travel(datetime(2026, 12, 5, 2, 0, tzinfo=UTC), tick=False)
def test_the_chart_counts_90_days_of_stories_by_publication_date(engine: Engine) -> None:
    late_evening_utc = datetime(2026, 11, 29, 16, 30, tzinfo=UTC)  # 11-30 00:30 in Taipei
    for n in range(2):
        add_story(engine, n, published_at=late_evening_utc)
    add_story(engine, 2, published_at=datetime(2026, 12, 5, 1, 0, tzinfo=UTC))
    add_story(engine, 3, published_at=datetime(2026, 6, 1, tzinfo=UTC))  # first seen now, published long ago
    add_story(engine, 4, published_at=None)
    with client_of(engine, TAIPEI) as client:
        sign_in(client)
        page = client.get("/chart").text
    bars = bars_of(page)
    assert len(bars) == 90
    assert (bars[0][0], bars[-1][0]) == ("2026-09-07", "2026-12-05")  # today in Taipei, and 89 days before
    counts = dict(bars)
    assert counts["2026-11-30"] == 2
    assert counts["2026-11-29"] == 0
    assert counts["2026-12-05"] == 1  # not the five stories first seen today: one was published today
    assert sum(counts.values()) == 3
    assert sum(1 for _day, n in bars if n == 0) == 88
    summary = " ".join(tree_of(page).xpath("string(//p[@id='chart-summary'])").split())
    assert "3 stories published from 2026-09-07 to 2026-12-05 (days in UTC+08:00)" in summary
    assert "The busiest day was 2026-11-30, with 2; 88 days had none." in summary
    assert "1 story first seen in these days has no publication date" in summary
    assert tree_of(page).xpath("//svg[@class='chart']/@aria-labelledby") == ["chart-title chart-summary"]
    assert len(tree_of(page).xpath("//details[@class='chart-table']//tbody/tr")) == 90
    with client_of(engine, UTC) as client:
        sign_in(client)
        utc_counts = dict(bars_of(client.get("/chart").text))
    assert (utc_counts["2026-11-29"], utc_counts["2026-11-30"]) == (2, 0)  # the same stories on UTC days
