"""Shared fixtures: databases (a real SQLite file, and the PostgreSQL server when one is named)."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from typing import NoReturn

import pytest
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url

from storage.engine import open_database

POSTGRES_URL_ENV = "FORUMWATCH_TEST_POSTGRES_URL"
# CI sets this: a test that needs a server fails instead of skipping when the server is missing.
REQUIRE_SERVERS_ENV = "FORUMWATCH_TEST_REQUIRE_SERVERS"


def _postgres_or_skip() -> str:
    url = os.environ.get(POSTGRES_URL_ENV)
    if not url:
        if os.environ.get(REQUIRE_SERVERS_ENV):
            pytest.fail(f"{REQUIRE_SERVERS_ENV} is set but {POSTGRES_URL_ENV} is not")
        pytest.skip(
            f"no PostgreSQL server: set {POSTGRES_URL_ENV} (e.g. postgresql+psycopg://postgres@127.0.0.1:5432/test)"
        )
    return url


def _unreachable(base_url: str, error: Exception) -> NoReturn:
    if os.environ.get(REQUIRE_SERVERS_ENV):
        raise error
    pytest.skip(f"PostgreSQL at {base_url} is not reachable: {error}")


@pytest.fixture(scope="session")
def postgres_database_url() -> Iterator[str]:
    """The PostgreSQL database the tests' schemas go in: the one named, or one of this worker's own.

    Tests run in parallel (pytest-xdist) get a database per worker, created here (the role needs
    CREATEDB) and dropped after: the schemas of one database are not independent enough. The first
    migration into an empty schema creates pg_trgm in that schema, and dropping the schema drops the
    extension and with it the trigram indexes of the other schemas; so one test at a time per database,
    as without workers. The name is new each run: two runs on one server leave each other alone.
    """
    base_url = _postgres_or_skip()
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    if not worker:
        yield base_url
        return
    url = make_url(base_url)
    database = f"{url.database}_{worker}_{uuid.uuid4().hex[:8]}"
    admin = create_engine(base_url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{database}"'))
    except Exception as error:
        admin.dispose()
        _unreachable(base_url, error)
    try:
        yield url.set(database=database).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE "{database}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture
def postgres_url(postgres_database_url: str) -> Iterator[str]:
    """A PostgreSQL URL whose connections see a schema of their own, dropped after the test."""
    base_url = postgres_database_url
    schema = f"fwtest_{uuid.uuid4().hex[:12]}"
    admin = create_engine(base_url)
    try:
        with admin.begin() as connection:
            connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    except Exception as error:
        admin.dispose()
        _unreachable(base_url, error)
    url = make_url(base_url).update_query_dict({"options": f"-csearch_path={schema}"})
    try:
        yield url.render_as_string(hide_password=False)
    finally:
        with admin.begin() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture
def sqlite_url(tmp_path: object) -> str:
    return f"sqlite:///{tmp_path}/forumwatch.db"


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: object) -> str:
    """Every storage test runs on a real SQLite file and on the PostgreSQL server."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path}/forumwatch.db"
    return str(request.getfixturevalue("postgres_url"))


@pytest.fixture
def engine(database_url: str) -> Iterator[Engine]:
    engine = open_database(database_url)
    yield engine
    engine.dispose()


REDIS_URL_ENV = "FORUMWATCH_TEST_REDIS_URL"


@pytest.fixture
def redis_url() -> str:
    """The Redis server named by FORUMWATCH_TEST_REDIS_URL (crawl workers' tests); skipped without one
    on a user's machine, required in CI."""
    url = os.environ.get(REDIS_URL_ENV)
    if not url:
        if os.environ.get(REQUIRE_SERVERS_ENV):
            pytest.fail(f"{REQUIRE_SERVERS_ENV} is set but {REDIS_URL_ENV} is not")
        pytest.skip(f"no Redis server: set {REDIS_URL_ENV} (e.g. redis://127.0.0.1:6379/0)")
    import redis

    try:
        redis.Redis.from_url(url, socket_connect_timeout=5).ping()
    except redis.RedisError as error:
        if os.environ.get(REQUIRE_SERVERS_ENV):
            raise
        pytest.skip(f"Redis at {url} is not reachable: {error}")
    return url


@pytest.fixture
def cluster_prefix(redis_url: str) -> Iterator[str]:
    """A key prefix of the test's own (tests run in parallel on one Redis), its keys deleted after."""
    import redis

    prefix = f"fwtest-{uuid.uuid4().hex[:10]}"
    yield prefix
    client = redis.Redis.from_url(redis_url)
    keys = list(client.scan_iter(match=f"{prefix}:*", count=1000))
    if keys:
        client.delete(*keys)
    client.close()
