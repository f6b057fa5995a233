"""Named leases in the database: one holder at a time, for a limited time, renewed while alive.

The scheduler holds one so that two services on one database never run the same crawls twice. A holder
that dies stops renewing; its lease expires and the next one takes over. No lock server: the database
every worker already shares is the arbiter.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from storage.models import Lease


@dataclass(frozen=True)
class LeaseHeld:
    """Someone else holds the lease."""

    holder: str
    renewed_at: datetime
    expires_at: datetime


def acquire(session: Session, name: str, holder: str, ttl: timedelta, now: datetime) -> LeaseHeld | None:
    """Take the lease (or renew our own); None on success, else who holds it. Commits."""
    lease = session.get(Lease, name, with_for_update=True)
    if lease is None:
        session.add(Lease(name=name, holder=holder, acquired_at=now, renewed_at=now, expires_at=now + ttl))
        try:
            session.commit()
        except IntegrityError:  # another process inserted it between our look and our insert
            session.rollback()
            return acquire(session, name, holder, ttl, now)
        return None
    if lease.holder != holder and lease.expires_at > now:
        held = LeaseHeld(lease.holder, lease.renewed_at, lease.expires_at)
        session.rollback()
        return held
    if lease.holder != holder:
        lease.holder, lease.acquired_at = holder, now
    lease.renewed_at, lease.expires_at = now, now + ttl
    session.commit()
    return None


def release(session: Session, name: str, holder: str) -> None:
    """Let go of the lease if we hold it. Commits."""
    lease = session.get(Lease, name, with_for_update=True)
    if lease is not None and lease.holder == holder:
        session.delete(lease)
    session.commit()


def current(session: Session, name: str) -> Lease | None:
    return session.get(Lease, name)
