"""The Scrapy settings of one source's crawler: what its [[sources]] entry overrides of [crawl]'s.

The runner lays these over the crawl's settings (crawl_settings) for that source's crawler only, at
PRIORITY. Its pace (download_delay, concurrent_requests) also holds for the other sources on the same
host: see crawler/politeness.py.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from scrapy.settings import SETTINGS_PRIORITIES, Settings

from crawler.downloadermiddlewares.source_requests import SOURCE_COOKIES_SETTING, SOURCE_PROXY_SETTING
from crawler.sources import Source

# Above the crawl's settings ("cmdline"): CrawlerProcess.crawl() merges the process's settings into each
# crawler it is given, and there a setting of equal priority is overwritten (Scrapy 2.19), so a source's
# download_delay at "cmdline" would silently be [crawl]'s again.
PRIORITY = SETTINGS_PRIORITIES["cmdline"] + 1


def source_settings(source: Source) -> dict[str, Any]:
    """The settings ``source`` changes, e.g. {"DOWNLOAD_DELAY": 5.0, "COOKIES_ENABLED": True, ...}; {}
    for a source that overrides nothing."""
    settings: dict[str, Any] = {}
    if source.download_delay is not None:
        settings["DOWNLOAD_DELAY"] = source.download_delay
    if source.concurrent_requests is not None:
        settings["CONCURRENT_REQUESTS_PER_DOMAIN"] = source.concurrent_requests
    if source.headers:
        settings["DEFAULT_REQUEST_HEADERS"] = _with_default_headers(source.headers)
    if source.cookies:
        # Off for the crawl (crawler/settings.py): a source with cookies of its own keeps its sites' too.
        settings["COOKIES_ENABLED"] = True
        settings[SOURCE_COOKIES_SETTING] = dict(source.cookies)
    if source.proxy is not None:
        settings[SOURCE_PROXY_SETTING] = source.proxy
    if source.render == "browser":
        settings.update(_browser_components())
    return settings


def _browser_components() -> dict[str, Any]:
    """A browser source's download handler and the middleware that sends its pages to the browser
    (crawler/browser.py), beside the crawl's own components."""
    project = _project_settings()
    handlers = dict(project.getdict("DOWNLOAD_HANDLERS"))
    handlers.update(dict.fromkeys(("http", "https"), "crawler.browser.BrowserDownloadHandler"))
    middlewares = dict(project.getdict("DOWNLOADER_MIDDLEWARES"))
    middlewares["crawler.browser.RenderInBrowser"] = 45  # after the source's own requests (40)
    return {"DOWNLOAD_HANDLERS": handlers, "DOWNLOADER_MIDDLEWARES": middlewares}


def _project_settings() -> Settings:
    settings = Settings()
    settings.setmodule("crawler.settings", priority="project")
    return settings


def _with_default_headers(headers: Mapping[str, str]) -> dict[str, str]:
    """The crawl's default request headers (Accept, Accept-Language) with the source's over them; header
    names are compared without case, as HTTP does."""
    defaults = _project_settings()
    ours = {name.lower() for name in headers}
    kept = {
        name: value
        for name, value in defaults.getdict("DEFAULT_REQUEST_HEADERS").items()
        if name.lower() not in ours
    }
    return {**kept, **headers}
