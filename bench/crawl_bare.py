"""The crawl benchmark's reference: a bare Scrapy spider that follows the links forumwatch's site spider
follows (articles by the same pattern, listings by rel=next) and only reads the responses.

    python -m bench.crawl_bare START_URL ARTICLE_PATTERN STATS_FILE

Run in a process of its own, with forumwatch's concurrency and none of its work: its Scrapy stats go to
STATS_FILE as JSON.
"""

from __future__ import annotations

import json
import sys
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import scrapy
from scrapy.crawler import CrawlerProcess
from scrapy.http import Response, TextResponse
from scrapy.linkextractors import LinkExtractor

ARTICLES = "bare/articles"
ARTICLE_BYTES = "bare/article_bytes"
# As a `forumwatch crawl` with [crawl] concurrent_requests_per_domain = 16, download_delay = 0 and
# autothrottle = false (bench/crawl.py writes that configuration): 16 requests in flight, no delay.
SETTINGS = {
    "CONCURRENT_REQUESTS": 16,
    "CONCURRENT_REQUESTS_PER_DOMAIN": 16,
    "DOWNLOAD_DELAY": 0,
    "AUTOTHROTTLE_ENABLED": False,
    "ROBOTSTXT_OBEY": True,
    "COOKIES_ENABLED": False,
    "TELNETCONSOLE_ENABLED": False,
    "USER_AGENT": "forumwatch-bench",
    "LOG_LEVEL": "WARNING",
}


class BareSpider(scrapy.Spider):
    name = "bare"

    def __init__(self, start_url: str, article_pattern: str, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.start_url = start_url
        self.article_links = LinkExtractor(allow=article_pattern)

    async def start(self) -> AsyncIterator[scrapy.Request]:
        yield scrapy.Request(self.start_url, callback=self.parse_listing)

    def parse_listing(self, response: Response) -> Iterator[scrapy.Request]:
        assert isinstance(response, TextResponse)
        for link in self.article_links.extract_links(response):
            yield scrapy.Request(link.url, callback=self.parse_article)
        for href in response.css("a[rel~=next]::attr(href)").getall():
            yield response.follow(href, callback=self.parse_listing)

    def parse_article(self, response: Response) -> None:
        assert self.crawler.stats is not None
        self.crawler.stats.inc_value(ARTICLES)
        self.crawler.stats.inc_value(ARTICLE_BYTES, len(response.body))


def main(argv: list[str]) -> None:
    start_url, article_pattern, stats_file = argv
    process = CrawlerProcess(SETTINGS)
    crawler = process.create_crawler(BareSpider)
    process.crawl(crawler, start_url=start_url, article_pattern=article_pattern)
    process.start()
    assert crawler.stats is not None
    Path(stats_file).write_text(json.dumps(crawler.stats.get_stats(), default=str), encoding="utf-8")


if __name__ == "__main__":
    main(sys.argv[1:])
