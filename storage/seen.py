"""Which article URLs a source need not download again: those it stored, and those it saw give nothing
to store (off-topic, empty, gone, stored by another source) and that are not due again.

A crawl loads them once, when its source opens (:func:`load_skippable`), and answers every request from
memory; what it learns is written once, when the source closes (:func:`remember_seen`).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

import numpy as np
from sqlalchemy import and_, or_, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from storage.models import Article, SeenUrl

# off_topic: matched no topic (due again when the topics change); empty: no article in the page; gone:
# 404 or 410; stored_elsewhere: another source stored the URL (canonical URLs are unique across sources),
# which, like a stored article, is never due again.
Outcome = Literal["off_topic", "empty", "gone", "stored_elsewhere"]
# Rows per statement: well under SQLite's limit of bound parameters (32,766) at five columns a row.
_BATCH_ROWS = 500
# Rows fetched at a time while loading: the set is built without holding every URL as text at once.
_LOAD_ROWS = 10_000


@dataclass(frozen=True)
class SeenPage:
    canonical_url: str
    outcome: Outcome


def topics_version(topics: Iterable[Mapping[str, Any]]) -> str:
    """A digest of the topics (names, aliases, excludes, min_score): an off-topic page is due again when
    it changes, as it may match now."""
    text = json.dumps(list(topics), sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def url_key(canonical_url: str) -> int:
    """A URL's 64-bit key. Two URLs of a source sharing one (which would skip a page never seen) has a
    chance of about n / 2**64 per lookup: 5e-14 for a million stored URLs."""
    return int.from_bytes(hashlib.blake2b(canonical_url.encode(), digest_size=8).digest(), signed=True)


class UrlKeys:
    """A set of canonical URLs held as a sorted array of their 64-bit keys: 8 bytes a URL (8 MB for a
    million), where a set of the URLs themselves takes some 170 bytes each."""

    def __init__(self, keys: np.ndarray[Any, np.dtype[np.int64]]) -> None:
        self._keys = np.sort(keys)

    @classmethod
    def of(cls, canonical_urls: Iterable[str]) -> UrlKeys:
        return cls(np.fromiter((url_key(url) for url in canonical_urls), dtype=np.int64))

    def __len__(self) -> int:
        return len(self._keys)

    def __contains__(self, canonical_url: object) -> bool:
        if not isinstance(canonical_url, str) or not len(self._keys):
            return False
        key = url_key(canonical_url)
        index = int(np.searchsorted(self._keys, key))
        return index < len(self._keys) and int(self._keys[index]) == key

    @property
    def nbytes(self) -> int:
        return int(self._keys.nbytes)


def load_skippable(
    session: Session, source_id: int, current_topics: str, not_before: datetime | None
) -> UrlKeys:
    """The URLs ``source_id`` need not download: those it stored or saw stored by another source, and
    those it saw since ``not_before`` (None: none) empty, gone, or off-topic under ``current_topics``."""
    stored = select(Article.canonical_url).where(Article.source_id == source_id)
    due_never = SeenUrl.outcome == "stored_elsewhere"
    if not_before is not None:
        not_due = and_(
            SeenUrl.seen_at >= not_before,
            or_(SeenUrl.outcome != "off_topic", SeenUrl.topics_version == current_topics),
        )
        due_never = or_(due_never, not_due)
    seen = select(SeenUrl.canonical_url).where(SeenUrl.source_id == source_id, due_never)
    urls = (
        url
        for query in (stored, seen)
        for url in session.execute(query.execution_options(yield_per=_LOAD_ROWS)).scalars()
    )
    return UrlKeys.of(urls)


def remember_seen(
    session: Session, source_id: int, pages: Sequence[SeenPage], current_topics: str, now: datetime
) -> int:
    """Record what ``source_id``'s crawl saw (the newest sighting of a URL wins); a page said
    stored_elsewhere is kept only if it is stored indeed (not when its write failed). Returns the rows
    written."""
    # One row per URL: PostgreSQL refuses a statement that updates a row twice.
    pages = _stored_elsewhere_checked(session, list({page.canonical_url: page for page in pages}.values()))
    dialect = session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    for start in range(0, len(pages), _BATCH_ROWS):
        rows = [
            {
                "source_id": source_id,
                "canonical_url": page.canonical_url,
                "outcome": page.outcome,
                "topics_version": current_topics,
                "seen_at": now,
            }
            for page in pages[start : start + _BATCH_ROWS]
        ]
        statement = insert(SeenUrl).values(rows)
        session.execute(
            statement.on_conflict_do_update(
                index_elements=["source_id", "canonical_url"],
                set_={
                    "outcome": statement.excluded.outcome,
                    "topics_version": statement.excluded.topics_version,
                    "seen_at": statement.excluded.seen_at,
                },
            )
        )
    return len(pages)


def _stored_elsewhere_checked(session: Session, pages: Sequence[SeenPage]) -> list[SeenPage]:
    claimed = [page.canonical_url for page in pages if page.outcome == "stored_elsewhere"]
    stored: set[str] = set()
    for start in range(0, len(claimed), _BATCH_ROWS):
        chunk = claimed[start : start + _BATCH_ROWS]
        stored.update(session.scalars(select(Article.canonical_url).where(Article.canonical_url.in_(chunk))))
    return [page for page in pages if page.outcome != "stored_elsewhere" or page.canonical_url in stored]
