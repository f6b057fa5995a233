"""Alembic environment: runs on the connection handed over by storage.engine.upgrade_schema,
or on sqlalchemy.url when called from the alembic command line."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection

from storage.engine import lock_schema, make_engine
from storage.models import Base
from storage.search import is_search_index

target_metadata = Base.metadata


def _run(connection: Connection) -> None:
    lock_schema(connection)  # before the database's revision is read: one migrating process at a time
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        # SQLite cannot ALTER most things: let Alembic rebuild tables in batch mode there.
        render_as_batch=connection.dialect.name == "sqlite",
        # The backend's own search index is made by migration 0005, not by the models: autogenerate
        # must not propose to drop it.
        include_name=lambda name, type_, _parents: not is_search_index(name, type_),
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = context.config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    engine = make_engine(context.config.get_main_option("sqlalchemy.url") or "", for_writing=True)
    with engine.begin() as new_connection:
        _run(new_connection)


if context.is_offline_mode():
    raise SystemExit("forumwatch migrations run online only")
run_migrations_online()
