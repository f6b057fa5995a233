"""One spider per kind of source: feeds (FeedSpider) and sites (SiteSpider)."""

from __future__ import annotations

from crawler.spiders.base import SourceSpider
from crawler.spiders.feed import FeedSpider
from crawler.spiders.site import SiteSpider

SPIDER_BY_KIND: dict[str, type[SourceSpider]] = {"feed": FeedSpider, "site": SiteSpider}

__all__ = ["SPIDER_BY_KIND", "FeedSpider", "SiteSpider", "SourceSpider"]
