"""Calling a FeedSpider's parse_feed from a test: it is an async generator (the feed is parsed in a
child process, crawler/feed_parsing.py), run here on an event loop of its own."""

from __future__ import annotations

import asyncio
from typing import Any

from scrapy.http import Response

from crawler.spiders.feed import FeedSpider


def parse_feed_results(spider: FeedSpider, response: Response) -> list[Any]:
    async def collect() -> list[Any]:
        return [result async for result in spider.parse_feed(response)]

    return asyncio.run(collect())
