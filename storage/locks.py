"""Serialising writers that must not interleave, on every backend.

SQLite's ``BEGIN IMMEDIATE`` (storage.engine) already lets one writer in at a time; PostgreSQL gets a
transaction-scoped advisory lock, released at commit or rollback.
"""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

# Any constants work: they name the critical sections among the advisory locks of the database.
STORY_ASSIGNMENT = 0x6677_5354  # "fwST": which story a new copy joins
RUN_START = 0x6677_5255  # "fwRU": whether a run may start on its sources


def serialise(session: Session, section: int) -> None:
    """Hold ``section`` until the session's transaction ends."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(select(func.pg_advisory_xact_lock(section)))
