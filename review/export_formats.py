"""The export formats: CSV (safe to open in a spreadsheet), JSON Lines and Atom, written from export
rows (review/exports.py) in chunks of about CHUNK_SIZE characters, for a file or a streaming response."""

from __future__ import annotations

import csv
import io
import json
import re
import uuid
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime, tzinfo
from typing import Any, Literal, Protocol, get_args
from xml.sax.saxutils import escape

from review.exports import COLUMNS, ExportRow, iso_time, row_json

ExportFormat = Literal["csv", "jsonl", "atom"]
FORMATS: tuple[str, ...] = get_args(ExportFormat)
MEDIA_TYPES: dict[str, str] = {
    "csv": "text/csv; charset=utf-8",
    "jsonl": "application/x-ndjson; charset=utf-8",
    "atom": "application/atom+xml; charset=utf-8",
}
# Output is handed on in pieces of about this many characters: a few hundred rows, few enough writes
# and HTTP chunks to cost nothing, small enough that memory never grows with the export.
CHUNK_SIZE = 64 * 1024
# Atom ids: the feed is urn:uuid:<this>, each story urn:uuid:<uuid5(this, "story/<id>")>, so a story
# keeps its id in every export and feed. Made once as uuid5(NAMESPACE_URL, "forumwatch:stories").
STORY_NAMESPACE = uuid.UUID("4d39fc81-2cff-5ead-9b85-148feb3f8ce4")


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
    yield f"<updated>{iso_time(updated)}</updated>\n<author><name>forumwatch</name></author>\n"
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
        f"<updated>{iso_time(row.updated)}</updated>\n",
    ]
    if row.published:
        parts.append(f"<published>{iso_time(row.published)}</published>\n")
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
