"""A source's own cookies and proxy on each of its requests ([[sources]] cookies and proxy, put in its
crawler's settings by crawler/source_settings.py); its own headers are Scrapy's DEFAULT_REQUEST_HEADERS.

Runs before the network policy (50), which leaves the name of a request that goes through a proxy to the
proxy to resolve (a proxied network may not resolve names at all); the URL itself is still judged.
"""

from __future__ import annotations

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured

SOURCE_COOKIES_SETTING = "FORUMWATCH_SOURCE_COOKIES"
SOURCE_PROXY_SETTING = "FORUMWATCH_SOURCE_PROXY"


class SourceRequestMiddleware:
    """Gives each request the source's cookies (for Scrapy's CookiesMiddleware, 700, to send and keep)
    and its proxy (the ``proxy`` meta key, for Scrapy's HttpProxyMiddleware, 750)."""

    def __init__(self, cookies: dict[str, str], proxy: str | None) -> None:
        self.cookies = cookies
        self.proxy = proxy

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> SourceRequestMiddleware:
        cookies = crawler.settings.getdict(SOURCE_COOKIES_SETTING)
        proxy = crawler.settings.get(SOURCE_PROXY_SETTING) or None
        if not cookies and proxy is None:
            raise NotConfigured
        return cls(cookies, proxy)

    def process_request(self, request: Request) -> None:
        if self.proxy is not None:
            request.meta.setdefault("proxy", self.proxy)
        if self.cookies and not request.cookies:  # a request's own cookies (none of ours has any) win
            # For the whole site (path /): a cookie's default path is its request's directory, and every
            # request would leave one more copy in the cookie jar.
            request.cookies = [
                {"name": name, "value": value, "path": "/"} for name, value in self.cookies.items()
            ]
