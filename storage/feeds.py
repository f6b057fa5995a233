"""Per-URL state kept between crawls: validators for conditional GET and the last outcome.

Of feeds, and of sites' listing pages and sitemaps (crawler/spiders/site.py): the table is named for
the feeds it first served, and keyed by the URL requested, whatever kind of page it is.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from storage.models import FeedState, utc_now

# The longest URL the table keys (FeedState.feed_url); a longer one is fetched unconditionally.
MAX_URL_LENGTH = 2048


@dataclass(frozen=True)
class FeedValidators:
    etag: str | None
    last_modified: str | None

    @property
    def present(self) -> bool:
        """Whether there is any validator to send."""
        return bool(self.etag or self.last_modified)


def can_keep(url: str) -> bool:
    """Whether validators can be kept for ``url`` (PostgreSQL refuses a longer key than the column's)."""
    return len(url) <= MAX_URL_LENGTH


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
