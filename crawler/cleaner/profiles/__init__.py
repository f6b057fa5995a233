"""Site profiles. Every module of this package other than the machinery is one outlet's profile;
importing the package imports them all, and each registers itself."""

from __future__ import annotations

import importlib
import pkgutil

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

_MACHINERY = frozenset({"registry", "selectors"})

for _module in pkgutil.iter_modules(__path__):
    if _module.name not in _MACHINERY:
        importlib.import_module(f"{__name__}.{_module.name}")

__all__ = [
    "GENERIC",
    "SiteProfile",
    "get_profile",
    "profile_for_page",
    "profile_for_url",
    "profile_names",
    "register",
    "select_profile",
]
