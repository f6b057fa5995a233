"""Pages built by JavaScript, rendered in a browser: scrapy-playwright driving Chromium, for the sources
that ask for it ([[sources]] render = "browser").

Some portals send a page whose article a script builds from a JSON blob or an API call. For such a
source every request but robots.txt is loaded in a browser page (``RenderInBrowser``), and the HTML the
page holds once loaded is the response. The download handler is scrapy-playwright's under the
politeness of crawler/politeness.py, so a rendered page waits for its host's turn like any download.
Within the page:

- every request it makes is judged by the network policy (crawler/netpolicy.py) before it leaves,
  the host's addresses resolved here, since Chromium resolves names itself and Twisted's resolver,
  where the policy checks addresses for plain downloads, never sees them;
- images, fonts and media are not loaded: the article is text;
- a page that does not load within its timeout fails as a ``browser`` error of the source, and past the
  crawl's cap of pages a source's further pages fail so too.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from scrapy import Request, Spider
from scrapy.crawler import Crawler
from scrapy.http import Response
from scrapy.settings import Settings
from scrapy_playwright.handler import Config, ScrapyPlaywrightDownloadHandler

from crawler.browser_settings import (
    BLOCKED_RESOURCES,
    BROWSER_MAX_PAGES_SETTING,
    DEFAULT_MAX_PAGES,
    browser_settings,
)
from crawler.netpolicy import NetworkPolicy, literal_address, policy_of
from crawler.politeness import ROBOTS_TXT_PATH, PoliteDownloadHandler

logger = logging.getLogger(__name__)


class BrowserPageError(Exception):
    """A page the browser could not give: its cap reached, or a page that would not load in time."""


class BrowserDownloadHandler(PoliteDownloadHandler, ScrapyPlaywrightDownloadHandler):  # type: ignore[misc]
    """scrapy-playwright's handler, waiting for the host's turn (PoliteDownloadHandler), with the network
    policy, the blocked resources and the cap of pages."""

    def __init__(self, crawler: Crawler) -> None:
        super().__init__(crawler)
        # scrapy-playwright reads its own settings; ours (the Chromium, the page timeout) say what they are.
        merged = Settings(crawler.settings.copy_to_dict())
        merged.setdict(browser_settings(crawler.settings), priority="cmdline")
        self.config = Config.from_settings(merged)
        self._policy: NetworkPolicy = policy_of(crawler.settings)
        self._max_pages = crawler.settings.getint(BROWSER_MAX_PAGES_SETTING, DEFAULT_MAX_PAGES)
        self._pages = 0
        # Each host's verdict, resolved once: a page asks the same few hosts for dozens of resources.
        self._verdicts: dict[str, str | None] = {}
        self.abort_request = self._refused

    async def download_request(self, request: Request) -> Response:
        if request.meta.get("playwright"):
            self._pages += 1
            if self._pages > self._max_pages:
                raise BrowserPageError(f"the crawl's cap of {self._max_pages} browser pages is reached")
        try:
            return await super().download_request(request)
        except Exception as error:
            if request.meta.get("playwright") and type(error).__name__ == "TimeoutError":
                raise BrowserPageError(f"the page did not load in time: {error}") from None
            raise

    async def _refused(self, page_request: Any) -> bool:
        """Whether a request the page makes is not to leave: a resource the article does not need, or an
        address the network policy refuses."""
        if page_request.resource_type in BLOCKED_RESOURCES:
            return True
        url = str(page_request.url)
        if url.startswith(("data:", "blob:", "about:")):
            return False
        reason = self._policy.url_refusal(url) or await self._address_refusal(url)
        if reason is not None:
            logger.warning("browser page request refused: %s: %s", url, reason)
            return True
        return False

    async def _address_refusal(self, url: str) -> str | None:
        from urllib.parse import urlsplit

        host = urlsplit(url).hostname or ""
        if literal_address(host) is not None or self._policy.host_allowed(host):
            return None  # judged with the URL
        if host not in self._verdicts:
            self._verdicts[host] = await self._resolved_refusal(host)
        return self._verdicts[host]

    async def _resolved_refusal(self, host: str) -> str | None:
        try:
            found = await asyncio.get_running_loop().getaddrinfo(host, None)
        except OSError:
            return None  # nothing to connect to: the browser's own request fails, as it would anyway
        for *_, sockaddr in found:
            address = literal_address(str(sockaddr[0]))
            refusal = self._policy.address_refusal(address, host) if address is not None else None
            if refusal is not None:
                return refusal
        return None


class RenderInBrowser:
    """A downloader middleware of browser sources: every request but robots.txt loads in the browser."""

    def process_request(self, request: Request, spider: Spider | None = None) -> None:
        if not request.url.split("?", 1)[0].endswith(ROBOTS_TXT_PATH):
            request.meta.setdefault("playwright", True)
