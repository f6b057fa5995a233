"""Text from strangers made safe to print: control characters escaped, passwords in URLs hidden.

forumwatch prints what web pages, servers and feeds wrote. An ESC, BEL or OSC sequence in a title would
drive the reader's terminal (retitle the window, hide text, move the cursor), a bidi override would
reorder what follows it on screen, and a newline would forge a line of output. Every printer of the
command line goes through :func:`printable` (tables cell by cell, blocks line by line, and :func:`echo`
over the whole output), so none of them reaches a terminal raw.

Escapes are Python's (``\\x1b``, ``\\u202e``, ``\\n``): one notation for C0, C1 and bidi controls alike
(caret notation such as ``^[`` has none for the last two), the same as ``repr`` in config errors, and
easy to search for. They are for reading, not for parsing back: ``--json`` keeps the exact text.
"""

from __future__ import annotations

import json
import logging
import re
import shutil
import sys
from pathlib import Path
from typing import Any

import click
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

# Unicode's Bidi_Control characters (marks, embeddings, overrides, isolates: they reorder what follows
# them on screen) and the line and paragraph separators, which some terminals and viewers break lines at.
_BIDI_AND_SEPARATORS = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029"
# C0 controls, DEL and C1 controls (U+009B is CSI to terminals that read 8-bit controls).
_UNSAFE_IN_LINE = re.compile(f"[\x00-\x1f\x7f-\x9f{_BIDI_AND_SEPARATORS}]")
# The same, but tab and newline: the layout of a body's paragraphs.
_UNSAFE_IN_TEXT = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f{_BIDI_AND_SEPARATORS}]")
# What json.dumps(ensure_ascii=False) leaves raw: it escapes C0 controls only.
_UNSAFE_IN_JSON = re.compile(f"[\x7f-\x9f{_BIDI_AND_SEPARATORS}]")
_SHORT_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(match: re.Match[str]) -> str:
    character = match[0]
    code = ord(character)
    return _SHORT_ESCAPES.get(character) or (f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")


class Styled(str):
    """Text forumwatch coloured itself (made by :func:`style`): its escape codes are printed as they are."""


def printable(text: str, *, keep_newlines: bool = False) -> str:
    """``text`` with every control character, bidi control and line separator escaped visibly; with
    ``keep_newlines``, newlines and tabs stay (a body's paragraphs). CJK text and emoji are untouched."""
    if isinstance(text, Styled):
        return text
    unsafe = _UNSAFE_IN_TEXT if keep_newlines else _UNSAFE_IN_LINE
    return unsafe.sub(_escape, text)


def style(text: str, **styles: Any) -> Styled:
    """``text``, escaped, in the colours of :func:`click.style`."""
    return Styled(click.style(printable(text), **styles))


def echo(text: str = "", *, err: bool = False) -> None:
    """Print ``text`` with its controls escaped (newlines kept): what every command prints goes here."""
    click.echo(printable(text, keep_newlines=True), err=err)


def json_text(value: Any) -> str:
    """``value`` as indented JSON whose strings hold no raw C1 or bidi control: they become ``\\uXXXX``
    escapes, which read back as the same text."""
    dumped = json.dumps(value, ensure_ascii=False, indent=2)
    return _UNSAFE_IN_JSON.sub(lambda match: f"\\u{ord(match[0]):04x}", dumped)


class EscapingFormatter(logging.Formatter):
    """Log records with their controls escaped: messages quote titles, URLs and servers' errors. A
    traceback keeps its newlines."""

    def format(self, record: logging.LogRecord) -> str:
        return printable(super().format(record), keep_newlines=True)


HIDDEN = "***"
_QUERY_PASSWORD = re.compile(r"([?&]password=)[^&]*", re.IGNORECASE)


def without_password(url: str) -> str:
    """``url`` with the password of its ``user:password@`` part shown as ``***``."""
    scheme, separator, rest = url.partition("://")
    if not separator:
        return url
    authority_end = min((i for i in map(rest.find, "/?#") if i >= 0), default=len(rest))
    userinfo, at, host = rest[:authority_end].rpartition("@")
    if not at or ":" not in userinfo:
        return url
    user = userinfo.partition(":")[0]
    return f"{scheme}://{user}:{HIDDEN}@{host}{rest[authority_end:]}"


def database_url_for_display(url: str) -> str:
    """A database URL with its password hidden, in the URL or (PostgreSQL) in the query."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        # Not a URL SQLAlchemy can read, so not one whose parts are known: all before the last '@' goes.
        before, at, after = url.rpartition("@")
        scheme = before.partition("://")[0] + "://" if "://" in before else ""
        shown = f"{scheme}{HIDDEN}@{after}" if at else url
    else:
        # Rendered again only to hide a password: otherwise as the user wrote it (rendering encodes).
        shown = url if parsed.password is None else parsed.render_as_string(hide_password=True)
    return _QUERY_PASSWORD.sub(rf"\g<1>{HIDDEN}", shown)


def command_name() -> str:
    """How to run forumwatch again, as this process was run: `forumwatch` when that is what the PATH
    finds, else the path it was started by (`.venv/bin/forumwatch` after `make demo`)."""
    started_as = Path(sys.argv[0])
    if started_as.name == "__main__.py" and started_as.parent.name == "forumwatch":  # python -m forumwatch
        return f"{sys.executable} -m forumwatch"
    if started_as.name != "forumwatch":  # called from other code (a test, a notebook)
        return "forumwatch"
    on_path = shutil.which("forumwatch")
    if on_path and Path(on_path).resolve() == started_as.resolve():
        return "forumwatch"
    return str(started_as)
