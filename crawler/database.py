"""The one database engine a crawl process writes through, named by the crawl's settings."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine

from storage.engine import open_database

DATABASE_URL_SETTING = "FORUMWATCH_DATABASE_URL"


def engine_for(settings: Any) -> Engine:
    """The (cached, migrated) engine for the crawl's database; all crawlers of a process share it."""
    url = settings.get(DATABASE_URL_SETTING)
    if not url:
        raise RuntimeError(f"the {DATABASE_URL_SETTING} setting is not set")
    return open_database(str(url))
