"""The database engines of a crawl process, named by the crawl's settings: the one it writes through, and
the one it reads through."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from sqlalchemy import Engine

from storage.engine import make_engine, open_database

DATABASE_URL_SETTING = "FORUMWATCH_DATABASE_URL"


def engine_for(settings: Any) -> Engine:
    """The (cached, migrated) engine for the crawl's database; all crawlers of a process share it."""
    url = settings.get(DATABASE_URL_SETTING)
    if not url:
        raise RuntimeError(f"the {DATABASE_URL_SETTING} setting is not set")
    return open_database(str(url))


def reader_for(settings: Any) -> Engine:
    """The (cached) engine the crawl reads through: on SQLite its transactions begin with a plain BEGIN,
    where the writer's begin with BEGIN IMMEDIATE and would hold the write lock for a read, keeping the
    store's writer waiting. The schema is brought up to date through the writer first."""
    writer = engine_for(settings)
    return _reader(writer.url.render_as_string(hide_password=False))


@lru_cache(maxsize=8)
def _reader(url: str) -> Engine:
    return make_engine(url)
