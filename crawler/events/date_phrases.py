"""Date phrases in a sentence (8月29日至30日, 今天（1日）, July 3-4, 2019, the following day), each with
what it says of its date; what it leaves out (the year, the month) is filled in by ``date_resolution``."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise
from typing import Any

from crawler.events.bilingual import known_word, may_hold_english_word
from crawler.events.date_patterns import (
    DAY_ONLY_AFTER,
    DAY_ONLY_BEFORE,
    EN_DATELINE_AFTER,
    EN_DAY_MONTH,
    EN_MONTH_DAY,
    EN_NEXT_DAY,
    EN_ORDINAL_DAY,
    EN_RELATIVE,
    EN_RELATIVE_DAYS,
    EN_WEEKDAY,
    EN_WEEKEND,
    EN_WEEKS,
    FIRST_DAY_ZH,
    MONTHS_EN,
    SATURDAY,
    WEEKDAYS_EN,
    WEEKEND_WEEKS,
    ZH_BRACKETED_DAYS,
    ZH_BRACKETED_RELATIVE,
    ZH_DATELINE_AFTER,
    ZH_DAY_ONLY,
    ZH_FULL,
    ZH_MONTH_RELATIVE,
    ZH_NEXT_DAY,
    ZH_RELATIVE,
    ZH_RELATIVE_DAYS,
    ZH_RELATIVE_MONTHS,
    ZH_RELATIVE_YEARS,
    ZH_SAME_DAY,
    ZH_SLASH,
    ZH_TODAY_AND_TOMORROW,
    ZH_WEEKDAY,
    ZH_WEEKDAYS,
    ZH_WEEKEND,
    ZH_WEEKS,
)
from crawler.events.text import Sentence
from crawler.roc_calendar import ROC_EPOCH


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


# Sentences whose date phrases are kept: the reader's steps (the date's choice, the forum's span and days,
# the visitors' departure) each ask again for the phrases of one article's sentences.
_SENTENCES_KEPT = 512


def find_date_phrases(sentence: Sentence) -> tuple[DatePhrase, ...]:
    """Every date phrase in a sentence, in order, datelines left out."""
    return _date_phrases(sentence.folded, sentence.original)


@lru_cache(maxsize=_SENTENCES_KEPT)
def _date_phrases(folded: str, original: str) -> tuple[DatePhrase, ...]:
    phrases = _explicit_chinese(folded, original) + _explicit_english(folded, original)
    explicit = [(p.start, p.end) for p in phrases]
    phrases += [
        p for p in _relative(folded, original) if not _overlaps(p, explicit) and not _glossed(p, explicit)
    ]
    taken = [(p.start, p.end) for p in phrases]  # 今天（1日）: the 1日 is the gloss, not a date of its own
    phrases += [p for p in _day_only_chinese(folded, original) if not _overlaps(p, taken)]
    return tuple(sorted(phrases, key=lambda phrase: phrase.start))


def _overlaps(phrase: DatePhrase, taken: list[tuple[int, int]]) -> bool:
    return any(phrase.start < end and start < phrase.end for start, end in taken)


def _glossed(phrase: DatePhrase, taken: list[tuple[int, int]]) -> bool:
    """'today (July 3)', 'on Friday, Aug. 29': the date beside the word says it better than the word."""
    relative = phrase.days_from_publication is not None or phrase.weekday is not None
    return relative and any(phrase.end <= start <= phrase.end + 3 for start, _ in taken)


def _number(text: str) -> int:
    return 10 if text == "十" else int(text)


# What every match of a pattern holds one of. Most sentences name no date: one that holds none of them is
# not scanned with the pattern.
_DAY_MARKS_ZH = ("日", "号", "天")  # 29日, 29号, 今天, 次日, 第二天
_WEEK_ZH = ("周", "星期", "礼拜")
# Month names are matched capitalised: Jan, Sept, September.
_MONTH_OPENINGS_EN = tuple(sorted({month.capitalize()[:3] for month in MONTHS_EN}))
_WEEKDAY_EN = "day"  # Monday ... Sunday, capitalised


def _matches(pattern: re.Pattern[str], folded: str, needs: tuple[str, ...]) -> Iterator[re.Match[str]]:
    """The pattern's matches, where ``folded`` holds one of the strings every match of it holds."""
    return pattern.finditer(folded) if any(part in folded for part in needs) else iter(())


def _english_matches(
    pattern: re.Pattern[str], folded: str, needs: tuple[str, ...]
) -> Iterator[re.Match[str]]:
    """The matches of a case-insensitive English pattern, where ``folded`` may hold one of the words (lower
    case) every match holds."""
    return pattern.finditer(folded) if may_hold_english_word(folded, needs) else iter(())


def _explicit_chinese(folded: str, original: str) -> list[DatePhrase]:
    phrases = []
    for match in _matches(ZH_FULL, folded, ("月",)):
        listed_last = match.group("listed_last")
        if not (match.group("day_mark") or match.group("day2") or listed_last):
            continue  # 12月1 without 日 and no range: a decimal or a code, not a date
        if ZH_DATELINE_AFTER.match(folded, match.end()):
            continue
        year = None
        if match.group("year"):
            year = int(match.group("year"))
        elif match.group("roc") or match.group("roc_bare"):
            year = ROC_EPOCH + int(match.group("roc") or match.group("roc_bare"))
        if listed_last and not _consecutive(folded[match.start("day") : match.end("listed_last")]):
            listed_last = None  # 9月5、12日: two days a week apart, the first one's date and no span
        phrases.append(
            _phrase(
                match,
                original,
                year=year,
                month=_number(match.group("month")),
                day=_number(match.group("day")),
                end_month=_number(match.group("month2")) if match.group("month2") else None,
                end_day=_number(end_day) if (end_day := match.group("day2") or listed_last) else None,
                years_from_publication=ZH_RELATIVE_YEARS.get(match.group("relative_year") or ""),
            )
        )
    for match in _matches(ZH_SLASH, folded, ("/",)):
        fields = {name.rstrip("_"): value for name, value in match.groupdict().items() if value}
        bracketed = folded[match.start() - 1 : match.start()] in ("（", "(")
        if not ("day2" in fields or bracketed or DAY_ONLY_AFTER.match(folded, match.end())):
            continue  # 占1/3的: a fraction; a date is a range, a gloss, or what a forum opens on
        phrases.append(
            _phrase(
                match,
                original,
                month=int(fields["month"]),
                day=int(fields["day"]),
                end_month=int(fields["month2"]) if "month2" in fields else None,
                end_day=int(fields["day2"]) if "day2" in fields else None,
            )
        )
    for match in _matches(ZH_MONTH_RELATIVE, folded, ("月",)):
        listed_last = match.group("listed_last")
        if listed_last and not _consecutive(folded[match.start("day") : match.end("listed_last")]):
            listed_last = None
        phrases.append(
            _phrase(
                match,
                original,
                day=_number(match.group("day")),
                end_day=_number(end_day)
                if (end_day := match.group("day2") or match.group("day2_unmarked") or listed_last)
                else None,
                months_from_publication=ZH_RELATIVE_MONTHS[match.group("which")],
            )
        )
    return phrases


_LISTED_DAY = re.compile(r"\d{1,2}|十")


def _consecutive(listed: str) -> bool:
    """Whether the days of a list (18、19、20) follow one another."""
    days = [_number(day) for day in _LISTED_DAY.findall(listed)]
    return all(later == earlier + 1 for earlier, later in pairwise(days))


def _day_only_chinese(folded: str, original: str) -> list[DatePhrase]:
    phrases = []
    for match in _matches(ZH_DAY_ONLY, folded, _DAY_MARKS_ZH):
        tied = DAY_ONLY_BEFORE.search(folded, 0, match.start()) or DAY_ONLY_AFTER.match(folded, match.end())
        if not tied or ZH_DATELINE_AFTER.match(folded, match.end()):
            continue
        day, end_day = (
            match.group("day") or match.group("first"),
            match.group("day2") or match.group("second"),
        )
        if match.group("second") and not _consecutive(folded[match.start("first") : match.end("second")]):
            end_day = None
        phrases.append(
            _phrase(match, original, day=_number(day), end_day=_number(end_day) if end_day else None)
        )
    return phrases


def _explicit_english(folded: str, original: str) -> list[DatePhrase]:
    phrases: list[DatePhrase] = []
    for pattern in (EN_MONTH_DAY, EN_DAY_MONTH):
        for match in _matches(pattern, folded, _MONTH_OPENINGS_EN):
            if EN_DATELINE_AFTER.match(folded, match.end()):
                continue
            if _overlaps_match(match, phrases):
                continue
            month2 = match.group("month2")
            end_day = match.group("day2") or (match.group("day3") if "day3" in pattern.groupindex else None)
            phrases.append(
                _phrase(
                    match,
                    original,
                    year=int(match.group("year")) if match.group("year") else None,
                    month=MONTHS_EN[known_word(match.group("month"), MONTHS_EN)],
                    day=int(match.group("day")),
                    end_month=MONTHS_EN[known_word(month2, MONTHS_EN)] if month2 else None,
                    end_day=int(end_day) if end_day else None,
                )
            )
    return phrases


def _phrase(match: re.Match[str], original: str, **fields: Any) -> DatePhrase:
    """The phrase a match found, its text as written in the original."""
    return DatePhrase(
        start=match.start(), end=match.end(), text=original[match.start() : match.end()], **fields
    )


def _overlaps_match(match: re.Match[str], phrases: list[DatePhrase]) -> bool:
    return any(match.start() < p.end and p.start < match.end() for p in phrases)


def _relative(folded: str, original: str) -> list[DatePhrase]:
    """Dates told relative to the publication or to the date before them, and "on the 18th"."""
    ordinal_days = [
        _phrase(match, original, day=int(match.group("day")))
        for match in _english_matches(EN_ORDINAL_DAY, folded, ("on",))
    ]
    return (
        _days_from_publication(folded, original)
        + _weekdays(folded, original)
        + ordinal_days
        + _days_after_previous(folded, original)
    )


def _days_from_publication(folded: str, original: str) -> list[DatePhrase]:
    """今天, 明（6）日, yesterday, 今明兩天."""
    phrases = []
    for match in _matches(ZH_RELATIVE, folded, _DAY_MARKS_ZH):
        hint = match.group("hint")
        phrases.append(
            _phrase(
                match,
                original,
                days_from_publication=ZH_RELATIVE_DAYS[match.group("word")],
                day_hint=int(hint) if hint else None,
            )
        )
    for match in _english_matches(EN_RELATIVE, folded, ("today", "tonight", "tomorrow", "yesterday")):
        days = EN_RELATIVE_DAYS[known_word(match.group("word"), EN_RELATIVE_DAYS)]
        phrases.append(_phrase(match, original, days_from_publication=days))
    for match in _matches(ZH_BRACKETED_RELATIVE, folded, _DAY_MARKS_ZH):
        days = ZH_BRACKETED_DAYS[match.group("word")]
        phrases.append(
            _phrase(match, original, days_from_publication=days, day_hint=int(match.group("hint")))
        )
    for match in _matches(ZH_TODAY_AND_TOMORROW, folded, _DAY_MARKS_ZH):
        phrases.append(_phrase(match, original, days_from_publication=0, days_long=1))
    return phrases


def _weekdays(folded: str, original: str) -> list[DatePhrase]:
    """本週五（22日）, 下週一、二, next Thursday, Thursday and Friday next week, this weekend."""
    phrases = []
    for match in _matches(ZH_WEEKDAY, folded, _WEEK_ZH):
        hint = match.group("hint")
        first, second = ZH_WEEKDAYS[match.group("day")], match.group("day2")
        phrases.append(
            _phrase(
                match,
                original,
                weekday=first,
                weeks_from_publication=ZH_WEEKS.get(match.group("which") or ""),
                day_hint=int(hint) if hint else None,
                days_long=(ZH_WEEKDAYS[second] - first) % 7 or None if second else None,
            )
        )
    for match in _matches(EN_WEEKDAY, folded, (_WEEKDAY_EN,)):
        which = (match.group("which") or match.group("week_after") or "").lower()
        second = match.group("day2")
        first = WEEKDAYS_EN.index(known_word(match.group("day"), WEEKDAYS_EN))
        phrases.append(
            _phrase(
                match,
                original,
                weekday=first,
                weeks_from_publication=EN_WEEKS.get(which),
                days_long=(WEEKDAYS_EN.index(known_word(second, WEEKDAYS_EN)) - first) % 7 or None
                if second
                else None,
            )
        )
    for weekends in (
        _english_matches(EN_WEEKEND, folded, ("weekend",)),
        _matches(ZH_WEEKEND, folded, ("周末",)),
    ):
        for match in weekends:
            which = re.sub(r"\s+", " ", (match.group("which") or "").lower())
            phrases.append(
                _phrase(match, original, weekday=SATURDAY, weeks_from_publication=WEEKEND_WEEKS.get(which))
            )
    return phrases


def _days_after_previous(folded: str, original: str) -> list[DatePhrase]:
    """当天 (the day just named), 次日 and "the following day" (the day after it)."""
    phrases = [
        _phrase(match, original, days_after_previous=0)
        for match in _matches(ZH_SAME_DAY, folded, _DAY_MARKS_ZH)
    ]
    for next_days in (
        _matches(ZH_NEXT_DAY, folded, _DAY_MARKS_ZH),
        _english_matches(EN_NEXT_DAY, folded, ("day",)),
    ):
        for match in next_days:
            if FIRST_DAY_ZH.search(folded, 0, match.start()):
                continue  # 论坛首日上午开幕，次日分组座谈: the forum's second day, whatever its date
            phrases.append(_phrase(match, original, days_after_previous=1))
    return phrases
