"""A database step done again on a new connection when the connection was lost under it (storage/failures.py):
a few times, a little apart, and then the loss is reported."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine, create_engine
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from storage import failures
from storage.failures import LOST_CONNECTION_TRIES, in_transaction


@pytest.fixture
def engine(monkeypatch: pytest.MonkeyPatch) -> Engine:
    monkeypatch.setattr(failures, "LOST_CONNECTION_PAUSE_SECONDS", 0.0)
    return create_engine("sqlite://")


def lost() -> DBAPIError:
    return DBAPIError(
        "SELECT 1", {}, ConnectionError("server closed the connection"), connection_invalidated=True
    )


def failing(times: int, error: DBAPIError) -> tuple[list[int], object]:
    tries: list[int] = []

    def work(session: Session) -> str:
        tries.append(1)
        if len(tries) <= times:
            raise error
        return "stored"

    return tries, work


def test_a_lost_connection_is_ridden_out(engine: Engine, caplog: pytest.LogCaptureFixture) -> None:
    tries, work = failing(LOST_CONNECTION_TRIES - 1, lost())
    assert in_transaction(engine, work, "storing a page") == "stored"  # type: ignore[arg-type]
    assert len(tries) == LOST_CONNECTION_TRIES
    assert (
        caplog.text.count("the database connection was lost; storing a page again")
        == LOST_CONNECTION_TRIES - 1
    )


def test_a_connection_lost_at_every_try_is_reported(engine: Engine) -> None:
    tries, work = failing(LOST_CONNECTION_TRIES, lost())
    with pytest.raises(DBAPIError):
        in_transaction(engine, work, "storing a page")  # type: ignore[arg-type]
    assert len(tries) == LOST_CONNECTION_TRIES


def test_other_database_errors_are_not_tried_again(engine: Engine) -> None:
    refused = DBAPIError("INSERT", {}, ValueError("constraint"), connection_invalidated=False)
    tries, work = failing(1, refused)
    with pytest.raises(DBAPIError):
        in_transaction(engine, work, "storing a page")  # type: ignore[arg-type]
    assert len(tries) == 1
