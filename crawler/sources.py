"""What the crawler is told about one source: plain, already-validated values.

The composition root (forumwatch/crawling.py) builds these from the configuration file; the crawler never
reads the file's schema, so it can be driven by anything that can fill this in (a test, a worker)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

SourceKind = Literal["feed", "site"]
# How many listing pages a site source follows from each start URL, when nothing else is said.
DEFAULT_MAX_LISTING_PAGES = 3


@dataclass(frozen=True)
class Source:
    name: str
    kind: SourceKind
    url: str | None = None  # a feed's URL
    start_urls: Sequence[str] = ()
    sitemap_urls: Sequence[str] = ()
    article_pattern: str | None = None  # a regular expression of a site's article URLs
    listing_pattern: str | None = None
    max_listing_pages: int = DEFAULT_MAX_LISTING_PAGES
    profile: str | None = None  # the cleaner's site profile; None: chosen by the page's host
    # This source's pace and requests instead of the crawl's (crawler/source_settings.py).
    download_delay: float | None = None
    concurrent_requests: int | None = None
    headers: Mapping[str, str] = field(default_factory=dict)
    cookies: Mapping[str, str] = field(default_factory=dict)
    proxy: str | None = None
    render: Literal["html", "browser"] = "html"  # "browser": loaded in Chromium (crawler/browser.py)

    def __post_init__(self) -> None:
        if self.kind == "feed" and self.url is None:
            raise ValueError(f"feed source {self.name!r} has no url")
        if self.kind == "site" and (
            self.article_pattern is None or not (self.start_urls or self.sitemap_urls)
        ):
            raise ValueError(f"site source {self.name!r} needs start or sitemap URLs and an article pattern")

    @property
    def entry_url(self) -> str:
        """The URL that identifies the source: its feed, or its first start or sitemap URL."""
        return self.url or (self.start_urls or self.sitemap_urls)[0]
