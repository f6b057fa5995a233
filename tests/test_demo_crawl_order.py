"""Crawling the demo site in any order of sources gives the same stories with the same heads.

Each order crawls the sources one at a time (a `forumwatch crawl` per source, into one database), so that
every copy of a story really arrives in that order; the stories are compared by the canonical URLs of
their copies, since database ids and which crawler stored a page first (the Sina site or its feed, for
the same URL) may differ. The orders go into databases of their own, so they are crawled side by side.
"""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from sqlalchemy.orm import Session

from dedup.fingerprints import canonical_url
from forumwatch.demo.run import demo_config_text
from forumwatch.demo.server import DemoServer
from storage.articles import list_stories
from storage.engine import open_database

SINA_2021 = "/sina/finance/doc-ikyamrmy6175870.shtml"
Partition = tuple[frozenset[frozenset[str]], frozenset[str]]

pytestmark = pytest.mark.slow  # fifteen crawl processes, three at a time


@pytest.fixture(scope="module")
def server() -> Iterator[DemoServer]:
    with DemoServer() as running:
        yield running


def only_source(config_text: str, keep: str) -> str:
    """The demo configuration with every source but ``keep`` disabled."""

    def disable(match: re.Match[str]) -> str:
        return match.group(0) if match.group(1) == keep else match.group(0) + "enabled = false\n"

    return re.sub(r'(?m)^\[\[sources\]\]\nname = "([^"]+)"\n', disable, config_text)


def crawl(config: Path, db_url: str) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "forumwatch", "crawl", "--config", str(config), "--db", db_url],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert done.returncode == 0, done.stderr


def stories_of(db_url: str) -> Partition:
    engine = open_database(db_url)
    with Session(engine) as session:
        stories = list_stories(session)
    engine.dispose()
    groups = frozenset(frozenset(canonical_url(a.url) for a in s.articles) for s in stories)
    heads = frozenset(canonical_url(a.url) for s in stories for a in s.articles if a.is_head)
    return groups, heads


def crawl_in_order(server: DemoServer, tmp_path: Path, sources: list[str], name: str) -> Partition:
    db_url = f"sqlite:///{tmp_path}/{name}.db"
    text = demo_config_text(server.base_url)
    for source in sources:
        config = tmp_path / f"{name}-{source}.toml"
        config.write_text(only_source(text, source), encoding="utf-8")
        crawl(config, db_url)
    return stories_of(db_url)


def test_any_order_of_sources_gives_the_same_stories_and_heads(server: DemoServer, tmp_path: Path) -> None:
    text = demo_config_text(server.base_url)
    sources = [s["name"] for s in tomllib.loads(text)["sources"]]
    assert only_source(text, sources[0]).count("enabled = false") == len(sources) - 1

    all_at_once = tmp_path / "all.toml"
    all_at_once.write_text(text, encoding="utf-8")

    def crawl_all_at_once() -> Partition:
        crawl(all_at_once, f"sqlite:///{tmp_path}/all.db")
        return stories_of(f"sqlite:///{tmp_path}/all.db")

    with ThreadPoolExecutor(max_workers=3) as pool:
        everything = pool.submit(crawl_all_at_once)
        forward = pool.submit(crawl_in_order, server, tmp_path, sources, "forward")
        reverse = pool.submit(crawl_in_order, server, tmp_path, sources[::-1], "reverse")
    expected = everything.result()
    assert forward.result() == expected
    assert reverse.result() == expected
    # The 2021 story has three copies (the Sina page, which its feed also leads to; the Traditional
    # copy; the portal reprint), one story in every order, headed by Sina's original.
    groups, heads = expected
    [forum_2021] = [group for group in groups if any(SINA_2021 in url for url in group)]
    assert len(forum_2021) == 3
    assert [url for url in forum_2021 if url in heads] == [u for u in forum_2021 if SINA_2021 in u]
