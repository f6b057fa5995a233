"""Alert rules: which events are one and which moved (pure decisions); and the alerts queued for the
stories stored in runs (SQLite file and PostgreSQL): one per new story and channel, none for copies or
re-evaluation, a moved forum alerts again, digests group a run, immediate rules see a run still crawling."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from alerts.rules import event_key, event_moves
from alerts.settings import AlertSettings, Topic
from dedup.fingerprints import canonical_url, content_hash
from dedup.neardup import fingerprint
from forumwatch.alerting import alerts_of
from forumwatch.config import parse_config
from scheduler.postrun import evaluate_running_runs, review_ended_runs
from storage.articles import ArticleRecord, TopicScore, ensure_source, save_article
from storage.models import Alert, CrawlRun
from storage.notices import StoryFacts
from storage.runs import RunStart, finish_run, start_run

TOPICS = (
    Topic(name="twin-city-forum", aliases=("双城论坛", "上海-台北城市论坛", "Twin-City Forum")),
    Topic(name="mayors-forum", aliases=("市长论坛",)),
)


def facts(
    event: dict[str, object] | None, topics: frozenset[str] = frozenset({"twin-city-forum"})
) -> StoryFacts:
    return StoryFacts(
        story_id=1, created_at=datetime(2026, 11, 21, tzinfo=UTC), kind="announcement", event=event,
        topics=topics, copies=1, title="t", url="http://x/", outlet=None, published=None, text="",
        language="zh", script="Hans",
    )  # fmt: skip


def test_an_event_is_known_by_its_topic_and_year_in_either_script() -> None:
    simplified = facts({"name": "2021上海-台北城市论坛", "year": 2021, "start": "2021-12-01"})
    traditional = facts({"name": "雙城論壇", "year": None, "start": "2021-12-01"})
    assert event_key(simplified, TOPICS) == event_key(traditional, TOPICS) == "twin-city-forum:2021"
    assert event_key(facts({"name": "雙城論壇", "year": None, "start": None}), TOPICS) is None
    assert event_key(facts(None), TOPICS) is None


def test_an_event_moves_when_a_date_or_a_place_both_readings_know_differ() -> None:
    before = {"start": "2021-12-01", "end": None, "venue": "臺北晶華酒店", "city": "臺北"}
    assert event_moves(before, dict(before, venue="台北晶华酒店")) == []  # the same place in another script
    assert event_moves(before, dict(before, start="2021-12-08")) == ["date"]
    assert event_moves(before, dict(before, venue=None, city="上海")) == ["city"]
    assert event_moves(before, {"start": None, "venue": None, "city": None}) == []
    assert event_moves(None, before) == []


CONFIG: dict[str, Any] = {
    "topics": [{"name": "twin-city-forum", "aliases": ["上海-台北城市论坛", "双城论坛"]}],
    "sources": [{"name": "portal", "kind": "feed", "url": "http://127.0.0.1/feed"}],
    "channels": [
        {"name": "hook", "kind": "webhook", "url": "http://127.0.0.1/hook"},
        {"name": "mail", "kind": "webhook", "url": "http://127.0.0.1/mail"},
    ],
    "alerts": [
        {"name": "forums", "topics": ["twin-city-forum"], "kinds": ["announcement", "event-changed"],
         "channels": ["hook", "mail"]},
        {"name": "morning", "kinds": ["new-story"], "channels": ["mail"], "delivery": "digest"},
    ],
}  # fmt: skip

ANNOUNCEMENT = (
    "2023上海-台北城市论坛将于8月29日至30日在上海举行，台北市长蒋万安将率团出席，这是他就任以来首次赴沪。\n"
    "据上海市台办介绍，本届论坛以双城携手共创未来为主题，围绕城市治理、青年交流和产业合作展开讨论。\n"
    "论坛期间，两市还将签署包括文化、体育、卫生在内的多项交流合作备忘录，并安排参访团考察城市更新项目。"
)
MOVED = (
    "因台风影响，2023上海-台北城市论坛改于9月5日至6日举行，地点不变，台北市政府今天证实了这一消息。\n"
    "台北市政府发言人表示，参访团名单和议程大体维持原案，部分参访行程将视天气情况调整后另行公布。\n"
    "上海方面表示将做好接待准备，欢迎台北市参访团来沪，期待论坛在新的日期顺利举行并取得务实成果。"
)
EVENT = {"name": "2023上海-台北城市论坛", "edition": None, "year": 2023, "start": "2023-08-29",
         "end": "2023-08-30", "city": "上海", "venue": None}  # fmt: skip


def settings() -> AlertSettings:
    return alerts_of(parse_config(CONFIG))


def store(engine: Engine, run_id: int, url: str, body: str, event: dict[str, Any], kind: str) -> int:
    record = ArticleRecord(
        source_name="portal", url=url, canonical_url=canonical_url(url), content_hash=content_hash(body),
        title=body.split("，")[0], text=body, near_dup=fingerprint(body), kind=kind, event=event,
        topics=(TopicScore("twin-city-forum", 5.0, {}),), language="zh", script="Hans",
        published_at=datetime(2023, 8, 24, 8, tzinfo=UTC), crawl_run_id=run_id,
    )  # fmt: skip
    with Session(engine) as session, session.begin():
        source_id = ensure_source(session, "portal", "feed", "http://127.0.0.1/feed", "portal")
        result = save_article(session, record, source_id)
        assert result.story_id is not None
        return result.story_id


def run(engine: Engine) -> int:
    with Session(engine) as session, session.begin():
        return start_run(session, RunStart(sources=["portal"]))


def end(engine: Engine, run_id: int) -> None:
    with Session(engine) as session, session.begin():
        finish_run(session, run_id, "finished", {"sources": {}})


def queued_alerts(engine: Engine) -> list[tuple[str, str, str, str | None]]:
    with Session(engine) as session:
        rows = session.scalars(select(Alert).order_by(Alert.id))
        return [(a.rule, a.channel, a.occasion.partition(":")[0], a.digest_key) for a in rows]


def test_alerts_per_story_and_channel_copies_add_none_and_a_moved_forum_alerts_again(engine: Engine) -> None:
    first = run(engine)
    story = store(engine, first, "http://127.0.0.1/a", ANNOUNCEMENT, EVENT, "announcement")
    end(engine, first)
    review_ended_runs(engine, settings())
    review_ended_runs(engine, settings())  # reviewed once: nothing more
    assert queued_alerts(engine) == [
        ("forums", "hook", "new", None),
        ("forums", "mail", "new", None),
        ("morning", "mail", "new", f"run:{first}"),
    ]

    second = run(engine)  # a reprint of the announcement, and a later story moving the forum
    assert (
        store(
            engine, second, "http://127.0.0.1/b", ANNOUNCEMENT + "\n（责任编辑：王翔）", EVENT, "announcement"
        )
        == story
    )
    moved = dict(EVENT, start="2023-09-05", end="2023-09-06", city=None)
    store(engine, second, "http://127.0.0.1/c", MOVED, moved, "report")
    end(engine, second)
    review_ended_runs(engine, settings())

    new = queued_alerts(engine)[3:]
    assert new == [
        ("forums", "hook", "event-changed", None),
        ("forums", "mail", "event-changed", None),
        ("morning", "mail", "new", f"run:{second}"),
    ]
    with Session(engine) as session:
        changed = session.scalars(select(Alert).where(Alert.occasion.startswith("event-changed"))).first()
        assert changed is not None
        assert changed.payload["moved"] == ["date"]
        assert changed.payload["previous_event"]["start"] == "2023-08-29"
        assert changed.event_key == "twin-city-forum:2023"


def test_immediate_rules_see_a_run_still_crawling_and_digests_wait_for_its_end(engine: Engine) -> None:
    live = run(engine)
    store(engine, live, "http://127.0.0.1/a", ANNOUNCEMENT, EVENT, "announcement")
    assert evaluate_running_runs(engine, settings()) == 2  # the immediate rule's two channels
    assert [a[3] for a in queued_alerts(engine)] == [None, None]
    end(engine, live)
    review_ended_runs(engine, settings())
    assert len(queued_alerts(engine)) == 3
    with Session(engine) as session:
        assert session.get_one(CrawlRun, live).reviewed_at is not None
