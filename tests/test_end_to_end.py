"""A real crawl: the demo site served over HTTP on 127.0.0.1, `forumwatch crawl` run as its own process
(as the scheduler runs it), twice, into a real database (SQLite, and PostgreSQL when configured)."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from dedup.fingerprints import canonical_url
from forumwatch.demo.run import demo_config_text
from forumwatch.demo.server import DemoServer
from storage.articles import count_rows, list_stories
from storage.engine import open_database
from storage.models import Article

pytestmark = pytest.mark.slow  # crawl processes

# The stories of the demo site (forumwatch/demo/site/README.md), by a phrase of their head's title,
# with the sources of their copies. The Sina site and the Sina feed lead to the same pages; which of
# the two crawlers stores a page first is a race, so both count as "sina".
EXPECTED_STORIES = {
    "2021上海-台北城市论坛以视频形式举行": {"sina", "twnews", "portal"},
    "2023上海-台北城市论坛": {"sina"},
    "Mayor Travels to Shanghai to Attend Twin-City Forum": {"taipei-gov-en"},
    "城市論壇": {"twnews"},
    "上合峰会城市": {"mayors-blog"},
    "友城": {"farm"},
}


def outlet(source: str) -> str:
    return "sina" if source.startswith("sina-finance") else source


@dataclass
class CrawlResult:
    returncode: int
    table: str
    stderr: str


def run_crawl(config: Path, db_url: str) -> CrawlResult:
    done = subprocess.run(
        [sys.executable, "-m", "forumwatch", "crawl", "--config", str(config), "--db", db_url],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    return CrawlResult(done.returncode, done.stdout, done.stderr)


def row_of(table: str, source: str) -> dict[str, int]:
    lines = table.splitlines()
    header = lines[0].split()
    for line in lines[2:]:
        cells = line.split()
        if cells[0] == source:
            return dict(zip(header[1:], map(int, cells[1:]), strict=True))
    raise AssertionError(f"no row for {source} in\n{table}")


@pytest.fixture
def demo(tmp_path: Path) -> Iterator[tuple[DemoServer, Path]]:
    with DemoServer() as server:
        config = tmp_path / "forumwatch.toml"
        config.write_text(demo_config_text(server.base_url), encoding="utf-8")
        yield server, config


def test_demo_site_is_crawled_into_its_stories_once(demo: tuple[DemoServer, Path], database_url: str) -> None:
    server, config = demo
    first = run_crawl(config, database_url)
    assert first.returncode == 0, first.stderr
    assert row_of(first.table, "total")["new"] == len(EXPECTED_STORIES)

    engine = open_database(database_url)
    with Session(engine) as session:
        stories = list_stories(session)
        texts = session.scalars(select(Article.text)).all()
    found = {}
    for story in stories:
        [key] = [k for k in EXPECTED_STORIES if k in story.articles[0].title] or [story.articles[0].title]
        assert key not in found, f"story {key!r} stored twice"
        found[key] = {outlet(a.source) for a in story.articles}
    assert found == EXPECTED_STORIES
    assert all("\ufffd" not in text for text in texts)

    # The Traditional copy and the reprint are copies inside the 2021 story, never heads.
    [forum_2021] = [s for s in stories if "2021上海-台北城市论坛" in s.title]
    assert [outlet(a.source) for a in forum_2021.articles if a.is_head] == ["sina"]
    assert {a.script for a in forum_2021.articles} == {"Hans", "Hant"}

    # Nothing unrelated was stored, and robots.txt kept the crawler out of /farm/private/.
    assert row_of(first.table, "total")["off-topic"] >= 4
    assert not any(path.startswith("/farm/private/") for path in server.requests_log)

    # Crawling again stores nothing and downloads no stored article again.
    rows_before = count_rows(engine)
    served_before = len(server.requests_log)
    second = run_crawl(config, database_url)
    assert second.returncode == 0, second.stderr
    assert count_rows(engine) == rows_before
    total = row_of(second.table, "total")
    assert (total["new"], total["errors"]) == (0, 0)
    stored = {canonical_url(a.url) for s in stories for a in s.articles}
    refetched = [
        p for p in server.requests_log[served_before:] if canonical_url(server.base_url + p) in stored
    ]
    assert refetched == []


def test_stories_and_articles_json_after_a_crawl(demo: tuple[DemoServer, Path], sqlite_url: str) -> None:
    _, config = demo
    assert run_crawl(config, sqlite_url).returncode == 0
    listed = subprocess.run(
        [sys.executable, "-m", "forumwatch", "stories", "--db", sqlite_url, "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    stories = json.loads(listed.stdout)
    assert len(stories) == len(EXPECTED_STORIES)
    assert all(
        {"url", "source", "title"} <= set(article) for story in stories for article in story["articles"]
    )
    by_title = {story["title"]: story for story in stories}

    # The seed cases: the Taipei release announces the mayor's trip to the 2019 forum in Shanghai;
    # the Sina article reports the 2021 forum as held; the 2023 page announces the coming forum.
    taipei = by_title["Mayor Travels to Shanghai to Attend Twin-City Forum"]
    assert (taipei["kind"], taipei["event"]["year"], taipei["event"]["city"]) == (
        "announcement",
        2019,
        "Shanghai",
    )
    assert "Twin-City Forum" in taipei["event"]["name"]
    sina = by_title["2021上海-台北城市论坛以视频形式举行"]
    assert (sina["kind"], sina["event"]["year"], sina["event"]["start"]) == ("report", 2021, "2021-12-01")
    [coming] = [s for s in stories if s["title"].startswith("2023上海-台北城市论坛")]
    assert (coming["kind"], coming["event"]["start"], coming["event"]["end"]) == (
        "announcement",
        "2023-08-29",
        "2023-08-30",
    )
    assert by_title["上海的国际友城网络:构建全球合作伙伴关系,促进更深层次的合作"]["kind"] == "other"

    # Every topic match explains itself: which alias, where.
    [head] = [a for a in sina["articles"] if a["id"] == sina["head"]]
    [match] = head["topic_matches"]
    assert match["topic"] == "twin-city-forum"
    # 上海-台北城市论坛 in the title is the alias 上海台北城市论坛: punctuation between hanzi is no break
    assert {"alias": "上海台北城市论坛", "where": "title", "count": 1} in match["evidence"]["hits"]
    assert match["evidence"]["explanation"].startswith("title: 上海台北城市论坛")
    text_listing = subprocess.run(
        [sys.executable, "-m", "forumwatch", "stories", "--db", sqlite_url, "--kind", "announcement"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "Mayor Travels to Shanghai" in text_listing
    assert "2021上海-台北城市论坛以视频形式举行" not in text_listing
    assert "twin-city-forum: title: Twin-City Forum" in text_listing

    articles = subprocess.run(
        [
            sys.executable,
            "-m",
            "forumwatch",
            "articles",
            "--db",
            sqlite_url,
            "--topic",
            "sister-cities",
            "--json",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    assert [a["source"] for a in json.loads(articles.stdout)] == ["farm"]
