"""A date phrase as the text writes it, and the helpers the phrase finders share."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from crawler.events.bilingual import may_hold_english_word
from crawler.events.date_patterns import MONTHS_EN


@dataclass(frozen=True)
class DatePhrase:
    """A date as the text writes it; what is missing (the year, the month) is filled in on resolution."""

    start: int
    end: int
    text: str  # as written
    month: int | None = None
    day: int | None = None
    year: int | None = None
    end_month: int | None = None
    end_day: int | None = None
    days_from_publication: int | None = None  # 今天 0, 明天 1, yesterday -1
    day_hint: int | None = None  # 今天（1日）: the day of the month in brackets
    days_after_previous: int | None = None  # 次日, the following day: after the last date mentioned
    months_from_publication: int | None = None  # 本月29日 0, 下月5日 1
    weekday: int | None = None  # 周五, Friday: 4 (Monday is 0)
    weeks_from_publication: int | None = None  # 本周 0, 下周 / next 1, 上周 / last -1; None: by the tense
    years_from_publication: int | None = None  # 去年12月28日 -1, 明年1月5日 1
    days_long: int | None = None  # a relative range's end after its start: 下週一、二 1, 今明兩天 1


def number(text: str) -> int:
    return 10 if text == "十" else int(text)


# What every match of a pattern holds one of. Most sentences name no date: one that holds none of them is
# not scanned with the pattern.
DAY_MARKS_ZH = ("日", "号", "天")  # 29日, 29号, 今天, 次日, 第二天
WEEK_ZH = ("周", "星期", "礼拜")
# Month names are matched capitalised: Jan, Sept, September.
MONTH_OPENINGS_EN = tuple(sorted({month.capitalize()[:3] for month in MONTHS_EN}))
WEEKDAY_EN = "day"  # Monday ... Sunday, capitalised


def matches(pattern: re.Pattern[str], folded: str, needs: tuple[str, ...]) -> Iterator[re.Match[str]]:
    """The pattern's matches, where ``folded`` holds one of the strings every match of it holds."""
    # A loop, not any() over a generator: called some fifteen times a sentence, mostly to say no.
    for part in needs:
        if part in folded:
            return pattern.finditer(folded)
    return iter(())


def english_matches(pattern: re.Pattern[str], folded: str, needs: tuple[str, ...]) -> Iterator[re.Match[str]]:
    """The matches of a case-insensitive English pattern, where ``folded`` may hold one of the words (lower
    case) every match holds."""
    return pattern.finditer(folded) if may_hold_english_word(folded, needs) else iter(())


def phrase_of(match: re.Match[str], original: str, **fields: Any) -> DatePhrase:
    """The phrase a match found, its text as written in the original."""
    return DatePhrase(
        start=match.start(), end=match.end(), text=original[match.start() : match.end()], **fields
    )
