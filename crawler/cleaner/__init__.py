"""The cleaner: one page's bytes (or a feed item's HTML) to a :class:`CleanArticle`. Pure: no I/O."""

from __future__ import annotations

from crawler.cleaner.article import CleanArticle
from crawler.cleaner.core import clean, explain
from crawler.cleaner.profiles import profile_names

__all__ = ["CleanArticle", "clean", "explain", "profile_names"]
