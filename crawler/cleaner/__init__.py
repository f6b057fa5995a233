"""The cleaner: one page's bytes (or a feed item's HTML) to a :class:`CleanArticle`. Pure: no I/O."""

from __future__ import annotations

from crawler.cleaner.article import CleanArticle
from crawler.cleaner.core import clean
from crawler.cleaner.profiles import profile_names

__all__ = ["CleanArticle", "clean", "profile_names"]
