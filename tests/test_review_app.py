"""The review application over HTTP (Starlette's test client, the real app and a real SQLite file with
the demo site crawled into it): sign-in, CSRF, the pages, the API, exports, and hostile stories."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from pathlib import Path

import feedparser
import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient
from lxml import html as lxml_html

from forumwatch.cli import main
from review.app import create_app
from review.export_formats import story_entry_id
from review.security import Access
from storage.engine import open_database
from tests.review_data import add_hostile_stories, crawl_demo

TOKEN = "correct horse battery staple"


@pytest.fixture(scope="module")
def database(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, list[int]]:
    workdir = tmp_path_factory.mktemp("review")
    db_url = f"sqlite:///{workdir}/review.db"
    crawl_demo(db_url, workdir)
    return db_url, add_hostile_stories(db_url)


@pytest.fixture
def client(database: tuple[str, list[int]]) -> Iterator[TestClient]:
    with TestClient(create_app(open_database(database[0]), Access(TOKEN)), follow_redirects=False) as client:
        yield client


def csrf_of(page: str) -> str:
    found = re.search(r'name="csrf-token" content="([^"]+)"', page)
    assert found is not None
    return found.group(1)


def sign_in(client: TestClient) -> str:
    form = client.get("/signin")
    answer = client.post(
        "/signin", data={"name": "Mei", "token": TOKEN, "next": "/", "csrf_token": csrf_of(form.text)}
    )
    assert answer.status_code == 303
    return csrf_of(client.get("/").text)


def test_nothing_is_served_without_sign_in(client: TestClient) -> None:
    for path in ["/", "/stories/1", "/chart", "/?status=all"]:
        answer = client.get(path)
        assert answer.status_code == 303
        assert answer.headers["location"].startswith("/signin")
    for path in ["/api/stories", "/api/stories/1", "/api/openapi.json", "/export.csv", "/export.jsonl"]:
        assert client.get(path).status_code == 401
    assert client.get("/feed.atom").status_code == 401
    assert client.get("/signin").headers["content-security-policy"].startswith("default-src 'none'")


def test_a_wrong_token_is_refused_and_a_right_one_signs_in(client: TestClient) -> None:
    form = client.get("/signin")
    wrong = client.post("/signin", data={"name": "x", "token": "guess", "csrf_token": csrf_of(form.text)})
    assert wrong.status_code == 401
    sign_in(client)
    inbox = client.get("/")
    assert inbox.status_code == 200
    assert "2021上海-台北城市论坛以视频形式举行" in inbox.text


def test_a_change_without_the_csrf_token_is_refused(
    client: TestClient, database: tuple[str, list[int]]
) -> None:
    csrf = sign_in(client)
    story = database[1][0]
    refused = client.post(f"/stories/{story}/review", data={"decision": "relevant"})
    assert refused.status_code == 403
    wrong = client.post(f"/stories/{story}/review", data={"decision": "relevant", "csrf_token": "forged"})
    assert wrong.status_code == 403
    assert (
        client.post("/api/reviews", json={"story_ids": [story], "decision": "dismissed"}).status_code == 403
    )
    assert client.post("/signout").status_code == 403
    done = client.post(
        f"/stories/{story}/review", data={"decision": "later", "go": "stay", "csrf_token": csrf}
    )
    assert done.status_code == 303
    assert client.get(f"/api/stories/{story}").json()["review"]["status"] == "later"
    done = client.post(
        "/api/reviews", json={"story_ids": [story], "decision": "dismissed"}, headers={"X-CSRF-Token": csrf}
    )
    assert done.json() == {"marked": [story], "status": "dismissed"}


def test_scripts_use_the_bearer_token_without_cookies_or_csrf(database: tuple[str, list[int]]) -> None:
    with TestClient(create_app(open_database(database[0]), Access(TOKEN))) as script:
        auth = {"Authorization": f"Bearer {TOKEN}"}
        stories = script.get("/api/stories?status=all&limit=3", headers=auth).json()
        assert len(stories["stories"]) == 3
        assert stories["next"]
        story = stories["stories"][0]["story_id"]
        marked = script.post(f"/api/stories/{story}/review", json={"decision": "relevant"}, headers=auth)
        assert marked.status_code == 200
        spec = script.get("/api/openapi.json", headers=auth).json()
        assert {"/api/stories", "/api/reviews", "/export.csv", "/feed.atom"} <= set(spec["paths"])
        assert script.get("/api/stories", headers={"Authorization": "Bearer nope"}).status_code == 401


def test_hostile_stories_render_nothing_that_can_run(
    client: TestClient, database: tuple[str, list[int]]
) -> None:
    sign_in(client)
    pages = [client.get("/?status=all").text] + [client.get(f"/stories/{i}").text for i in database[1]]
    for page in pages:
        tree = lxml_html.fromstring(page)
        scripts = [s.get("src") for s in tree.iter("script")]
        assert scripts == ["/static/app.js"]  # ours only, and no inline script
        assert [e.tag for e in tree.iter("iframe", "img", "svg", "object", "embed")] == []
        assert len(list(tree.iter("body"))) == 1
        for element in tree.iter():
            if not isinstance(element.tag, str):
                continue
            for name, value in element.attrib.items():
                assert not name.startswith("on"), (element.tag, name, value)
                if name in ("href", "src", "action"):
                    assert re.match(r"^(https?://|/|\?|#|data:,$)", value.strip()), (element.tag, name, value)
    story = client.get(f"/stories/{database[1][0]}").text
    assert "&lt;script&gt;" in story  # shown as text, so people see what the page tried
    assert "link withheld: not http" in story


def test_exports_of_the_current_filter(client: TestClient) -> None:
    sign_in(client)
    exported = client.get("/export.csv?status=all&topic=twin-city-forum")
    assert exported.status_code == 200
    assert exported.text.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(exported.text.lstrip("\ufeff"))))
    assert rows
    assert all("twin-city-forum" in row["topics"] for row in rows)
    lines = client.get("/export.jsonl?status=all&kind=report").text.splitlines()
    assert lines
    assert all(json.loads(line)["kind"] == "report" for line in lines)


def test_the_atom_feed_lists_relevant_stories_with_the_key_from_the_inbox(client: TestClient) -> None:
    csrf = sign_in(client)
    heads = {}
    for listed in client.get("/api/stories?status=all").json()["stories"]:
        detail = client.get(f"/api/stories/{listed['story_id']}").json()
        heads[listed["story_id"]] = next(a["url"] for a in detail["articles"] if a["id"] == detail["head"])
    story_id = next(i for i, url in heads.items() if url.startswith("http"))
    client.post(
        "/api/reviews", json={"story_ids": [story_id], "decision": "relevant"}, headers={"X-CSRF-Token": csrf}
    )
    key = re.search(r"/feed.atom\?key=([0-9a-f]+)", client.get("/").text)
    assert key is not None
    feed = client.get(f"/feed.atom?key={key.group(1)}")
    assert feed.status_code == 200
    assert feed.headers["content-type"].startswith("application/atom+xml")
    assert f"<id>{story_entry_id(story_id)}</id>" in feed.text
    # Entries link to the articles, which a feed reader can open, not to this site's sign-in.
    parsed = feedparser.parse(feed.content)
    assert heads[story_id] in [entry.link for entry in parsed.entries]
    assert TOKEN not in feed.text
    assert key.group(1) not in feed.text


def test_serve_refuses_to_run_open_or_without_a_token(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("FORUMWATCH_REVIEW_TOKEN", raising=False)
    db = f"sqlite:///{tmp_path}/x.db"
    runner = CliRunner()
    no_token = runner.invoke(main, ["serve", "--db", db])
    assert no_token.exit_code == 2
    assert "FORUMWATCH_REVIEW_TOKEN" in no_token.output
    open_wide = runner.invoke(main, ["serve", "--db", db, "--open", "--host", "0.0.0.0"])
    assert open_wide.exit_code == 2
    assert "loopback" in open_wide.output
