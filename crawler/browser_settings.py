"""The settings of browser rendering (crawler/browser.py), readable without importing Playwright: the
composition root and the source settings name them for every crawl, browser sources or not."""

from __future__ import annotations

from typing import Any

from scrapy.settings import BaseSettings

BROWSER_EXECUTABLE_SETTING = "FORUMWATCH_BROWSER_EXECUTABLE"
BROWSER_PAGE_TIMEOUT_SETTING = "FORUMWATCH_BROWSER_PAGE_TIMEOUT"
BROWSER_MAX_PAGES_SETTING = "FORUMWATCH_BROWSER_MAX_PAGES"
DEFAULT_PAGE_TIMEOUT = 30.0
DEFAULT_MAX_PAGES = 200
# What a page loads that an article does not need.
BLOCKED_RESOURCES = frozenset({"image", "font", "media"})
# Chromium as a crawler runs it: headless, no sandbox (it runs as the crawl's user, often root in a
# container), and none of its own calls home, which a closed network refuses many at a time.
CHROMIUM_ARGS = (
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
)


def browser_settings(settings: BaseSettings) -> dict[str, Any]:
    """scrapy-playwright's settings for a browser source's crawler, from the crawl's."""
    executable = settings.get(BROWSER_EXECUTABLE_SETTING)
    timeout = settings.getfloat(BROWSER_PAGE_TIMEOUT_SETTING, DEFAULT_PAGE_TIMEOUT)
    launch: dict[str, Any] = {"headless": True, "args": list(CHROMIUM_ARGS)}
    if executable:
        launch["executable_path"] = executable
    return {
        "PLAYWRIGHT_LAUNCH_OPTIONS": launch,
        "PLAYWRIGHT_BROWSER_TYPE": "chromium",
        "PLAYWRIGHT_DEFAULT_NAVIGATION_TIMEOUT": timeout * 1000,
        "PLAYWRIGHT_MAX_PAGES_PER_CONTEXT": 4,
    }
