"""Exports of stories as CSV, JSON Lines and Atom: one row per story with its head article's URL, outlet
and publication time, its topics, kind and event, and where review left it.

`forumwatch export` and the review page's exports share these functions::

    rows = export_rows(session, export_filter(status="relevant", zone=zone), zone)
    write_export("csv", rows, sys.stdout.buffer)  # a file opened "wb", or stdout's bytes

    rows = export_rows(db, filters, zone)  # the web page's current filter
    StreamingResponse(export_chunks("jsonl", rows), media_type=MEDIA_TYPES["jsonl"])

Stories are read in batches and written as they are read, in chunks of about CHUNK_SIZE: an export of a
million stories never becomes one string. The session must stay open until the rows have been read.
"""

from __future__ import annotations

import csv
import io
import json
import re
import uuid
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, fields
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from itertools import islice
from typing import Any, Literal, NamedTuple, Protocol, get_args
from xml.sax.saxutils import escape

from sqlalchemy import select
from sqlalchemy.orm import Session

from review.render import safe_url
from storage.inbox import MAX_PAGE, InboxFilter, InboxRow, InboxStatus, inbox_rows
from storage.models import Article, Source, Story
from storage.search import parse_query

ExportFormat = Literal["csv", "jsonl", "atom"]
FORMATS: tuple[str, ...] = get_args(ExportFormat)
MEDIA_TYPES: dict[str, str] = {
    "csv": "text/csv; charset=utf-8",
    "jsonl": "application/x-ndjson; charset=utf-8",
    "atom": "application/atom+xml; charset=utf-8",
}
STATUSES: tuple[str, ...] = get_args(InboxStatus)
KINDS = ("announcement", "report", "other")  # crawler.events' kinds (review does not import crawler)
ALL_STORIES = InboxFilter(status="all")

# Output is handed on in pieces of about this many characters: a few hundred rows, few enough writes
# and HTTP chunks to cost nothing, small enough that memory never grows with the export.
CHUNK_SIZE = 64 * 1024
# Atom ids: the feed is urn:uuid:<this>, each story urn:uuid:<uuid5(this, "story/<id>")>, so a story
# keeps its id in every export and feed. Made once as uuid5(NAMESPACE_URL, "forumwatch:stories").
STORY_NAMESPACE = uuid.UUID("4d39fc81-2cff-5ead-9b85-148feb3f8ce4")


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
def _iso(moment: datetime | None) -> str | None:
    """ISO 8601 with the offset of the moment's zone: 2026-11-20T10:00:00+08:00."""
    return moment.isoformat(timespec="seconds") if moment else None


def row_json(row: ExportRow) -> dict[str, Any]:
    """A row as JSON values, keyed by COLUMNS: ISO times and dates, a list of topics, null when unknown."""
    return {column: _json_value(getattr(row, column)) for column in COLUMNS}


def _json_value(value: Any) -> Any:
    if isinstance(value, datetime):
        return _iso(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, tuple):
        return list(value)
    return value


# ---------------------------------------------------------------------------------------------- writers
class ByteStream(Protocol):
    def write(self, data: bytes, /) -> object: ...


def export_chunks(
    format_name: ExportFormat, rows: Iterable[ExportRow], **atom_options: Any
) -> Iterator[bytes]:
    """The rows as ``format_name`` (csv, jsonl, atom) in UTF-8 chunks, for a streaming HTTP response;
    ``atom_options`` go to atom_chunks (the other formats have none, and ignore them)."""
    if format_name == "csv":
        return csv_chunks(rows)
    if format_name == "jsonl":
        return jsonl_chunks(rows)
    if format_name == "atom":
        return atom_chunks(rows, **atom_options)
    raise ValueError(f"not an export format: {format_name!r} (one of {', '.join(FORMATS)})")


def write_export(
    format_name: ExportFormat, rows: Iterable[ExportRow], out: ByteStream, **atom_options: Any
) -> int:
    """Write the rows as ``format_name`` to a binary stream (a file opened "wb", ``sys.stdout.buffer``);
    returns how many stories were written."""
    written = 0

    def counted() -> Iterator[ExportRow]:
        nonlocal written
        for row in rows:
            written += 1
            yield row

    for chunk in export_chunks(format_name, counted(), **atom_options):
        out.write(chunk)
    return written


def _chunked(pieces: Iterable[str]) -> Iterator[bytes]:
    """``pieces`` joined into UTF-8 chunks of about CHUNK_SIZE characters."""
    batch: list[str] = []
    size = 0
    for piece in pieces:
        batch.append(piece)
        size += len(piece)
        if size >= CHUNK_SIZE:
            # "replace": a lone surrogate (from a JSON escape in a stored event) cannot stop an export.
            yield "".join(batch).encode("utf-8", "replace")
            batch, size = [], 0
    if batch:
        yield "".join(batch).encode("utf-8", "replace")


# CSV ----------------------------------------------------------------------------------------------
# A spreadsheet runs a cell that starts with one of these as a formula (OWASP's list for CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def inert_cell(text: str) -> str:
    """``text`` with a leading apostrophe when a spreadsheet would read it as a formula."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def csv_chunks(rows: Iterable[ExportRow]) -> Iterator[bytes]:
    """CSV (RFC 4180, CRLF) in UTF-8 with a byte-order mark, so that spreadsheet programs read the Chinese
    as UTF-8; a header row of COLUMNS.

    Unknown values are empty cells, topics are joined by ";". Every text cell that a spreadsheet would
    run as a formula gets a leading apostrophe, but the URL: it is plain http(s) or empty (export_rows
    withholds other schemes), so it never starts with such a character. A last column, ``link``, holds
    the URL as a HYPERLINK formula (:func:`spreadsheet_link`): a spreadsheet shows it as a link to click.
    """
    return _chunked(_csv_lines(rows))


def _csv_lines(rows: Iterable[ExportRow]) -> Iterator[str]:
    line = io.StringIO()
    writer = csv.writer(line)
    yield "\ufeff"
    for cells in _csv_records(rows):
        writer.writerow(cells)
        yield line.getvalue()
        line.seek(0)
        line.truncate()


def _csv_records(rows: Iterable[ExportRow]) -> Iterator[list[str | int]]:
    yield [*COLUMNS, CSV_LINK_COLUMN]
    for row in rows:
        yield [
            *(_csv_cell(column, value) for column, value in row_json(row).items()),
            spreadsheet_link(row.url),
        ]


# Spreadsheets open a CSV's URLs as text, not links: the last column holds one they can click. Ours is
# the one formula written on purpose, made only of a plain http(s) URL whose quotes are doubled, so a page
# cannot smuggle anything into it; Excel's HYPERLINK takes at most 255 characters, so longer URLs get none.
CSV_LINK_COLUMN = "link"
_HYPERLINK_MAX_URL = 255


def spreadsheet_link(url: str | None) -> str:
    """``=HYPERLINK("url","open")`` for a spreadsheet to show as a link, or "" when there is no usable URL."""
    if not url or len(url) > _HYPERLINK_MAX_URL or not url.startswith(("http://", "https://")):
        return ""
    return '=HYPERLINK("{}","open")'.format(url.replace('"', '""'))


def _csv_cell(column: str, value: Any) -> str | int:
    if value is None:
        return ""
    if isinstance(value, int):
        return value
    if isinstance(value, list):
        value = ";".join(value)
    return value if column == "url" else inert_cell(value)


# JSON Lines ---------------------------------------------------------------------------------------
# json.dumps escapes the C0 controls; these other line breaks it leaves raw would split a line for
# readers that break lines as str.splitlines does.
_LINE_BREAKS = str.maketrans({"\x85": "\\u0085", "\u2028": "\\u2028", "\u2029": "\\u2029"})


def jsonl_chunks(rows: Iterable[ExportRow]) -> Iterator[bytes]:
    """JSON Lines in UTF-8: one object per story (row_json), one line each."""
    return _chunked(
        json.dumps(row_json(row), ensure_ascii=False).translate(_LINE_BREAKS) + "\n" for row in rows
    )


# Atom ---------------------------------------------------------------------------------------------
# Characters XML 1.0 forbids (control characters, U+FFFE/U+FFFF, lone surrogates): no escape can carry
# them, so they are dropped.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _xml_text(text: str) -> str:
    return escape(_NOT_XML.sub("", text))


def _xml_attribute(text: str) -> str:
    return escape(_NOT_XML.sub("", text), {'"': "&quot;"})


def story_entry_id(story_id: int, namespace: uuid.UUID = STORY_NAMESPACE) -> str:
    """A story's Atom id: the same in every export and feed."""
    return f"urn:uuid:{uuid.uuid5(namespace, f'story/{story_id}')}"


def atom_chunks(
    rows: Iterable[ExportRow],
    *,
    title: str = "forumwatch stories",
    updated: datetime | None = None,
    zone: tzinfo = UTC,
    self_url: str | None = None,
    namespace: uuid.UUID = STORY_NAMESPACE,
) -> Iterator[bytes]:
    """An Atom 1.0 feed in UTF-8: one entry per story, linking (rel="alternate") to its head article.

    The feed's ``updated`` defaults to now, in ``zone``: the stories come newest first by first seen,
    not by change, and a stream cannot look ahead. ``self_url`` is the feed's own address when served
    (a key in it is then in the document). ``namespace`` makes the ids (see STORY_NAMESPACE); give each
    installation its own when several feed one reader. An entry shows the outlet as its author, the
    topics as categories, and a summary of kind, event and topics; one whose head has no http(s) URL
    carries that text as content instead, as Atom wants a link or content.
    """
    return _chunked(_atom_pieces(rows, title, updated or datetime.now(zone), self_url, namespace))


def _atom_pieces(
    rows: Iterable[ExportRow], title: str, updated: datetime, self_url: str | None, namespace: uuid.UUID
) -> Iterator[str]:
    yield '<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">\n'
    yield f"<id>urn:uuid:{namespace}</id>\n<title>{_xml_text(title)}</title>\n"
    yield f"<updated>{_iso(updated)}</updated>\n<author><name>forumwatch</name></author>\n"
    yield "<generator>forumwatch</generator>\n"
    if self_url:
        yield f'<link rel="self" type="application/atom+xml" href="{_xml_attribute(self_url)}"/>\n'
    for row in rows:
        yield _atom_entry(row, namespace)
    yield "</feed>\n"


def _atom_entry(row: ExportRow, namespace: uuid.UUID) -> str:
    parts = [
        f"<entry>\n<id>{story_entry_id(row.story_id, namespace)}</id>\n",
        f'<title type="text">{_xml_text(row.title)}</title>\n',
        f"<updated>{_iso(row.updated)}</updated>\n",
    ]
    if row.published:
        parts.append(f"<published>{_iso(row.published)}</published>\n")
    if row.outlet:
        parts.append(f"<author><name>{_xml_text(row.outlet)}</name></author>\n")
    parts += [f'<category term="{_xml_attribute(topic)}"/>\n' for topic in row.topics]
    summary = _xml_text(atom_summary(row))
    if row.url:
        parts.append(f'<link rel="alternate" type="text/html" href="{_xml_attribute(row.url)}"/>\n')
        parts.append(f'<summary type="text">{summary}</summary>\n')
    else:
        parts.append(f'<content type="text">{summary}</content>\n')
    parts.append("</entry>\n")
    return "".join(parts)


def atom_summary(row: ExportRow) -> str:
    """What an entry says besides its title: kind, event (name, dates, city, venue) and topics, e.g.
    ``announcement · event: 上海-台北城市论坛, 2026-12-01 to 2026-12-02, 上海 · topics: twin-city-forum``."""
    dates = " to ".join(dict.fromkeys(d.isoformat() for d in (row.event_start, row.event_end) if d))
    event = ", ".join(part for part in (row.event_name, dates, row.event_city, row.event_venue) if part)
    parts = [
        row.kind or "",
        f"event: {event}" if event else "",
        f"topics: {', '.join(row.topics)}" if row.topics else "",
    ]
    return " · ".join(part for part in parts if part)
