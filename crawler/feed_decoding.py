"""A feed's bytes made into what feedparser reads right: UTF-8, declared so.

feedparser picks a feed's charset by RFC 3023 (the HTTP charset, else the XML declaration, text/xml
meaning US-ASCII) and trusts whichever it picked when it decodes without error. Feeds lie as pages do:
a declaration of UTF-16 over UTF-8 bytes decodes without error into nonsense, and a Big5 feed declared
UTF-8 is read by chardet and then called unusable for the mismatch. So the bytes are decoded here the
way pages are (:func:`crawler.cleaner.decoding.decode_xml`), and feedparser gets UTF-8 bytes whose XML
declaration and HTTP charset both say so.

A body that is an HTML page (a parked domain, an anti-bot challenge, a login wall served with 200) is
no feed whatever feedparser makes of it: it is called what it is here, with the page's title, rather
than reported as the XML syntax error feedparser would find in it.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from email.message import Message

from crawler.cleaner.decoding import decode_xml, has_unicode_signature, looks_binary
from crawler.cleaner.titles import tidy_title

# Like the cleaner (crawler/cleaner/core.py, _UNDECODABLE_SHARE): past this share of U+FFFD the text is
# not the feed any more, only what the charsets tried made of its bytes.
UNREADABLE_SHARE = 0.02
_DECLARED_ENCODING = re.compile(r"""^(\s*<\?xml\b[^>]*?\bencoding\s*=\s*)(["'])[^"']*\2""", re.IGNORECASE)
# What may come before a document's first element: the XML declaration, processing instructions,
# comments, the doctype (with its internal subset, which old RSS uses for entities) and white space.
_PROLOGUE = re.compile(r"\s+|<\?.*?\?>|<!--.*?-->", re.DOTALL)
_DOCTYPE = re.compile(r"<!doctype\s+([^\s>\[]*)[^>\[]*(?:\[.*?\])?\s*>", re.IGNORECASE | re.DOTALL)
# An HTML page's first element (HTML5 lets a page leave out <html>, even <head>); and a feed's root,
# which an HTML doctype can stand before (feedparser's tests have one: the feed is read all the same).
_HTML_ROOT = re.compile(r"<(?:html|head|body)[\s>/]", re.IGNORECASE)
_FEED_ROOT = re.compile(r"<(?:rss|feed|rdf:rdf|channel)[\s>/]", re.IGNORECASE)
# The page's title, to tell a parked domain from a challenge page in the log ("Just a moment...").
_HTML_TITLE = re.compile(r"<title\b[^>]*>([^<]*)<", re.IGNORECASE)
_TITLE_SEARCHED_CHARS = 64 * 1024
_TITLE_SHOWN_CHARS = 80


@dataclass(frozen=True)
class DecodedFeed:
    """The feed as UTF-8 and the Content-Type to give feedparser with it; or why it cannot be read."""

    body: bytes
    content_type: str
    encoding: str
    warnings: tuple[str, ...] = ()
    unreadable: str | None = None


def decode_feed(raw: bytes, content_type: str = "") -> DecodedFeed:
    """Decode a feed's bytes by the HTTP charset, the XML declaration and detection; never raises."""
    if not raw:
        return DecodedFeed(raw, content_type, "")
    if looks_binary(raw) and not has_unicode_signature(raw):
        return DecodedFeed(b"", content_type, "", unreadable="binary content, not a feed")
    media_type, charset = _parse_content_type(content_type)
    decoded = decode_xml(raw, charset)
    page = describe_html_page(decoded.text)
    if page is not None:
        return DecodedFeed(b"", content_type, decoded.encoding, decoded.warnings, unreadable=page)
    if decoded.undecodable_share > UNREADABLE_SHARE:
        tried = ", ".join(decoded.tried or (decoded.encoding,))
        return DecodedFeed(
            b"",
            content_type,
            decoded.encoding,
            decoded.warnings,
            unreadable=f"unreadable feed: no charset reads its bytes as text (tried {tried})",
        )
    text = _DECLARED_ENCODING.sub(r'\1"utf-8"', decoded.text.removeprefix("\ufeff"), count=1)
    # A media type without a charset is what feedparser reads as US-ASCII (text/xml) or by the
    # declaration; with this charset it reads the bytes as what they now are. No Content-Type at all is
    # XML by default, not an error "' ' is not an XML media type".
    utf8_type = f"{media_type or 'application/xml'}; charset=utf-8"
    return DecodedFeed(text.encode("utf-8", errors="replace"), utf8_type, decoded.encoding, decoded.warnings)


def describe_html_page(text: str) -> str | None:
    """What the text is when it is an HTML page (``an HTML page, not a feed (titled "...")``), else None.

    By the document's start (its doctype and first element), not by its Content-Type: feeds are served
    as text/html often enough.
    """
    position = 1 if text.startswith("\ufeff") else 0
    html_doctype = False
    while True:
        if prologue := _PROLOGUE.match(text, position):
            position = prologue.end()
        elif doctype := _DOCTYPE.match(text, position):
            html_doctype = doctype.group(1).lower() == "html"
            position = doctype.end()
        else:
            break
    if not (_HTML_ROOT.match(text, position) or (html_doctype and not _FEED_ROOT.match(text, position))):
        return None
    title = _HTML_TITLE.search(text, position, position + _TITLE_SEARCHED_CHARS)
    shown = " ".join(tidy_title(html.unescape(title.group(1))).split()) if title else ""
    if len(shown) > _TITLE_SHOWN_CHARS:
        shown = shown[: _TITLE_SHOWN_CHARS - 1] + "…"
    return f'an HTML page, not a feed (titled "{shown}")' if shown else "an HTML page, not a feed"


def _parse_content_type(content_type: str) -> tuple[str, str | None]:
    """The media type and charset of a Content-Type header; a malformed one gives what it can."""
    if not content_type.strip():
        return "", None
    header = Message()
    header["content-type"] = content_type
    charset = header.get_param("charset")
    # Only a plain value names a charset; RFC 2231 tuples are not seen in the wild for it.
    return header.get_content_type(), charset if isinstance(charset, str) and charset else None
