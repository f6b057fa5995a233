"""Which database errors end a crawl and which only lose one write.

A write that fails because the disk is full, the file is read-only, the disk fails, or the server is
gone will fail the same way for every article after it: going on would only discard them one by one
(1,491 tracebacks and a run recorded "finished" with nothing stored). A lock timeout, a deadlock or a
serialisation failure concerns one transaction: the article is lost, counted, and the crawl goes on.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import TypeVar

from sqlalchemy import Engine
from sqlalchemy.exc import DBAPIError, SQLAlchemyError
from sqlalchemy.orm import Session

logger = logging.getLogger(__name__)
T = TypeVar("T")
# A lost connection is tried again this many times in all, the pause growing by this much each time.
LOST_CONNECTION_TRIES = 3
LOST_CONNECTION_PAUSE_SECONDS = 0.2

# SQLite says what happened only in its message (sqlite3 exposes no error codes before Python 3.11's
# sqlite_errorname, and not for every driver).
_SQLITE_FATAL = (
    "database or disk is full",
    "readonly database",
    "disk i/o error",
    "unable to open database",
    "database disk image is malformed",
    "file is not a database",
    "no such table",
)
# PostgreSQL's SQLSTATE classes and codes: 08 connection exception, 53 insufficient resources (disk
# full, out of memory), 57P0x the server shutting down, 58 system error (I/O), 25006 read-only
# transaction, 42P01 no such table.
_POSTGRES_FATAL_CLASSES = ("08", "53", "58")
_POSTGRES_FATAL_CODES = ("25006", "42P01", "57P01", "57P02", "57P03")


def is_fatal(error: BaseException) -> bool:
    """Whether ``error`` is a database failure that every later write would repeat (fatal_reason)."""
    return isinstance(error, SQLAlchemyError) and fatal_reason(error) is not None


def fatal_reason(error: SQLAlchemyError) -> str | None:
    """Why no later write can succeed either (one line), or None when the failure is this write's own."""
    if isinstance(error, DBAPIError) and error.connection_invalidated:
        return f"the connection to the database was lost: {first_line(error.orig)}"
    original = getattr(error, "orig", None)
    state = getattr(original, "sqlstate", None) or getattr(original, "pgcode", None)
    if isinstance(state, str) and (state[:2] in _POSTGRES_FATAL_CLASSES or state in _POSTGRES_FATAL_CODES):
        return first_line(original)
    message = first_line(original if original is not None else error)
    if any(marker in message.lower() for marker in _SQLITE_FATAL):
        return message
    return None


def first_line(error: object) -> str:
    """An error's message, one line: a driver's message may run on with the statement and hints."""
    if isinstance(error, DBAPIError) and error.orig is not None:
        error = error.orig
    text = str(error).strip()
    return text.splitlines()[0] if text else type(error).__name__


def in_transaction(engine: Engine, work: Callable[[Session], T], what: str) -> T:
    """``work`` in one transaction; done again, on a new connection, when the connection was lost under
    it (a server restart, a proxy's idle timeout, a killed backend): the transaction was rolled back with
    it. Up to LOST_CONNECTION_TRIES tries, a little apart: a server that drops connections again while it
    restarts, or a pooler recycling them, is ridden out; one that keeps dropping them is reported (the
    last error is raised). ``what`` names the work in the log."""
    for attempt in range(1, LOST_CONNECTION_TRIES + 1):
        try:
            return _in_one_transaction(engine, work)
        except DBAPIError as error:
            if not error.connection_invalidated or attempt == LOST_CONNECTION_TRIES:
                raise
            logger.warning("the database connection was lost; %s again", what)
            time.sleep(LOST_CONNECTION_PAUSE_SECONDS * attempt)
    raise AssertionError("unreachable")  # the last try returned or raised


def _in_one_transaction(engine: Engine, work: Callable[[Session], T]) -> T:
    with Session(engine) as session, session.begin():
        return work(session)
