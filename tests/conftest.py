"""Shared fixtures: databases (a real SQLite file, and the PostgreSQL server when one is named)."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

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


@pytest.fixture
def postgres_url() -> Iterator[str]:
    """A PostgreSQL URL whose connections see a schema of their own, dropped after the test."""
    base_url = _postgres_or_skip()
    schema = f"fwtest_{uuid.uuid4().hex[:12]}"
    admin = create_engine(base_url)
    try:
        with admin.begin() as connection:
            connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    except Exception as error:
        if os.environ.get(REQUIRE_SERVERS_ENV):
            raise
        pytest.skip(f"PostgreSQL at {base_url} is not reachable: {error}")
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
