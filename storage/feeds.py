"""Per-feed state kept between crawls: validators for conditional GET and the last outcome."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from storage.models import FeedState, utc_now


@dataclass(frozen=True)
class FeedValidators:
    etag: str | None
    last_modified: str | None


def get_validators(session: Session, feed_url: str) -> FeedValidators:
    state = session.scalar(select(FeedState).where(FeedState.feed_url == feed_url))
    if state is None:
        return FeedValidators(None, None)
    return FeedValidators(state.etag, state.last_modified)


def record_fetch(
    session: Session,
    feed_url: str,
    *,
    status: int | None,
    validators: FeedValidators | None = None,
    error: str | None = None,
) -> None:
    """Record one fetch of a feed. Validators are replaced only when given, so that a failed or
    not-modified fetch keeps the ones that still describe what we have."""
    state = session.scalar(select(FeedState).where(FeedState.feed_url == feed_url))
    if state is None:
        state = FeedState(feed_url=feed_url)
        session.add(state)
    state.last_status = status
    state.last_error = error
    state.checked_at = utc_now()
    if validators is not None:
        state.etag, state.last_modified = validators.etag, validators.last_modified
