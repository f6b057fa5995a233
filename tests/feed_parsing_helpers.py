"""Calling a FeedSpider's parse_feed from a test: it is an async generator (the feed is parsed in a
child process, crawler/feed_parsing.py), run here on an event loop of its own. And the shared eval
feeds, read in place."""

from __future__ import annotations

import asyncio
import os
from pathlib import Path
from typing import Any

import pytest
from scrapy.http import Response

from crawler.spiders.feed import FeedSpider

# The third-party feeds of ../shared/eval (its README): read where they are, never copied here.
EVAL_FEEDS = Path(__file__).resolve().parents[2] / "shared" / "eval" / "feeds"
# CI sets this (tests/conftest.py): what a test needs must be there, and its absence fails the test.
REQUIRE_SERVERS_ENV = "FORUMWATCH_TEST_REQUIRE_SERVERS"


def parse_feed_results(spider: FeedSpider, response: Response) -> list[Any]:
    async def collect() -> list[Any]:
        return [result async for result in spider.parse_feed(response)]

    return asyncio.run(collect())


def eval_feeds_or_skip() -> Path:
    """The eval feeds folder; the test is skipped without it, or fails when CI requires it."""
    if not EVAL_FEEDS.is_dir():
        if os.environ.get(REQUIRE_SERVERS_ENV):
            pytest.fail(f"{REQUIRE_SERVERS_ENV} is set but the eval feeds are not at {EVAL_FEEDS}")
        pytest.skip(f"no eval feeds at {EVAL_FEEDS} (the shared eval data, checked out beside the project)")
    return EVAL_FEEDS
