"""Date phrases resolved to calendar dates against the publication date and the forum's year, in the
tense the sentence points at."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from crawler.events.date_phrases import DatePhrase

Direction = Literal["future", "past", "nearest"]
# A yearless day-only date (29日) is looked for this many months either side of the publication.
_DAY_ONLY_MONTH_REACH = 1
# A day written alone names a day within about half a month of the paper (a fortnight either side and a
# day's slack): a day further back or ahead is written with its month.
_DAY_ONLY_TENSE_REACH_DAYS = 16
# 今天（1日）: the day in brackets is trusted if it is this close to the publication day (time zones,
# late filing), else the publication day is.
_TODAY_HINT_REACH = 3


@dataclass(frozen=True)
class ResolvedDate:
    start: date
    end: date | None
    note: str  # how the year (or the day) was decided, for the reasons


@dataclass(frozen=True)
class DateResolver:
    published: date | None  # the publication day, local time
    event_year: int | None  # the forum's year, from its name

    def resolve(self, phrase: DatePhrase, previous: date | None, direction: Direction) -> ResolvedDate | None:
        """The calendar dates of a phrase, or None where the text and the publication date do not say."""
        if phrase.days_after_previous is not None:
            anchor = previous or self.published
            if anchor is None:
                return None
            note = "after the date before it" if previous else "after publication"
            return ResolvedDate(anchor + timedelta(days=phrase.days_after_previous), None, note)
        if phrase.days_from_publication is not None:
            return self._relative_to_publication(phrase)
        if phrase.weekday is not None:
            return self._weekday(phrase, direction)
        if phrase.month is None:
            return self._day_only(phrase, direction)
        start, note = self._month_day(phrase, direction)
        if start is None:
            return None
        return ResolvedDate(start, range_end(phrase, start), note)

    def _relative_to_publication(self, phrase: DatePhrase) -> ResolvedDate | None:
        published = self.published
        if published is None or phrase.days_from_publication is None:
            return None
        said = published + timedelta(days=phrase.days_from_publication)
        if phrase.day_hint is None:
            return ResolvedDate(said, _days_later(said, phrase.days_long), "relative to publication")
        return ResolvedDate(
            _with_hint(said, phrase.day_hint), None, "relative to publication, day as bracketed"
        )

    def _weekday(self, phrase: DatePhrase, direction: Direction) -> ResolvedDate | None:
        published = self.published
        if published is None or phrase.weekday is None:
            return None
        monday = published - timedelta(days=published.weekday())
        if phrase.weeks_from_publication is not None:
            said = monday + timedelta(weeks=phrase.weeks_from_publication, days=phrase.weekday)
            note = "weekday of the week named"
        else:
            ahead = (phrase.weekday - published.weekday()) % 7
            coming, last = published + timedelta(days=ahead), published - timedelta(days=(7 - ahead) % 7)
            said = (
                last
                if direction == "past"
                else coming
                if direction == "future"
                else min((coming, last), key=lambda d: abs((d - published).days))
            )
            note = f"{direction} weekday to publication"
        if phrase.day_hint is not None:
            said = _with_hint(said, phrase.day_hint)
            note = f"{note}, day as bracketed"
        return ResolvedDate(said, _days_later(said, phrase.days_long), note)

    def _day_only(self, phrase: DatePhrase, direction: Direction) -> ResolvedDate | None:
        if self.published is None or phrase.day is None:
            return None
        published = self.published
        first = published.replace(day=1)
        if phrase.months_from_publication is not None:
            months = [phrase.months_from_publication]
        else:
            months = list(range(-_DAY_ONLY_MONTH_REACH, _DAY_ONLY_MONTH_REACH + 1))
        candidates = [d for m in months if (d := _valid(*_add_months(first, m), phrase.day))]
        # The tense chooses only among days close to the paper: 16日 in a story of the 13th planning
        # ahead is the 16th to come, even where a bare verb (16日上午論壇開幕) reads as past.
        near = [d for d in candidates if abs((d - published).days) <= _DAY_ONLY_TENSE_REACH_DAYS]
        start = _pick(near or candidates, published, direction)
        if start is None:
            return None
        end = _valid(start.year, start.month, phrase.end_day) if phrase.end_day else None
        return ResolvedDate(start, end if end and end >= start else None, "month from publication")

    def _month_day(self, phrase: DatePhrase, direction: Direction) -> tuple[date | None, str]:
        assert phrase.month is not None
        assert phrase.day is not None
        if phrase.year is not None:
            return _valid(phrase.year, phrase.month, phrase.day), "year as written"
        if phrase.years_from_publication is not None and self.published is not None:
            year = self.published.year + phrase.years_from_publication
            return _valid(year, phrase.month, phrase.day), "year relative to publication"
        if self.event_year is not None:
            return _valid(self.event_year, phrase.month, phrase.day), "year of the forum"
        if self.published is None:
            return None, ""
        years = (self.published.year - 1, self.published.year, self.published.year + 1)
        candidates = [d for y in years if (d := _valid(y, phrase.month, phrase.day))]
        return _pick(candidates, self.published, direction), f"{direction} year to publication"


def _days_later(start: date, days: int | None) -> date | None:
    return start + timedelta(days=days) if days else None


def _with_hint(said: date, day_hint: int) -> date:
    """The day near ``said`` that has the bracketed day of the month (今天（1日）posted after midnight)."""
    reach = range(-_TODAY_HINT_REACH, _TODAY_HINT_REACH + 1)
    matching = [d for shift in reach if (d := said + timedelta(days=shift)).day == day_hint]
    return min(matching, key=lambda d: abs((d - said).days), default=said)


def range_end(phrase: DatePhrase, start: date) -> date | None:
    """The last day of a range phrase that starts on ``start`` (None for a single day)."""
    if phrase.end_day is None:
        return None
    month = phrase.end_month or start.month
    end = _valid(start.year, month, phrase.end_day)
    if end is not None and end < start:
        end = _valid(start.year + 1, month, phrase.end_day)  # 12月30日至1月2日
    return end if end is not None and end >= start else None


def _pick(candidates: list[date], published: date, direction: Direction) -> date | None:
    """The candidate the tense points at: the first on or after publication for a forum to come, the
    last on or before it for one held, else the nearest (a December article's 1月5日 is next January)."""
    if direction == "future" and (after := [d for d in candidates if d >= published]):
        return min(after)
    if direction == "past" and (before := [d for d in candidates if d <= published]):
        return max(before)
    return min(candidates, key=lambda d: abs((d - published).days), default=None)


def _valid(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _add_months(first: date, months: int) -> tuple[int, int]:
    index = first.year * 12 + first.month - 1 + months
    return index // 12, index % 12 + 1
