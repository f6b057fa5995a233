"""Site profiles registered by domain, with a page-signature check for pages saved or served elsewhere.

Selection order: a forced name > the URL's domain > the page signature > the generic extractor.
"""

from __future__ import annotations

import logging
from abc import ABC, abstractmethod
from urllib.parse import urlsplit

from crawler.cleaner.page import Extraction, Page
from crawler.cleaner.trace import Trace

logger = logging.getLogger(__name__)

GENERIC = "generic"


class SiteProfile(ABC):
    """Extraction rules for one outlet, registered by name and domain (see :func:`register`)."""

    name: str
    domains: tuple[str, ...]  # a domain matches itself and every subdomain

    @abstractmethod
    def matches_page(self, page: Page) -> bool:
        """True when the page carries the outlet's template signature, whatever its URL."""

    @abstractmethod
    def extract(self, page: Page, trace: Trace | None = None) -> Extraction | None:
        """The article, or None when the template is not there (the generic extractor takes over)."""


_PROFILES: dict[str, SiteProfile] = {}


def register(profile: SiteProfile) -> SiteProfile:
    """Make a profile selectable by name, domain and page signature."""
    if profile.name in _PROFILES or profile.name == GENERIC:
        raise ValueError(f"site profile {profile.name!r} is already registered")
    _PROFILES[profile.name] = profile
    return profile


def profile_names() -> list[str]:
    """Names accepted by ``clean(profile=...)``: "generic" and every registered site profile."""
    return [GENERIC, *sorted(_PROFILES)]


def get_profile(name: str) -> SiteProfile | None:
    """The profile called ``name``; None for "generic". Unknown names raise ValueError."""
    if name == GENERIC:
        return None
    try:
        return _PROFILES[name]
    except KeyError:
        raise ValueError(
            f"unknown cleaner profile {name!r}; choose one of {', '.join(profile_names())}"
        ) from None


def profile_for_url(url: str | None) -> SiteProfile | None:
    """The profile whose domain is the URL's host or a parent of it."""
    if not url:
        return None
    host = (urlsplit(url).hostname or "").lower().rstrip(".")
    for profile in _PROFILES.values():
        if any(host == domain or host.endswith("." + domain) for domain in profile.domains):
            return profile
    return None


def profile_for_page(page: Page) -> SiteProfile | None:
    """The profile whose template signature the page carries."""
    for profile in _PROFILES.values():
        if profile.matches_page(page):
            logger.debug("page %s recognised as %s by its signature", page.url, profile.name)
            return profile
    return None


def select_profile(page: Page) -> SiteProfile | None:
    """URL domain first, then page signature; None means the generic extractor."""
    return profile_for_url(page.url) or profile_for_page(page)
