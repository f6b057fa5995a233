"""Plain-text tables for the terminal, aligned by display width (CJK characters take two columns).

Every cell is escaped (forumwatch.terminal) before it is measured: a title's controls can neither drive
the terminal nor break the row, and the escapes are counted in the width they take."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from forumwatch.terminal import printable

# Colour codes (click.style) take no room on the screen.
_ANSI_STYLE = re.compile(r"\x1b\[[0-9;]*m")


def display_width(text: str) -> int:
    text = _ANSI_STYLE.sub("", text)
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def truncate(text: str, width: int) -> str:
    """``text``, escaped, cut to at most ``width`` display columns, marking the cut with an ellipsis."""
    text = printable(text)
    if display_width(text) <= width:
        return text
    kept, used = [], 0
    for ch in text:
        w = display_width(ch)
        if used + w > width - 1:
            break
        kept.append(ch)
        used += w
    return "".join(kept) + "…"


def _cell_text(cell: object) -> str:
    # str() of a Styled cell (a colour forumwatch chose) would drop the mark that keeps it unescaped.
    return printable(cell if isinstance(cell, str) else str(cell))


def render_table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    cells = [[_cell_text(h) for h in headers]] + [[_cell_text(c) for c in row] for row in rows]
    widths = [max(display_width(row[i]) for row in cells) for i in range(len(headers))]
    numeric = [all(row[i].isdigit() for row in cells[1:]) and len(cells) > 1 for i in range(len(headers))]

    def line(row: list[str]) -> str:
        padded = []
        for i, cell in enumerate(row):
            pad = " " * (widths[i] - display_width(cell))
            padded.append(pad + cell if numeric[i] else cell + pad)
        return "  ".join(padded).rstrip()

    rule = "  ".join("-" * w for w in widths)
    return "\n".join([line(cells[0]), rule, *(line(row) for row in cells[1:])])
