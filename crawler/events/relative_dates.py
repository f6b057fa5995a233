"""Date phrases told relative to the publication or to the date before them: 今天, 明（6）日, yesterday,
本週五（22日）, next Thursday, this weekend, 次日, "the following day", "on the 18th"."""

from __future__ import annotations

import re

from crawler.events.bilingual import known_word
from crawler.events.date_patterns import (
    EN_NEXT_DAY,
    EN_ORDINAL_DAY,
    EN_ORDINAL_MONTHS,
    EN_PART_OF_TODAY,
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
    ZH_BRACKETED_NEEDS,
    ZH_BRACKETED_RELATIVE,
    ZH_NEXT_DAY,
    ZH_NEXT_DAY_NEEDS,
    ZH_RELATIVE,
    ZH_RELATIVE_DAYS,
    ZH_RELATIVE_NEEDS,
    ZH_SAME_DAY,
    ZH_SAME_DAY_NEEDS,
    ZH_TODAY_AND_TOMORROW,
    ZH_TODAY_AND_TOMORROW_NEEDS,
    ZH_WEEKDAY,
    ZH_WEEKDAYS,
    ZH_WEEKEND,
    ZH_WEEKS,
)
from crawler.events.date_phrase import (
    WEEK_ZH,
    WEEKDAY_EN,
    DatePhrase,
    english_matches,
    matches,
    phrase_of,
)


def relative_phrases(folded: str, original: str) -> list[DatePhrase]:
    """Dates told relative to the publication or to the date before them, and "on the 18th"."""
    ordinal_days = (
        [_ordinal_day(match, original) for match in english_matches(EN_ORDINAL_DAY, folded, _ORDINAL_NEEDS)]
        if _DIGIT.search(folded)
        else []
    )
    return (
        _days_from_publication(folded, original)
        + _weekdays(folded, original)
        + ordinal_days
        + _days_after_previous(folded, original)
    )


_ORDINAL_NEEDS = ("on", "from", "between")  # the words an ordinal day follows
_DIGIT = re.compile(r"\d")  # and every ordinal day holds one
_AND = re.compile(r"\band\b", re.IGNORECASE)


def _ordinal_day(match: re.Match[str], original: str) -> DatePhrase:
    """ "on the 18th", "from the 5th to the 7th of next month", "on the 5th and 6th of October": a day of the month
    written as an ordinal; a second one is its span's end where a range sign joins them, or "and" joins days that
    follow each other (the 5th and 12th are two days a week apart)."""
    day = int(match.group("day")[:-2])
    end_day = int(match.group("day2")[:-2]) if match.group("day2") else None
    if (
        end_day is not None
        and _AND.search(match.string, match.end("day"), match.start("day2"))
        and end_day != day + 1
    ):
        end_day = None
    month = match.group("month")
    return phrase_of(
        match,
        original,
        day=day,
        end_day=end_day if end_day is not None and end_day > day else None,
        month=MONTHS_EN[known_word(month, MONTHS_EN)] if month else None,
        months_from_publication=EN_ORDINAL_MONTHS.get((match.group("which") or "").lower()),
    )


def _days_from_publication(folded: str, original: str) -> list[DatePhrase]:
    """今天, 明（6）日, yesterday, 今明兩天."""
    phrases = []
    for match in matches(ZH_RELATIVE, folded, ZH_RELATIVE_NEEDS):
        hint = match.group("hint")
        phrases.append(
            phrase_of(
                match,
                original,
                days_from_publication=ZH_RELATIVE_DAYS[match.group("word")],
                day_hint=int(hint) if hint else None,
            )
        )
    for match in english_matches(
        EN_RELATIVE, folded, ("today", "tonight", "tomorrow", "yesterday", "morning", "afternoon")
    ):
        word = match.group("word")
        days = (
            0
            if word[: len(EN_PART_OF_TODAY)].lower() == EN_PART_OF_TODAY
            else EN_RELATIVE_DAYS[known_word(word, EN_RELATIVE_DAYS)]
        )
        phrases.append(phrase_of(match, original, days_from_publication=days))
    for match in matches(ZH_BRACKETED_RELATIVE, folded, ZH_BRACKETED_NEEDS):
        days = ZH_BRACKETED_DAYS[match.group("word")]
        phrases.append(
            phrase_of(match, original, days_from_publication=days, day_hint=int(match.group("hint")))
        )
    for match in matches(ZH_TODAY_AND_TOMORROW, folded, ZH_TODAY_AND_TOMORROW_NEEDS):
        phrases.append(phrase_of(match, original, days_from_publication=0, days_long=1))
    return phrases


def _weekdays(folded: str, original: str) -> list[DatePhrase]:
    """本週五（22日）, 下週一、二, next Thursday, Thursday and Friday next week, this weekend."""
    phrases = []
    for match in matches(ZH_WEEKDAY, folded, WEEK_ZH):
        hint = match.group("hint")
        first, second = ZH_WEEKDAYS[match.group("day")], match.group("day2")
        phrases.append(
            phrase_of(
                match,
                original,
                weekday=first,
                weeks_from_publication=ZH_WEEKS.get(match.group("which") or ""),
                day_hint=int(hint) if hint else None,
                days_long=(ZH_WEEKDAYS[second] - first) % 7 or None if second else None,
            )
        )
    for match in matches(EN_WEEKDAY, folded, (WEEKDAY_EN,)):
        which = (match.group("which") or match.group("week_after") or "").lower()
        second = match.group("range_end") or match.group("day2")
        first = WEEKDAYS_EN.index(known_word(match.group("day"), WEEKDAYS_EN))
        phrases.append(
            phrase_of(
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
        english_matches(EN_WEEKEND, folded, ("weekend",)),
        matches(ZH_WEEKEND, folded, ("周末",)),
    ):
        for match in weekends:
            which = re.sub(r"\s+", " ", (match.group("which") or "").lower())
            phrases.append(
                phrase_of(match, original, weekday=SATURDAY, weeks_from_publication=WEEKEND_WEEKS.get(which))
            )
    return phrases


def _days_after_previous(folded: str, original: str) -> list[DatePhrase]:
    """当天 (the day just named), 次日 and "the following day" (the day after it)."""
    phrases = [
        phrase_of(match, original, days_after_previous=0)
        for match in matches(ZH_SAME_DAY, folded, ZH_SAME_DAY_NEEDS)
    ]
    for next_days in (
        matches(ZH_NEXT_DAY, folded, ZH_NEXT_DAY_NEEDS),
        english_matches(EN_NEXT_DAY, folded, ("day",)),
    ):
        for match in next_days:
            if FIRST_DAY_ZH.search(folded, 0, match.start()):
                continue  # 论坛首日上午开幕，次日分组座谈: the forum's second day, whatever its date
            phrases.append(phrase_of(match, original, days_after_previous=1))
    return phrases
