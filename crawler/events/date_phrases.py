"""Date phrases in a sentence (8月29日至30日, 今天（1日）, July 3-4, 2019, the following day), each with
what it says of its date; what it leaves out (the year, the month) is filled in by ``date_resolution``."""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache
from itertools import pairwise

from crawler.events.bilingual import known_word
from crawler.events.date_patterns import (
    DAY_ONLY_AFTER,
    DAY_ONLY_BEFORE,
    EN_DATELINE_AFTER,
    EN_DAY_MONTH,
    EN_MONTH_DAY,
    MONTHS_EN,
    ZH_DATELINE_AFTER,
    ZH_DAY_ONLY,
    ZH_FULL,
    ZH_LEAD_MARKER,
    ZH_MONTH_RELATIVE,
    ZH_MONTH_RELATIVE_NEEDS,
    ZH_RELATIVE_MONTHS,
    ZH_RELATIVE_YEARS,
    ZH_SLASH,
)
from crawler.events.date_phrase import (
    DAY_MARKS_ZH,
    MONTH_OPENINGS_EN,
    DatePhrase,
    matches,
    number,
    phrase_of,
)
from crawler.events.relative_dates import relative_phrases
from crawler.events.text import Sentence
from crawler.roc_calendar import ROC_EPOCH

__all__ = ["DatePhrase", "find_date_phrases"]

# Sentences whose date phrases are kept: the reader's steps (the date's choice, the forum's span and days,
# the visitors' departure) each ask again for the phrases of one article's sentences.
_SENTENCES_KEPT = 512


def find_date_phrases(sentence: Sentence) -> tuple[DatePhrase, ...]:
    """Every date phrase in a sentence, in order, datelines left out."""
    return _date_phrases(sentence.folded, sentence.original)


# Every explicit date (8月29日, 8/29, 本月18日, July 3, 3 July) and every day-only one (18日) holds a number:
# digits, or 十 (the one Chinese numeral the folding leaves). Nearly half the sentences hold none, and are
# not scanned with those patterns at all.
_NUMBER = re.compile(r"[\d十]")


@lru_cache(maxsize=_SENTENCES_KEPT)
def _date_phrases(folded: str, original: str) -> tuple[DatePhrase, ...]:
    numbered = _NUMBER.search(folded) is not None
    phrases = _explicit_chinese(folded, original) + _explicit_english(folded, original) if numbered else []
    explicit = [(p.start, p.end) for p in phrases]
    phrases += [
        p
        for p in relative_phrases(folded, original)
        if not _overlaps(p, explicit) and not _glossed(p, explicit)
    ]
    taken = [(p.start, p.end) for p in phrases]  # 今天（1日）: the 1日 is the gloss, not a date of its own
    if numbered:
        phrases += [p for p in _day_only_chinese(folded, original) if not _overlaps(p, taken)]
    return _in_the_month_before(sorted(phrases, key=lambda phrase: phrase.start))


def _in_the_month_before(phrases: list[DatePhrase]) -> tuple[DatePhrase, ...]:
    """系列活动自6月14日开始，持续至17日: a day written alone after a date with its month, in one sentence, is a
    later day of that month (its year too), not a day near the paper's; a day before the month's day is left
    alone (6月28日开幕…2日闭幕 may be the next month's)."""
    for index in range(1, len(phrases)):
        before, phrase = phrases[index - 1], phrases[index]
        month = before.end_month or before.month
        day = before.end_day or before.day
        if month is None or day is None or phrase.day is None or phrase.day < day or not _bare(phrase):
            continue
        phrases[index] = replace(
            phrase, month=month, year=before.year, years_from_publication=before.years_from_publication
        )
    return tuple(phrases)


def _bare(phrase: DatePhrase) -> bool:
    """A day of the month written alone (17日): no month, relative word or weekday."""
    return (
        phrase.month is None
        and phrase.months_from_publication is None
        and phrase.days_from_publication is None
        and phrase.days_after_previous is None
        and phrase.weekday is None
    )


def _overlaps(phrase: DatePhrase, taken: list[tuple[int, int]]) -> bool:
    return any(phrase.start < end and start < phrase.end for start, end in taken)


def _glossed(phrase: DatePhrase, taken: list[tuple[int, int]]) -> bool:
    """'today (July 3)', 'on Friday, Aug. 29': the date beside the word says it better than the word."""
    relative = phrase.days_from_publication is not None or phrase.weekday is not None
    return relative and any(phrase.end <= start <= phrase.end + 3 for start, _ in taken)


def _explicit_chinese(folded: str, original: str) -> list[DatePhrase]:
    phrases = []
    for match in matches(ZH_FULL, folded, ("月",)):
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
        listed_last = listed_last or _next_day_listed(match)
        phrases.append(
            phrase_of(
                match,
                original,
                year=year,
                month=number(match.group("month")),
                day=number(match.group("day")),
                end_month=number(match.group("month2")) if match.group("month2") else None,
                end_day=number(end_day) if (end_day := match.group("day2") or listed_last) else None,
                years_from_publication=ZH_RELATIVE_YEARS.get(match.group("relative_year") or ""),
            )
        )
    for match in matches(ZH_SLASH, folded, ("/",)):
        fields = {name.rstrip("_"): value for name, value in match.groupdict().items() if value}
        bracketed = folded[match.start() - 1 : match.start()] in ("（", "(")
        glossed = match.group("day__") is not None  # 9/14(四): a weekday says it is a date
        if not ("day2" in fields or bracketed or glossed or DAY_ONLY_AFTER.match(folded, match.end())):
            continue  # 占1/3的: a fraction; a date is a range, a gloss, or what a forum opens on
        phrases.append(
            phrase_of(
                match,
                original,
                month=int(fields["month"]),
                day=int(fields["day"]),
                end_month=int(fields["month2"]) if "month2" in fields else None,
                end_day=int(fields["day2"]) if "day2" in fields else None,
            )
        )
    for match in matches(ZH_MONTH_RELATIVE, folded, ZH_MONTH_RELATIVE_NEEDS):
        listed_last = match.group("listed_last")
        if listed_last and not _consecutive(folded[match.start("day") : match.end("listed_last")]):
            listed_last = None
        listed_last = listed_last or _next_day_listed(match)
        phrases.append(
            phrase_of(
                match,
                original,
                day=number(match.group("day")),
                end_day=number(end_day)
                if (end_day := match.group("day2") or match.group("day2_unmarked") or listed_last)
                else None,
                months_from_publication=ZH_RELATIVE_MONTHS[match.group("which")],
            )
        )
    return phrases


def _next_day_listed(match: re.Match[str]) -> str | None:
    """16日、17日: the second day written in full, where it is the day after the first (9月5日、12日 are two
    days a week apart: no span)."""
    second = match.group("listed2")
    return second if second and number(second) == number(match.group("day")) + 1 else None


_DAY_OPENS_THE_SENTENCE = re.compile(r"\s*(?:上午|下午|中午|晚上|晚间|早上)?\s*[，,]")
_LISTED_DAY = re.compile(r"\d{1,2}|十")


def _consecutive(listed: str) -> bool:
    """Whether the days of a list (18、19、20) follow one another."""
    days = [number(day) for day in _LISTED_DAY.findall(listed)]
    return all(later == earlier + 1 for earlier, later in pairwise(days))


def _day_only_chinese(folded: str, original: str) -> list[DatePhrase]:
    phrases = []
    for match in matches(ZH_DAY_ONLY, folded, DAY_MARKS_ZH):
        tied = (
            DAY_ONLY_BEFORE.search(folded, 0, match.start())
            or DAY_ONLY_AFTER.match(folded, match.end())
            # 17日上午，两市…: a sentence of a programme opens with its day
            or (
                ZH_LEAD_MARKER.fullmatch(folded, 0, match.start())
                and _DAY_OPENS_THE_SENTENCE.match(folded, match.end())
            )
        )
        if not tied or ZH_DATELINE_AFTER.match(folded, match.end()):
            continue
        day, end_day = (
            match.group("day") or match.group("first"),
            match.group("day2") or match.group("second"),
        )
        if match.group("second") and not _consecutive(folded[match.start("first") : match.end("second")]):
            end_day = None
        phrases.append(
            phrase_of(match, original, day=number(day), end_day=number(end_day) if end_day else None)
        )
    return phrases


def _explicit_english(folded: str, original: str) -> list[DatePhrase]:
    phrases: list[DatePhrase] = []
    for pattern in (EN_MONTH_DAY, EN_DAY_MONTH):
        for match in matches(pattern, folded, MONTH_OPENINGS_EN):
            if EN_DATELINE_AFTER.match(folded, match.end()):
                continue
            if _overlaps_match(match, phrases):
                continue
            month2 = match.group("month2")
            end_day = match.group("day2") or (match.group("day3") if "day3" in pattern.groupindex else None)
            if end_day and not month2 and not _days_joined(match, int(end_day)):
                end_day = None  # "on December 5 and 12": two days a week apart, the first one's date
            phrases.append(
                phrase_of(
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


_AND_EN = re.compile(r"\band\b", re.IGNORECASE)


def _days_joined(match: re.Match[str], end_day: int) -> bool:
    """Whether a match's two days make a span: a range sign does; "and" only between days that follow each
    other (18 and 19 November), as 、 does in Chinese."""
    if not match.group("day2") or not _AND_EN.search(match.string, match.end("day"), match.start("day2")):
        return True
    return end_day == int(match.group("day")) + 1


def _overlaps_match(match: re.Match[str], phrases: list[DatePhrase]) -> bool:
    return any(match.start() < p.end and p.start < match.end() for p in phrases)
