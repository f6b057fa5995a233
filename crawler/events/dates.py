"""Date phrases in a sentence (8月29日至30日, 今天（1日）, July 3-4, 2019, the following day) and their
resolution to calendar dates against the publication date.

Phrases are found on folded text (full-width digits already ASCII, 於 already 于); what a phrase means
is decided by :class:`DateResolver`, which knows the publication date and the forum's year.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, Literal

from crawler.events import lexicon
from crawler.events.text import Sentence
from crawler.roc_calendar import ROC_EPOCH

Direction = Literal["future", "past", "nearest"]

# A yearless day-only date (29日) is looked for this many months either side of the publication.
_DAY_ONLY_MONTH_REACH = 1
# 今天（1日）: the day in brackets is trusted if it is this close to the publication day (time zones,
# late filing), else the publication day is.
_TODAY_HINT_REACH = 3

_RANGE_DASH_ZH = r"(?:至|到|-|~|—|–)"
# A month or day number: digits, or 十 (10), the one Chinese numeral the folding leaves (text.fold).
_ZH_NUMBER = r"(?:\d{1,2}|十)"
_ZH_YEAR = (
    r"(?:民国\s*(?P<roc>\d{1,3})\s*年|(?<!\d)(?P<year>\d{4})\s*年|(?<!\d)(?P<roc_bare>\d{3})\s*年"
    r"|(?P<relative_year>去年|今年|明年))"
)
_ZH_RELATIVE_YEARS = {"去年": -1, "今年": 0, "明年": 1}
_ZH_FULL = re.compile(
    rf"(?:{_ZH_YEAR}\s*)?(?<!\d)(?P<month>{_ZH_NUMBER})\s*月\s*(?P<day>{_ZH_NUMBER})\s*(?P<day_mark>[日号])?"
    rf"(?:\s*{_RANGE_DASH_ZH}\s*(?:(?P<month2>{_ZH_NUMBER})\s*月\s*)?(?P<day2>{_ZH_NUMBER})\s*[日号])?"
)
# Taiwanese headlines write month/day: 雙城論壇8/29-30上海登場, （8/29）. Only beside Chinese text, where
# it cannot be a fraction or a US date of an English sentence.
_MONTH_NUMBER = r"(?:1[0-2]|0?[1-9])"
_DAY_NUMBER = r"(?:3[01]|[12]\d|0?[1-9])"
_ZH_SLASH = re.compile(
    rf"(?<=[\u3400-\u9fff（(])(?P<month>{_MONTH_NUMBER})/(?P<day>{_DAY_NUMBER})"
    rf"(?:\s*[-~–—]\s*(?:(?P<month2>{_MONTH_NUMBER})/)?(?P<day2>{_DAY_NUMBER}))?(?![\d/.])"
    rf"|(?<![\d/.])(?P<month_>{_MONTH_NUMBER})/(?P<day_>{_DAY_NUMBER})"
    rf"(?:\s*[-~–—]\s*(?:(?P<month2_>{_MONTH_NUMBER})/)?(?P<day2_>{_DAY_NUMBER}))?(?=[\u3400-\u9fff）)])"
)
_ZH_MONTH_RELATIVE = re.compile(
    rf"(?P<which>本月|下月|上月|这个月|下个月|上个月)\s*(?P<day>{_ZH_NUMBER})\s*[日号](?:\s*{_RANGE_DASH_ZH}\s*(?P<day2>{_ZH_NUMBER})\s*[日号])?"
)
_ZH_RELATIVE_MONTHS = {"上月": -1, "上个月": -1, "本月": 0, "这个月": 0, "下月": 1, "下个月": 1}
_ZH_DAY_ONLY = re.compile(
    # 十日 alone only after 于/在: 为期十日 is a length
    rf"(?<![\d月])(?P<day>\d{{1,2}}|(?<=[于在])十)\s*[日号](?:\s*{_RANGE_DASH_ZH}\s*(?P<day2>{_ZH_NUMBER})\s*[日号])?"
    # 18、19兩日, 18日、19日
    rf"|(?<![\d月])(?P<first>\d{{1,2}})\s*日?\s*[、和及]\s*(?P<second>\d{{1,2}})\s*(?:[两二三]\s*)?[日天]"
)
# A day-only date counts when a holding verb follows closely or 于 stands before it: 论坛于24日举行,
# not 24日发布消息.
_DAY_ONLY_BEFORE = re.compile(r"(?:于|在|定于|订于|拟于)\s*$")
_DAY_ONLY_AFTER = re.compile(
    rf"(?:[^，。,；;]{{0,8}}?|{lexicon.AT_THE_VENUE_ZH})(?:{lexicon.HOLDING_VERBS_ZH}|{lexicon.CLOSING_VERBS_ZH})"
    # 19日是峰會的次日, 30日进入第二天
    r"|\s*(?:是|进入)[^，。,；;]{0,24}?(?:论坛|峰会|大会|开幕|闭幕|第[二三四\d]天|最后一天)"
)  # .match(text, position)
_ZH_RELATIVE = re.compile(
    r"(?<!的)(?P<word>今天|今日|明天|明日|后天|昨天|昨日|前天)(?:\s*\(\s*(?P<hint>\d{1,2})\s*日\s*\))?"
)
_ZH_RELATIVE_DAYS = {
    "今天": 0,
    "今日": 0,
    "明天": 1,
    "明日": 1,
    "后天": 2,
    "昨天": -1,
    "昨日": -1,
    "前天": -2,
}
# Taiwanese wire style: 今（5）日, 明（6）日, 昨（29）日 (the word and the day of the month in one).
_ZH_BRACKETED_RELATIVE = re.compile(
    r"(?<![目之以提])(?P<word>今|明|昨|前|后)\s*\(\s*(?P<hint>\d{1,2})\s*\)\s*日"
)
_ZH_BRACKETED_DAYS = {"今": 0, "明": 1, "后": 2, "昨": -1, "前": -2}
# 本周五（22日）, 下星期二, 周六: a weekday, of this week, the next or the last, or the one the tense points at.
_ZH_WEEKDAY = re.compile(
    r"(?P<which>本|这|下|上)?(?:周|星期|礼拜)(?P<day>[一二三四五六日天])(?:\s*\(\s*(?P<hint>\d{1,2})\s*日?\s*\))?"
    # 下週一、二 / 周四至周五: the second weekday of a range
    r"(?:\s*[、至到和及-]\s*(?:周|星期|礼拜)?(?P<day2>[一二三四五六日天])(?![\u3400-\u9fff]{0,1}[届次年月]))?"
)
_ZH_WEEKDAYS = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6}
_ZH_WEEKS = {"本": 0, "这": 0, "下": 1, "上": -1}
# Not 峰会的次日, 论坛进入第二天, 雙城論壇第二天: the forum's second day, not the day after a date.
_ZH_NEXT_DAY = re.compile(r"(?<!的)(?<!进入)(?<!论坛)(?<!峰会)(?<!大会)(?:次日|翌日|第二天|隔天)")
_FIRST_DAY_ZH = re.compile(r"首日|第一天")
_ZH_SAME_DAY = re.compile(r"(?<![每])(?:当天|当日)")  # 22日举行，当天下午闭幕: the day just named
_ZH_DATELINE_AFTER = re.compile(r"\s*[电讯]")  # used with .match(text, position)

_MONTHS_EN = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7, "august": 8,
    "september": 9, "october": 10, "november": 11, "december": 12, "jan": 1, "feb": 2, "mar": 3, "apr": 4,
    "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
# Capitalised only: "may 3" is rarer than "may" the verb.
_MONTH_EN = "|".join(sorted((m.capitalize() for m in _MONTHS_EN), key=len, reverse=True))
_ORDINAL_SUFFIX = r"(?:st|nd|rd|th)?"
_EN_MONTH_DAY = re.compile(
    rf"\b(?P<month>{_MONTH_EN})\b\.?\s+(?P<day>\d{{1,2}}){_ORDINAL_SUFFIX}\b"
    rf"(?:\s*(?:-|–|—|to|through|until|and)\s*(?:(?P<month2>{_MONTH_EN})\b\.?\s+)?(?P<day2>\d{{1,2}}){_ORDINAL_SUFFIX}\b)?"
    r"(?:,?\s+(?P<year>(?:19|20)\d{2})\b)?"
)
_EN_DAY_MONTH = re.compile(
    rf"(?<![\d,])\b(?P<day>\d{{1,2}}){_ORDINAL_SUFFIX}(?:\s*(?:-|–|to)\s*(?P<day2>\d{{1,2}}){_ORDINAL_SUFFIX})?"
    rf"\s+(?P<month>{_MONTH_EN})\b\.?"
    rf"(?:\s*(?:-|–|to|until|through)\s*(?P<day3>\d{{1,2}}){_ORDINAL_SUFFIX}\s+(?P<month2>{_MONTH_EN})\b\.?)?"
    r"(?:,?\s+(?P<year>(?:19|20)\d{2})\b)?"
)
_WEEKDAYS_EN = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_EN_WEEKDAY_NAMES = "|".join(d.capitalize() for d in _WEEKDAYS_EN)
_EN_WEEKDAY = re.compile(
    rf"\b(?:(?P<which>next|this|last)\s+)?(?P<day>{_EN_WEEKDAY_NAMES})\b"
    # "on Thursday and Friday next week"
    rf"(?:(?:\s*(?:and|to|-|–)\s*(?P<day2>{_EN_WEEKDAY_NAMES})\b)?\s+(?:of\s+)?(?P<week_after>next|this|last)\s+week\b)?"
)
# "this weekend", 本周末: its Saturday (a two-day forum then ends on the Sunday).
_EN_WEEKEND = re.compile(
    r"\b(?:(?P<which>this|next|last|the\s+coming|the\s+past)\s+)?weekend\b", re.IGNORECASE
)
_ZH_WEEKEND = re.compile(r"(?<!每)(?P<which>本|这|下|上)?(?:个)?周末")
_WEEKEND_WEEKS = {
    "this": 0,
    "the coming": 0,
    "next": 1,
    "last": -1,
    "the past": -1,
    "本": 0,
    "这": 0,
    "下": 1,
    "上": -1,
}
_SATURDAY = 5
# "on the 18th": a day of this month or the next, as 18日 is.
_EN_ORDINAL_DAY = re.compile(
    r"\bon\s+the\s+(?P<day>[12]?\d|3[01])(?:st|nd|rd|th)\b"
    r"(?!\s+(?:century|anniversary|edition|time|floor|session|round|annual|of\s+(?!this\b|next\b)))",
    re.IGNORECASE,
)
# 今明兩天 / 今明两日: today and tomorrow
_ZH_TODAY_AND_TOMORROW = re.compile(r"今\s*、?\s*明\s*[两二]?\s*[天日]")
_EN_WEEKS = {"this": 0, "next": 1, "last": -1}
_EN_RELATIVE = re.compile(r"\b(?P<word>today|tonight|tomorrow|yesterday)\b", re.IGNORECASE)
_EN_RELATIVE_DAYS = {"today": 0, "tonight": 0, "tomorrow": 1, "yesterday": -1}
_EN_NEXT_DAY = re.compile(r"\bthe\s+(?:following|next)\s+day\b|\bthe\s+day\s+after\b", re.IGNORECASE)
# "TAIPEI, July 3 (CNA) --": the wire's dateline, not an event date.
# "Taipei, Jan. 1 (CNA) --", or with no dash: "Shanghai, Dec. 7 (CNA) The two-day forum ..."
_EN_DATELINE_AFTER = re.compile(
    r"\s*\([A-Z][\w .]*\)\s*(?:[-–—]|(?=[A-Z]))"
)  # used with .match(text, position)


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


@dataclass(frozen=True)
class ResolvedDate:
    start: date
    end: date | None
    note: str  # how the year (or the day) was decided, for the reasons


def find_date_phrases(sentence: Sentence) -> list[DatePhrase]:
    """Every date phrase in a sentence, in order, datelines left out."""
    folded, original = sentence.folded, sentence.original
    phrases = _explicit_chinese(folded, original) + _explicit_english(folded, original)
    explicit = [(p.start, p.end) for p in phrases]
    phrases += [
        p for p in _relative(folded, original) if not _overlaps(p, explicit) and not _glossed(p, explicit)
    ]
    taken = [(p.start, p.end) for p in phrases]  # 今天（1日）: the 1日 is the gloss, not a date of its own
    phrases += [p for p in _day_only_chinese(folded, original) if not _overlaps(p, taken)]
    return sorted(phrases, key=lambda phrase: phrase.start)


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
        return ResolvedDate(start, _range_end(phrase, start), note)

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
        start = _pick(candidates, published, direction)
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


def _range_end(phrase: DatePhrase, start: date) -> date | None:
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


def _overlaps(phrase: DatePhrase, taken: list[tuple[int, int]]) -> bool:
    return any(phrase.start < end and start < phrase.end for start, end in taken)


def _glossed(phrase: DatePhrase, taken: list[tuple[int, int]]) -> bool:
    """'today (July 3)', 'on Friday, Aug. 29': the date beside the word says it better than the word."""
    relative = phrase.days_from_publication is not None or phrase.weekday is not None
    return relative and any(phrase.end <= start <= phrase.end + 3 for start, _ in taken)


# -- finders -------------------------------------------------------------------------------------------


def _number(text: str) -> int:
    return 10 if text == "十" else int(text)


def _explicit_chinese(folded: str, original: str) -> list[DatePhrase]:
    phrases = []
    for match in _ZH_FULL.finditer(folded):
        if not match.group("day_mark") and not match.group("day2"):
            continue  # 12月1 without 日 and no range: a decimal or a code, not a date
        if _ZH_DATELINE_AFTER.match(folded, match.end()):
            continue
        year = None
        if match.group("year"):
            year = int(match.group("year"))
        elif match.group("roc") or match.group("roc_bare"):
            year = ROC_EPOCH + int(match.group("roc") or match.group("roc_bare"))
        phrases.append(
            _phrase(
                match,
                original,
                year=year,
                month=_number(match.group("month")),
                day=_number(match.group("day")),
                end_month=_number(match.group("month2")) if match.group("month2") else None,
                end_day=_number(match.group("day2")) if match.group("day2") else None,
                years_from_publication=_ZH_RELATIVE_YEARS.get(match.group("relative_year") or ""),
            )
        )
    for match in _ZH_SLASH.finditer(folded):
        fields = {name.rstrip("_"): value for name, value in match.groupdict().items() if value}
        bracketed = folded[match.start() - 1 : match.start()] in ("（", "(")
        if not ("day2" in fields or bracketed or _DAY_ONLY_AFTER.match(folded, match.end())):
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
    for match in _ZH_MONTH_RELATIVE.finditer(folded):
        phrases.append(
            _phrase(
                match,
                original,
                day=_number(match.group("day")),
                end_day=_number(match.group("day2")) if match.group("day2") else None,
                months_from_publication=_ZH_RELATIVE_MONTHS[match.group("which")],
            )
        )
    return phrases


def _day_only_chinese(folded: str, original: str) -> list[DatePhrase]:
    phrases = []
    for match in _ZH_DAY_ONLY.finditer(folded):
        tied = _DAY_ONLY_BEFORE.search(folded, 0, match.start()) or _DAY_ONLY_AFTER.match(folded, match.end())
        if not tied or _ZH_DATELINE_AFTER.match(folded, match.end()):
            continue
        day, end_day = (
            match.group("day") or match.group("first"),
            match.group("day2") or match.group("second"),
        )
        phrases.append(
            _phrase(match, original, day=_number(day), end_day=_number(end_day) if end_day else None)
        )
    return phrases


def _explicit_english(folded: str, original: str) -> list[DatePhrase]:
    phrases: list[DatePhrase] = []
    for pattern in (_EN_MONTH_DAY, _EN_DAY_MONTH):
        for match in pattern.finditer(folded):
            if _EN_DATELINE_AFTER.match(folded, match.end()):
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
                    month=_MONTHS_EN[match.group("month").lower()],
                    day=int(match.group("day")),
                    end_month=_MONTHS_EN[month2.lower()] if month2 else None,
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
    phrases = []
    for match in _ZH_RELATIVE.finditer(folded):
        hint = match.group("hint")
        phrases.append(
            _phrase(
                match,
                original,
                days_from_publication=_ZH_RELATIVE_DAYS[match.group("word")],
                day_hint=int(hint) if hint else None,
            )
        )
    for match in _EN_RELATIVE.finditer(folded):
        phrases.append(
            _phrase(
                match,
                original,
                days_from_publication=_EN_RELATIVE_DAYS[match.group("word").lower()],
            )
        )
    for match in _ZH_BRACKETED_RELATIVE.finditer(folded):
        phrases.append(
            _phrase(
                match,
                original,
                days_from_publication=_ZH_BRACKETED_DAYS[match.group("word")],
                day_hint=int(match.group("hint")),
            )
        )
    for match in _ZH_WEEKDAY.finditer(folded):
        hint = match.group("hint")
        first, second = _ZH_WEEKDAYS[match.group("day")], match.group("day2")
        phrases.append(
            _phrase(
                match,
                original,
                weekday=first,
                weeks_from_publication=_ZH_WEEKS.get(match.group("which") or ""),
                day_hint=int(hint) if hint else None,
                days_long=(_ZH_WEEKDAYS[second] - first) % 7 or None if second else None,
            )
        )
    for match in _EN_WEEKDAY.finditer(folded):
        which = (match.group("which") or match.group("week_after") or "").lower()
        second = match.group("day2")
        first = _WEEKDAYS_EN.index(match.group("day").lower())
        phrases.append(
            _phrase(
                match,
                original,
                weekday=first,
                weeks_from_publication=_EN_WEEKS.get(which),
                days_long=(_WEEKDAYS_EN.index(second.lower()) - first) % 7 or None if second else None,
            )
        )
    for match in _ZH_TODAY_AND_TOMORROW.finditer(folded):
        phrases.append(_phrase(match, original, days_from_publication=0, days_long=1))
    for pattern in (_EN_WEEKEND, _ZH_WEEKEND):
        for match in pattern.finditer(folded):
            which = re.sub(r"\s+", " ", (match.group("which") or "").lower())
            phrases.append(
                _phrase(match, original, weekday=_SATURDAY, weeks_from_publication=_WEEKEND_WEEKS.get(which))
            )
    for match in _EN_ORDINAL_DAY.finditer(folded):
        phrases.append(_phrase(match, original, day=int(match.group("day"))))
    for match in _ZH_SAME_DAY.finditer(folded):
        phrases.append(
            _phrase(
                match,
                original,
                days_after_previous=0,
            )
        )
    for pattern in (_ZH_NEXT_DAY, _EN_NEXT_DAY):
        for match in pattern.finditer(folded):
            if _FIRST_DAY_ZH.search(folded, 0, match.start()):
                continue  # 论坛首日上午开幕，次日分组座谈: the forum's second day, whatever its date
            phrases.append(
                _phrase(
                    match,
                    original,
                    days_after_previous=1,
                )
            )
    return phrases
