"""Whom a story is credited to: the wire service in a dateline (``（中央社記者邱俊欽桃園19日電）``,
``新华社北京12月1日电``, ``TAIPEI (Reuters) -``), read from the opening and closing paragraphs.

Reprints name their source this way in the text itself; a China Times page carrying a CNA story has
中央社 in its dateline whatever the page's site name says.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

# (credited name, dateline pattern). Chinese datelines end in 电/電 after a place and a day.
_DATELINE = r"[^，。,\s]{0,24}?\d{0,2}日?[电電]"
WIRE_DATELINES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(pattern))
    for name, pattern in (
        ("中央社", r"^[\s（(【\[]*中央社" + _DATELINE),
        ("中央社", r"^[\s（(【\[]*中央社[\s）)】\]]"),
        ("新华社", r"^[\s（(【\[]*新华社" + _DATELINE),
        ("新華社", r"^[\s（(【\[]*新華社" + _DATELINE),
        ("中新社", r"^[\s（(【\[]*中新社" + _DATELINE),
        ("中新网", r"^[\s（(【\[]*中新网" + _DATELINE),
        ("中評社", r"^[\s（(【\[]*中評社" + _DATELINE),
        ("路透", r"^[\s（(【\[]*路透(?:社)?" + _DATELINE),
        ("法新社", r"^[\s（(【\[]*法新社" + _DATELINE),
        ("美聯社", r"^[\s（(【\[]*(?:美聯社|美联社)" + _DATELINE),
        ("Reuters", r"^[A-Z][A-Za-z ,.]{0,40}\(Reuters\)"),
        ("AP", r"^[A-Z][A-Za-z ,.]{0,40}\(AP\)"),
        ("AFP", r"^[A-Z][A-Za-z ,.]{0,40}\(AFP\)"),
    )
)
# A closing credit line: "（中央社）", "(新华社)", "（編輯：...）" is not one.
_CLOSING = re.compile(r"[（(]\s*(中央社|新华社|新華社|中新社|中新网|路透|法新社)[^）)]{0,20}[）)]\s*\d*\s*$")


def credited_wire(paragraphs: Sequence[str]) -> str | None:
    """The wire service a story's dateline or closing line credits, or None."""
    for paragraph in paragraphs[:2]:
        for name, pattern in WIRE_DATELINES:
            if pattern.search(paragraph):
                return name
    for paragraph in paragraphs[-2:]:
        closing = _CLOSING.search(paragraph)
        if closing:
            return closing.group(1)
    return None
