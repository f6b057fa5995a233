"""Site profiles. Importing this package registers every profile module listed below."""

from __future__ import annotations

from crawler.cleaner.profiles import sina
from crawler.cleaner.profiles.registry import (
    GENERIC,
    SiteProfile,
    get_profile,
    profile_for_page,
    profile_for_url,
    profile_names,
    register,
    select_profile,
)

__all__ = [
    "GENERIC",
    "SiteProfile",
    "get_profile",
    "profile_for_page",
    "profile_for_url",
    "profile_names",
    "register",
    "select_profile",
    "sina",
]
