"""Stories as exported: one row per story with its head article's URL, outlet and publication time, its
topics, kind and event, and where review left it, read in batches for a filter (review/export_formats.py
writes them as CSV, JSON Lines and Atom).

`forumwatch export` and the review page's exports share these functions::

    rows = export_rows(session, export_filter(status="relevant", zone=zone), zone)
    write_export("csv", rows, sys.stdout.buffer)  # a file opened "wb", or stdout's bytes

    rows = export_rows(db, filters, zone)  # the web page's current filter
    StreamingResponse(export_chunks("jsonl", rows), media_type=MEDIA_TYPES["jsonl"])

Stories are read in batches and written as they are read: an export of a million stories never becomes one
string. The session must stay open until the rows have been read.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, fields
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from itertools import islice
from typing import Any, NamedTuple, get_args

from sqlalchemy import select
from sqlalchemy.orm import Session

from review.render import safe_url
from storage.inbox import MAX_PAGE, InboxFilter, InboxRow, InboxStatus, inbox_rows
from storage.models import Article, Source, Story
from storage.search import parse_query

STATUSES: tuple[str, ...] = get_args(InboxStatus)
KINDS = ("announcement", "report", "other")  # crawler.events' kinds (review does not import crawler)
ALL_STORIES = InboxFilter(status="all")


@dataclass(frozen=True)
class ExportRow:
    """One story as exported. Times are aware, in the display zone the rows were read for."""

    story_id: int
    title: str  # the head's
    url: str | None  # the head's, only when plain http(s) (review.render.safe_url)
    outlet: str | None  # the head's outlet as its page names itself, else its source's configured name
    source: str | None  # the head's source, as configured (what the --source filter takes)
    published: datetime | None  # the head's publication time
    topics: tuple[str, ...]  # matched by any copy, sorted
    kind: str | None  # announcement, report, other; None before any reading
    event_name: str | None
    event_start: date | None
    event_end: date | None
    event_city: str | None
    event_venue: str | None
    status: str  # new, relevant, later, dismissed
    copies: int
    outlets: int  # distinct sources among the copies
    first_seen: datetime
    updated: datetime  # when the story last changed (a copy joined, its head was elected again)
    note: str  # the reviewers' note


# The columns of every format, in ExportRow's order: the CSV header, the JSON Lines keys.
COLUMNS: tuple[str, ...] = tuple(field.name for field in fields(ExportRow))


# ---------------------------------------------------------------------------------------------- reading
def export_filter(
    status: str = "all",
    topic: str | None = None,
    source: str | None = None,
    kind: str | None = None,
    since: date | None = None,
    until: date | None = None,
    search: str | None = None,
    zone: tzinfo = UTC,
) -> InboxFilter:
    """The inbox filter for command-line options (the web page builds its InboxFilter itself).

    ``since`` and ``until`` are first-seen days in ``zone``, both included; a datetime is taken as
    is (in ``zone`` when naive). Empty strings count as not given. Raises ValueError for a status or
    kind that does not exist, rather than export nothing.
    """
    if status not in STATUSES:
        raise ValueError(f"not a review status: {status!r} (one of {', '.join(STATUSES)})")
    if kind and kind not in KINDS:
        raise ValueError(f"not a kind: {kind!r} (one of {', '.join(KINDS)})")
    return InboxFilter(
        status=status,  # type: ignore[arg-type]  # checked above
        topic=topic or None,
        source=source or None,
        kind=kind or None,
        since=_bound(since, zone),
        until=_bound(until, zone, day_after=True),
        query=search if search and search.strip() else None,
    )


def _bound(day: date | None, zone: tzinfo, day_after: bool = False) -> datetime | None:
    if day is None:
        return None
    if isinstance(day, datetime):
        return day if day.tzinfo is not None else day.replace(tzinfo=zone)
    return datetime.combine(day + timedelta(days=1) if day_after else day, time.min, zone)


def export_rows(
    session: Session,
    filters: InboxFilter = ALL_STORIES,
    zone: tzinfo = UTC,
    *,
    limit: int | None = None,
) -> Iterator[ExportRow]:
    """The stories of ``filters`` (the inbox's: status, topic, source, kind, first-seen range, search),
    newest first by first seen, at most ``limit``, with their times in ``zone``.

    Lazy: stories are read a batch at a time as the rows are taken. Raises ValueError at once for an
    empty search query. A story folded into another while the export runs is left out (the story it
    joined, an older one, comes later).
    """
    if filters.query is not None:
        parse_query(filters.query)  # an empty query raises now, not halfway through a download
    batch = MAX_PAGE if limit is None else max(1, min(limit, MAX_PAGE))
    listed: Iterator[InboxRow] = inbox_rows(session, filters, batch=batch)
    if limit is not None:
        listed = islice(listed, limit)
    return _export_rows(session, listed, zone, batch)


class _Head(NamedTuple):
    event: dict[str, Any] | None
    updated: datetime
    url: str | None
    published: datetime | None
    source: str | None


def _export_rows(
    session: Session, listed: Iterator[InboxRow], zone: tzinfo, batch: int
) -> Iterator[ExportRow]:
    while page := list(islice(listed, batch)):
        heads = _heads(session, [row.story_id for row in page])
        for row in page:
            head = heads.get(row.story_id)
            if head is not None:
                yield _export_row(row, head, zone)


def _heads(session: Session, story_ids: Sequence[int]) -> dict[int, _Head]:
    """Per story: its event, last change, and its head's URL, publication time and source."""
    query = (
        select(Story.id, Story.event, Story.updated_at, Article.url, Article.published_at, Source.name)
        .select_from(Story)
        # is_head IS true: the predicate of the partial unique index on a story's head.
        .outerjoin(Article, (Article.story_id == Story.id) & Article.is_head.is_(True))
        .outerjoin(Source, Source.id == Article.source_id)
        .where(Story.id.in_(story_ids))
    )
    return {story_id: _Head(*facts) for story_id, *facts in session.execute(query)}


def _export_row(row: InboxRow, head: _Head, zone: tzinfo) -> ExportRow:
    event = head.event if isinstance(head.event, dict) else {}
    return ExportRow(
        story_id=row.story_id,
        title=row.title,
        url=safe_url(head.url),
        outlet=row.outlet,
        source=head.source,
        published=head.published.astimezone(zone) if head.published else None,
        topics=row.topics,
        kind=row.kind,
        event_name=_event_text(event, "name"),
        event_start=_event_date(event, "start"),
        event_end=_event_date(event, "end"),
        event_city=_event_text(event, "city"),
        event_venue=_event_text(event, "venue"),
        status=row.status or "new",
        copies=row.copies,
        outlets=row.outlets,
        first_seen=row.first_seen.astimezone(zone),
        updated=head.updated.astimezone(zone),
        note=row.note or "",
    )


def _event_text(event: dict[str, Any], key: str) -> str | None:
    value = event.get(key)
    return value if isinstance(value, str) and value.strip() else None


def _event_date(event: dict[str, Any], key: str) -> date | None:
    """An event's date (stored as ISO text); None when missing or unreadable, never half a value."""
    value = event.get(key)
    try:
        return date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


# ---------------------------------------------------------------------------------------------- values
def iso_time(moment: datetime | None) -> str | None:
    """ISO 8601 with the offset of the moment's zone: 2026-11-20T10:00:00+08:00."""
    return moment.isoformat(timespec="seconds") if moment else None


def row_json(row: ExportRow) -> dict[str, Any]:
    """A row as JSON values, keyed by COLUMNS: ISO times and dates, a list of topics, null when unknown."""
    return {column: _json_value(getattr(row, column)) for column in COLUMNS}


def _json_value(value: Any) -> Any:
    if isinstance(value, datetime):
        return iso_time(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, tuple):
        return list(value)
    return value
