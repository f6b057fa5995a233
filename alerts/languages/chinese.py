"""How Chinese writes dates and digest subjects, in either script (the words differ, the forms do not)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date


def day(when: date, with_year: bool) -> str:
    return f"{when.year}年{when.month}月{when.day}日" if with_year else f"{when.month}月{when.day}日"


def day_range(start: date, end: date, with_year: bool) -> str:
    if start.year != end.year:
        return f"{day(start, True)}至{day(end, True)}"
    if start.month != end.month:
        return f"{day(start, with_year)}至{day(end, False)}"
    return f"{day(start, with_year)}至{end.day}日"


def digest_subject(
    noun: str, measure: str, announced: str, changed: str
) -> Callable[[str, int, int, int], str]:
    """A digest's subject, "新闻摘要（daily）：4 条，含论坛预告 2 条", in the words given."""

    def subject(rule: str, stories: int, announcements: int, changes: int) -> str:
        parts = [f"{noun}（{rule}）：{stories} {measure}"]
        if announcements:
            parts.append(f"{announced} {announcements} {measure}")
        if changes:
            parts.append(f"{changed} {changes} {measure}")
        return "，".join(parts) if len(parts) == 1 else f"{parts[0]}，含" + "，".join(parts[1:])

    return subject
