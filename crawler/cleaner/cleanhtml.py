"""The article body as minimal HTML: headings, paragraphs, lists and tables, text only, no attributes."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from crawler.cleaner.blocks import Block


def render_html(blocks: Sequence[Block]) -> str:
    """``<h2>``/``<h3>``, ``<p>``, ``<ul><li>`` and ``<table><tr><td>``, one element per line."""
    lines: list[str] = []
    open_list: int | None = None
    open_table: int | None = None
    for block in blocks:
        if open_list is not None and (block.kind != "item" or block.group != open_list):
            lines.append("</ul>")
            open_list = None
        if open_table is not None and (block.kind != "row" or block.group != open_table):
            lines.append("</table>")
            open_table = None
        if block.kind == "heading":
            tag = "h2" if block.level <= 2 else "h3"
            lines.append(f"<{tag}>{escape(block.text)}</{tag}>")
        elif block.kind == "item":
            if open_list is None:
                lines.append("<ul>")
                open_list = block.group
            lines.append(f"<li>{escape(block.text)}</li>")
        elif block.kind == "row":
            if open_table is None:
                lines.append("<table>")
                open_table = block.group
            cells = "".join(f"<td>{escape(cell)}</td>" for cell in block.cells)
            lines.append(f"<tr>{cells}</tr>")
        else:
            lines.append(f"<p>{escape(block.text)}</p>")
    if open_list is not None:
        lines.append("</ul>")
    if open_table is not None:
        lines.append("</table>")
    return "\n".join(lines)
