"""SiteSpider: listing pages (with pagination to a set depth) and sitemaps lead to article pages."""

from __future__ import annotations

import hashlib
import logging
import re
from collections.abc import AsyncIterator, Iterator
from typing import Any

import scrapy
from scrapy.exceptions import NotSupported
from scrapy.http import Response, TextResponse
from scrapy.linkextractors import LinkExtractor
from scrapy.utils.gz import gunzip
from scrapy.utils.sitemap import Sitemap

from crawler import stats
from crawler.spiders.base import SourceSpider
from storage.fingerprints import canonical_url

logger = logging.getLogger(__name__)

# Link texts that mean "next page" on the listing pages of the outlets we watch.
NEXT_PAGE_TEXTS = frozenset(
    {"下一页", "下一頁", "下页", "下頁", "next", "next page", "older posts", "›", "»"}
)
NEXT_PAGE_SELECTORS = ("a[rel~=next]", "link[rel~=next]", "a.next", "a.pagebox_next", "a.next-page")
GZIP_MAGIC = b"\x1f\x8b"


class SiteSpider(SourceSpider):
    def __init__(self, *args: Any, max_listing_pages: int = 3, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        assert self.source.article_pattern is not None  # guaranteed by the config's validation
        self.article_pattern = re.compile(self.source.article_pattern)
        self.listing_pattern = (
            re.compile(self.source.listing_pattern) if self.source.listing_pattern else None
        )
        self.max_listing_pages = self.source.max_listing_pages or max_listing_pages
        self.article_links = LinkExtractor(allow=self.source.article_pattern)
        self._linked: set[str] = set()  # the articles the listings and sitemaps linked to, canonical

    async def start(self) -> AsyncIterator[Any]:
        for url in self.source.start_urls:
            yield self.listing_request(url, page=1)
        for url in self.source.sitemap_urls:
            yield scrapy.Request(url, callback=self.parse_sitemap, errback=self.on_error)

    def listing_request(self, url: str, page: int) -> scrapy.Request:
        return scrapy.Request(
            url, callback=self.parse_listing, errback=self.on_error, cb_kwargs={"page": page}
        )

    def parse_listing(self, response: Response, page: int) -> Iterator[scrapy.Request]:
        if not isinstance(response, TextResponse):
            stats.count_error(self.crawler.stats, "listing")
            logger.error("source %s: listing %s is not an HTML page", self.source.name, response.url)
            return
        try:
            links = self.article_links.extract_links(response)
        except NotSupported:  # a text response that is not HTML or XML
            stats.count_error(self.crawler.stats, "listing")
            logger.error("source %s: listing %s is not an HTML page", self.source.name, response.url)
            return
        for link in links:
            yield self.listed_article(link.url)
        if page < self.max_listing_pages:
            for url in self._next_pages(response):
                yield self.listing_request(url, page=page + 1)

    def _next_pages(self, response: Response) -> set[str]:
        found: set[str] = set()
        for selector in NEXT_PAGE_SELECTORS:
            found.update(response.css(f"{selector}::attr(href)").getall())
        for anchor in response.css("a[href]"):
            text = " ".join(anchor.css("::text").getall()).strip().lower()
            href = anchor.attrib["href"]
            if text in NEXT_PAGE_TEXTS or (self.listing_pattern and self.listing_pattern.search(href)):
                found.add(href)
        return {response.urljoin(href) for href in found if href and not href.startswith("#")}

    def parse_sitemap(self, response: Response) -> Iterator[scrapy.Request]:
        body = response.body
        try:
            if body[:2] == GZIP_MAGIC:  # a truncated or oversized archive is as unusable as junk
                body = gunzip(body, max_size=self.crawler.settings.getint("DOWNLOAD_MAXSIZE"))
            sitemap = Sitemap(body)
        except Exception as error:  # lxml raises several types on junk; all mean "not a sitemap"
            stats.count_error(self.crawler.stats, "listing")
            logger.error("source %s: sitemap %s unusable: %s", self.source.name, response.url, error)
            return
        for entry in sitemap:
            location = entry.get("loc", "").strip()
            if not location:
                continue
            if sitemap.type == "sitemapindex":
                yield scrapy.Request(location, callback=self.parse_sitemap, errback=self.on_error)
            elif self.article_pattern.search(location):
                yield self.listed_article(location)

    def listed_article(self, url: str) -> scrapy.Request:
        self._linked.add(canonical_url(url))
        return self.article_request(url)

    def closed(self, reason: str) -> None:
        """The digest of what the listings linked to: the same night after night means the listing
        stopped changing (scheduler/health.py), whether or not its articles matched a topic."""
        if self._linked:
            digest = hashlib.sha1("\n".join(sorted(self._linked)).encode(), usedforsecurity=False)
            self.crawler.stats.set_value(stats.LISTING_DIGEST, digest.hexdigest()[:16])
