"""Plain-text tables for the terminal, aligned by display width (CJK characters take two columns)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

# Colour codes (click.style) take no room on the screen.
_ANSI_STYLE = re.compile(r"\x1b\[[0-9;]*m")


def display_width(text: str) -> int:
    text = _ANSI_STYLE.sub("", text)
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def truncate(text: str, width: int) -> str:
    """Cut ``text`` to at most ``width`` display columns, marking the cut with an ellipsis."""
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


def render_table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    cells = [[str(h) for h in headers]] + [[str(c) for c in row] for row in rows]
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
