"""Which errors are the database's (unreachable, read-only, a directory, an unknown schema), and the one
line that tells the user why, without the password."""

from __future__ import annotations

import os
from pathlib import Path

from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DBAPIError

from forumwatch.terminal import HIDDEN


def _alembic_error(error: BaseException) -> bool:
    # Imported only when a command fails: importing Alembic costs a tenth of a second on every start.
    from alembic.util import CommandError

    return isinstance(error, CommandError)


def about_the_database(error: Exception, url: str) -> bool:
    """Whether ``error`` is the database's at ``url``, rather than a fault of forumwatch."""
    if isinstance(error, DBAPIError | ArgumentError):
        return True
    if isinstance(error, OSError):
        return _on_database_path(error, url)
    return _alembic_error(error)


def _sqlite_path(url: str) -> Path | None:
    from storage.engine import sqlite_file

    try:
        path = sqlite_file(url)
    except ArgumentError:
        return None
    return path.absolute() if path is not None else None


def _on_database_path(error: OSError, url: str) -> bool:
    """Whether ``error`` is about the SQLite file of ``url`` or a folder on its way (made if missing)."""
    path = _sqlite_path(url)
    if path is None or error.filename is None:
        return False
    failed = Path(os.fsdecode(error.filename)).absolute()
    return failed == path or failed in path.parents


def database_problem(error: Exception, url: str) -> str:
    """One line: why the database cannot be used, without its password."""
    path = _sqlite_path(url)
    if path is not None and path.is_dir():
        return "a directory, not an SQLite file"  # SQLite only says "unable to open database file"
    if isinstance(error, DBAPIError):
        reason = str(error.orig)
    elif isinstance(error, OSError):
        reason = f"{error.strerror}: {os.fsdecode(error.filename)}"
    elif _alembic_error(error):
        # Most often a schema revision this forumwatch does not know: a newer one upgraded the database.
        reason = f"schema: {error}"
    else:
        reason = str(error)
    first_line = next((line.strip() for line in reason.splitlines() if line.strip()), type(error).__name__)
    try:
        password = make_url(url).password
    except ArgumentError:
        password = None
    # Drivers name the host and user, not the password; should one ever quote the URL, it is hidden.
    return first_line.replace(password, HIDDEN) if password else first_line
