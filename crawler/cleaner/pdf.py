"""PDF releases as pages: a PDF's text and metadata, as a small HTML page that the cleaner reads like any.

City governments publish releases and agendas as PDF files. pypdf reads their text: on PDFs of the CJK
fonts such releases use (Adobe's STSong and MSung, not embedded) it gave the Simplified and Traditional
text exactly, where pdfminer.six garbled the Traditional (MSung's Big5-based CMap), and it was 3 to 9
times faster (docs/feeds-and-sources.md). The text comes out in the layout's lines: a line
that does not end a sentence is joined to the next (without a space between CJK characters), a blank line
or a sentence's end closes a paragraph.

The title is the document's first line when it reads as a heading (short, no sentence's end), else its
metadata's title unless that is a placeholder or a file name (``Microsoft Word - 新闻稿.docx``), else the
start of its text; the date is its creation date. A PDF with no text (a scan) is given back as such, for the
cleaner to report rather than store. At most MAX_PAGES pages are read, within MAX_SECONDS.
"""

from __future__ import annotations

import io
import logging
import re
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from html import escape

logger = logging.getLogger(__name__)

PDF_MAGIC = b"%PDF-"
# A PDF may start after some junk bytes (the specification allows up to 1,024).
_MAGIC_WITHIN = 1024
# A release is a few pages; an annual report is read up to here (its first pages carry what matters).
MAX_PAGES = 60
MAX_SECONDS = 20.0
# Titles that PDF writers put in by themselves.
_PLACEHOLDER_TITLE = re.compile(
    r"^(untitled|無題|无标题|document\d*|microsoft word\b.*|.*\.(docx?|pdf|wps|xlsx?|pptx?))$", re.IGNORECASE
)
_SENTENCE_END = tuple('。！？；：.!?;:」』”"）)')
_CJK = re.compile(r"[\u3000-\u9fff\uac00-\ud7af\uff00-\uffef]")
_TITLE_LIMIT = 120
_HEADING_LIMIT = 80


@dataclass(frozen=True)
class PdfDocument:
    html: str  # the text as a page: <title>, a date <meta>, <h1> and <p>s
    pages_read: int
    pages: int
    empty_reason: str | None = None


def looks_like_pdf(raw: bytes) -> bool:
    return PDF_MAGIC in raw[: _MAGIC_WITHIN + len(PDF_MAGIC)]


def read_pdf(raw: bytes) -> PdfDocument:
    """The PDF's text as a page; ``empty_reason`` says why there is none (a scan, encrypted, broken)."""
    from pypdf import PdfReader  # only where a PDF came
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(raw))
        if reader.is_encrypted and not reader.decrypt(""):
            return PdfDocument("", 0, 0, "encrypted PDF: no text without its password")
        pages = len(reader.pages)
        texts, started = [], time.monotonic()
        for page in reader.pages[:MAX_PAGES]:
            texts.append(page.extract_text() or "")
            if time.monotonic() - started > MAX_SECONDS:
                logger.warning(
                    "PDF of %d pages: read %d in %g s, the rest left", pages, len(texts), MAX_SECONDS
                )
                break
        metadata = reader.metadata
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as error:
        return PdfDocument("", 0, 0, f"unreadable PDF: {error}")
    heading, rest = _heading("\n\n".join(texts))
    paragraphs = _paragraphs(rest)
    if not paragraphs and heading is None:
        return PdfDocument("", len(texts), pages, f"PDF of {pages} pages without text (a scan?)")
    title = heading or _meta_title(metadata) or paragraphs[0][:_TITLE_LIMIT]
    return PdfDocument(_as_html(title, _meta_date(metadata), paragraphs), len(texts), pages)


def _heading(text: str) -> tuple[str | None, str]:
    """The document's first line when it reads as a heading (short, no sentence's end), and the rest."""
    lines = text.lstrip().split("\n", 1)
    first = lines[0].strip()
    if first and len(first) <= _HEADING_LIMIT and not first.endswith(_SENTENCE_END):
        return first, lines[1] if len(lines) > 1 else ""
    return None, text


def _paragraphs(text: str) -> list[str]:
    paragraphs: list[str] = []
    current = ""
    for line in (line.strip() for line in text.replace("\r", "\n").split("\n")):
        if not line:
            if current:
                paragraphs.append(current)
            current = ""
            continue
        if current and (_CJK.match(line[0]) or _CJK.match(current[-1])):
            current += line
        elif current:
            current += " " + line
        else:
            current = line
        if current.endswith(_SENTENCE_END):
            paragraphs.append(current)
            current = ""
    if current:
        paragraphs.append(current)
    return paragraphs


def _meta_title(metadata: object) -> str | None:
    title = str(getattr(metadata, "title", None) or "").strip()
    if not title or _PLACEHOLDER_TITLE.match(title):
        return None
    return title[:_TITLE_LIMIT]


def _meta_date(metadata: object) -> datetime | None:
    try:
        when = getattr(metadata, "creation_date", None) or getattr(metadata, "modification_date", None)
    except (ValueError, TypeError):  # a date pypdf cannot read
        return None
    if not isinstance(when, datetime):
        return None
    return when.astimezone(UTC) if when.tzinfo is not None else when.replace(tzinfo=UTC)


def _as_html(title: str, published: datetime | None, paragraphs: list[str]) -> str:
    date = f'<meta property="article:published_time" content="{published.isoformat()}">' if published else ""
    body = "".join(f"<p>{escape(p)}</p>" for p in paragraphs)
    return (
        f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{escape(title)}</title>{date}</head>"
        f"<body><article><h1>{escape(title)}</h1>{body}</article></body></html>"
    )
