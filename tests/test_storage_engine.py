from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Engine, inspect, text

from storage.engine import HEAD_REVISION, database_exists, head_revision, make_engine, upgrade_schema
from storage.models import Base
from storage.search import is_search_index

ROOT = Path(__file__).parent.parent


def test_migration_creates_exactly_the_models_schema(engine: Engine) -> None:
    # The search's trigram index is the backend's own (an FTS5 table on SQLite, a pg_trgm GIN index on
    # PostgreSQL), not a model: tests/test_storage_search.py checks it is there and used.
    options = {"include_name": lambda name, type_, _parents: not is_search_index(name, type_)}
    with engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection, opts=options), Base.metadata)
    assert differences == []


def test_upgrade_is_idempotent(engine: Engine) -> None:
    upgrade_schema(engine)
    upgrade_schema(engine)
    tables = set(inspect(engine).get_table_names())
    assert {"articles", "stories", "sources", "crawl_runs", "feed_states", "article_topics"} <= tables


def test_sqlite_is_tuned_for_one_writer_and_many_readers(sqlite_url: str) -> None:
    engine = make_engine(sqlite_url, for_writing=True)
    with engine.connect() as connection:
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert connection.execute(text("PRAGMA busy_timeout")).scalar() == 30000
        assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1


def test_writer_transactions_take_the_write_lock_at_begin(sqlite_url: str) -> None:
    writer = make_engine(sqlite_url, for_writing=True)
    upgrade_schema(writer)
    with writer.begin():
        # An immediate transaction holds the write lock from its start: a second writer cannot
        # begin, even though the first has not written anything yet.
        other = sqlite3.connect(sqlite_url.removeprefix("sqlite:///"), timeout=0, isolation_level=None)
        try:
            with pytest.raises(sqlite3.OperationalError, match="locked"):
                other.execute("BEGIN IMMEDIATE")
        finally:
            other.close()


def test_database_exists_only_checks_sqlite_files(tmp_path: object) -> None:
    assert not database_exists(f"sqlite:///{tmp_path}/missing.db")
    assert database_exists("postgresql+psycopg://nobody@127.0.0.1/none")


def test_head_revision_is_the_newest_migration() -> None:
    # Bump storage.engine.HEAD_REVISION with every new migration: a database at the old one would not
    # be migrated until Alembic found it behind.
    assert head_revision() == HEAD_REVISION


def test_a_database_at_the_newest_revision_opens_without_importing_alembic(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'fw.db'}"
    upgrade_schema(make_engine(url, for_writing=True))
    script = (
        "import sys; from storage.engine import open_database; open_database(sys.argv[1]); "
        "print(sorted(name for name in sys.modules if name.split('.')[0] == 'alembic'))"
    )
    opened = subprocess.run(
        [sys.executable, "-c", script, url], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert opened.stdout.strip() == "[]"
