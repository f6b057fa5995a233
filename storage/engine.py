"""Engine and session set-up, and bringing a database's schema up to date with Alembic."""

from __future__ import annotations

import logging
import sqlite3
import time
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Engine, create_engine, event, func, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DatabaseError
from sqlalchemy.orm import Session, sessionmaker

if TYPE_CHECKING:
    from alembic.config import Config

logger = logging.getLogger(__name__)

MIGRATIONS_DIR = Path(__file__).parent / "migrations"
# A writer waits this long for another writer's lock before SQLite gives up ("database is locked").
SQLITE_BUSY_TIMEOUT_MS = 30_000
# The PostgreSQL advisory lock of schema changes ("fwSM"); storage.locks names the others.
SCHEMA_LOCK = 0x6677_534D
# The newest migration's revision (storage/migrations/versions/). A database at it needs no migration, and
# a process that only opens it (a crawl) need not import Alembic at all (11 MiB). A test holds it to the
# migrations' head.
HEAD_REVISION = "0010"


def make_engine(url: str, *, for_writing: bool = False) -> Engine:
    """An engine for any SQLAlchemy URL, with SQLite tuned for one writer and many readers.

    SQLite gets WAL (readers never block the writer), a busy timeout, enforced foreign keys, and, for
    writers, ``BEGIN IMMEDIATE`` so that a transaction takes the write lock when it starts instead of
    failing half-way when it first writes.
    """
    engine = create_engine(url, future=True, pool_pre_ping=not url.startswith("sqlite"))
    if engine.dialect.name == "sqlite":
        _tune_sqlite(engine, immediate=for_writing)
    return engine


def _tune_sqlite(engine: Engine, *, immediate: bool) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy, not the sqlite3 module, decide when transactions begin (see "begin" below).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        # First: switching a new database to WAL needs its lock too, and must wait for it like the rest.
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        _switch_to_wal(cursor)
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def _switch_to_wal(cursor: Any) -> None:
    """PRAGMA journal_mode=WAL, waiting like any writer. SQLite does not always call its busy handler for
    this pragma: with several processes opening a new database at once (crawls started together), one
    can get "database is locked" at once while another switches it. Tried again until the busy timeout."""
    deadline = time.monotonic() + SQLITE_BUSY_TIMEOUT_MS / 1000
    pause = 0.01
    while True:
        try:
            cursor.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as error:
            if "locked" not in str(error) or time.monotonic() >= deadline:
                raise
            time.sleep(pause)
            pause = min(pause * 2, 0.5)


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)


def alembic_config(engine: Engine | None = None) -> Config:
    """The Alembic configuration of forumwatch's migrations (no alembic.ini needed)."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    if engine is not None:
        # Alembic's config is a ConfigParser: a literal % (URL-encoded options) must be doubled.
        url = engine.url.render_as_string(hide_password=False)
        config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def upgrade_schema(engine: Engine) -> None:
    """Create or migrate the schema to the newest revision; safe to call on every start, from any number
    of processes at once (see ``lock_schema``): one upgrades, the others find it done."""
    if _at_head(engine):
        return
    from alembic import command

    config = alembic_config(engine)
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


def _at_head(engine: Engine) -> bool:
    """Whether the schema is at the newest revision, read without Alembic: a revision once reached stays
    (a process migrating at the same time only ever moves the database towards it)."""
    try:
        with engine.connect() as connection:
            revision = connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
    except DatabaseError:  # no such table: a new database
        return False
    return revision == HEAD_REVISION


@dataclass(frozen=True)
class Revision:
    """One migration of forumwatch's schema, as ``forumwatch db history`` lists it."""

    revision: str
    down_revision: str | None
    message: str
    is_current: bool
    is_head: bool


def schema_revision(engine: Engine) -> str | None:
    """The revision the database's schema is at; None for a database forumwatch has not set up."""
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None  # the package ships its migrations
    return head


def schema_history(engine: Engine | None = None) -> list[Revision]:
    """Every migration, oldest first, marked with the one ``engine``'s database is at."""
    from alembic.script import ScriptDirectory

    scripts = ScriptDirectory.from_config(alembic_config())
    current = schema_revision(engine) if engine is not None else None
    head = scripts.get_current_head()
    revisions = [
        Revision(
            revision=script.revision,
            down_revision=script.down_revision if isinstance(script.down_revision, str) else None,
            message=(script.doc or "").strip(),
            is_current=script.revision == current,
            is_head=script.revision == head,
        )
        for script in scripts.walk_revisions()
    ]
    return list(reversed(revisions))


def lock_schema(connection: Connection) -> None:
    """Hold the database's schema until the connection's transaction ends, so that processes started
    together (four crawls on a new database) migrate it one after the other, not all at once.

    PostgreSQL: a transaction-scoped advisory lock, for the whole database, as pg_trgm is too. SQLite:
    nothing to add, as long as the engine is a writer (``make_engine(for_writing=True)``, as
    ``open_database`` makes): its transactions begin with BEGIN IMMEDIATE, which takes the database's
    write lock before the migration reads which revision the database is at.
    """
    if connection.dialect.name == "postgresql":
        connection.execute(select(func.pg_advisory_xact_lock(SCHEMA_LOCK)))


@lru_cache(maxsize=8)
def open_database(url: str) -> Engine:
    """A writer engine for ``url`` with the schema up to date, created once per process."""
    _ensure_sqlite_directory(url)
    engine = make_engine(url, for_writing=True)
    upgrade_schema(engine)
    return engine


def sqlite_file(url: str) -> Path | None:
    """The file of an SQLite URL, as written (relative or not); None for another backend or an in-memory
    database. Also the URI form SQLite takes options in: sqlite:///file:data.db?mode=ro&uri=true."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    database = parsed.database
    if parsed.query.get("uri") == "true" and database.startswith("file:"):
        database = database.removeprefix("file:")
        if database in ("", ":memory:") or parsed.query.get("mode") == "memory":
            return None
    return Path(database)


def _ensure_sqlite_directory(url: str) -> None:
    path = sqlite_file(url)
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)


def database_exists(url: str) -> bool:
    """Whether an SQLite file exists already (other backends: assumed to exist)."""
    path = sqlite_file(url)
    return path is None or path.exists()
