"""Schema upgrades serialised across processes: several `forumwatch crawl` processes started together on
an empty database all come up, and the schema is created once, at the head revision."""

from __future__ import annotations

import multiprocessing
from multiprocessing.synchronize import Barrier

from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, inspect, text

from storage.engine import alembic_config, open_database

PROCESSES = 6
# Safety nets for a hung test, not timings: the processes meet, then upgrade, well within these.
MEET_SECONDS = 60.0
FINISH_SECONDS = 180.0


def open_when_all_are_ready(url: str, start: Barrier) -> None:
    """One process: wait for the others, then open the database as every forumwatch command does."""
    start.wait(MEET_SECONDS)
    open_database(url)


def open_all_at_once(url: str) -> list[int | None]:
    context = multiprocessing.get_context("spawn")  # fresh processes, as separate commands are
    start = context.Barrier(PROCESSES)
    processes = [context.Process(target=open_when_all_are_ready, args=(url, start)) for _ in range(PROCESSES)]
    for process in processes:
        process.start()
    for process in processes:
        process.join(FINISH_SECONDS)
    return [process.exitcode for process in processes]


def assert_schema_at_head_once(engine: Engine) -> None:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    with engine.connect() as connection:
        versions = connection.execute(text("SELECT version_num FROM alembic_version")).scalars().all()
    assert versions == [head]
    assert {"articles", "stories", "crawl_runs", "alerts", "leases"} <= set(inspect(engine).get_table_names())


def test_processes_opening_an_empty_sqlite_database_together_all_succeed(sqlite_url: str) -> None:
    assert open_all_at_once(sqlite_url) == [0] * PROCESSES
    engine = create_engine(sqlite_url)
    assert_schema_at_head_once(engine)
    engine.dispose()


def test_processes_opening_an_empty_postgresql_database_together_all_succeed(postgres_url: str) -> None:
    engine = create_engine(postgres_url)  # a schema of its own, empty: see tests/conftest.py
    assert inspect(engine).get_table_names() == []
    assert open_all_at_once(postgres_url) == [0] * PROCESSES
    assert_schema_at_head_once(engine)
    engine.dispose()
