"""The crawl's engines (crawler/database.py): it writes through one engine and reads through another, so
that on SQLite a read never takes the write lock the store's writer needs."""

from __future__ import annotations

import time
from pathlib import Path

from scrapy.settings import Settings
from sqlalchemy import text

from crawler.database import DATABASE_URL_SETTING, engine_for, reader_for


def test_a_read_does_not_wait_for_a_writer_holding_the_lock(tmp_path: Path) -> None:
    settings = Settings({DATABASE_URL_SETTING: f"sqlite:///{tmp_path / 'crawl.db'}"})
    writer, reader = engine_for(settings), reader_for(settings)
    assert reader is reader_for(settings)  # one per process, like the writer
    with writer.begin() as writing:  # BEGIN IMMEDIATE: the write lock, held until the block ends
        writing.execute(
            text(
                "INSERT INTO sources (name, kind, url, authority, created_at) VALUES ('a', 'feed', 'u', 'blog', '2026-12-05')"
            )
        )
        started = time.monotonic()
        with reader.begin() as reading:  # a plain BEGIN: reads the last committed state at once
            assert reading.execute(text("SELECT count(*) FROM sources")).scalar_one() == 0
        assert time.monotonic() - started < 1.0  # not the 30 s busy timeout a second writer would wait
