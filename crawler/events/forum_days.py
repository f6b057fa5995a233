"""The forum's days: its start and end from the chosen date, a closing date beside it, its stated length
(为期两天, a two-day forum), one-day cues, and which of its days a date is (进入第二天, the final day)."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, timedelta
from itertools import pairwise

from crawler.events import lexicon
from crawler.events.attachment import (
    RUNS_UNTIL_BEFORE,
    TIED,
    attachment_of,
    is_closing,
    with_next_starts,
    withdrawn,
)
from crawler.events.bilingual import BilingualPattern, known_word
from crawler.events.cues import CLAUSE_END, CLOSING_ZH
from crawler.events.date_choice import DateChoice, entry_closes, live_blog, live_entry_time
from crawler.events.date_phrases import DatePhrase, find_date_phrases
from crawler.events.date_resolution import DateResolver
from crawler.events.larger_event import larger_event_dates
from crawler.events.sentence_roles import THIS_EDITION, ReadSentence, tense_of

ONE_DAY = re.compile(lexicon.ONE_DAY_CUES, re.IGNORECASE)
_MOVES_ON = BilingualPattern(lexicon.MOVES_ON_ZH, lexicon.MOVES_ON_EN, re.IGNORECASE)
_DAY_NUMBER_AFTER_ZH = re.compile(lexicon.DAY_NUMBER_AFTER_ZH)
_LAST_DAY_AFTER_ZH = re.compile(lexicon.LAST_DAY_AFTER_ZH)
_DAY_NUMBER_EN = re.compile(lexicon.DAY_NUMBER_EN, re.IGNORECASE)
_DURATION = re.compile(f"{lexicon.DURATION_ZH}|{lexicon.DURATION_EN}", re.IGNORECASE)
_JOURNEY_AFTER_LENGTH = re.compile(lexicon.JOURNEY_AFTER_LENGTH, re.IGNORECASE)


def dates_of(
    choice: DateChoice, choices_end: date | None, days: int | None
) -> tuple[date | None, date | None]:
    """(start, end) from the chosen date, a closing date after it and the forum's length."""
    resolved = choice.resolved
    if choice.closing:  # 為期兩天的論坛30日閉幕: the end, and the start when the length is known
        return (resolved.start - timedelta(days=days - 1) if days else None), resolved.start
    end = resolved.end
    if end is None and choices_end is not None and choices_end >= resolved.start:
        end = choices_end
    if end is None and days:
        end = resolved.start + timedelta(days=days - 1)
    return resolved.start, end


def closing_date(
    read: list[ReadSentence],
    resolver: DateResolver,
    after: date,
    days: int | None,
    larger: set[tuple[int, int]],
) -> date | None:
    """A closing date given beside the opening one (29日開幕、30日閉幕), or the date the forum runs until,
    which a sentence naming no forum may give (洽谈会将持续至14日) unless the forum's stated length says
    otherwise: 会期五天 and 产业展将持续至4月5日 tell of an exhibition running on after the forum. ``larger``: the
    dates of a larger event the forum is part of (大会于15日开幕，17日闭幕: its closing is not the forum's; none
    where the forum has no date of its own and takes the larger event's)."""
    live = live_blog(read)
    for item in read:
        if item.role not in THIS_EDITION:
            continue
        folded = item.sentence.folded
        if live and (time := live_entry_time(item)) and entry_closes(folded, time):
            # 17:45 論壇閉幕: a live blog's entry tells the forum closing on the day it is posted
            resolved = resolver.resolve(time, after, "nearest")
            if resolved is not None and resolved.start >= after:
                return resolved.start
            continue
        for phrase, next_start in with_next_starts(find_date_phrases(item.sentence)):
            if item.role == "none" and _itinerary_closes(_with_its_rest(folded, read, item), phrase):
                resolved = resolver.resolve(phrase, after, "future")
                if (
                    resolved is not None
                    and resolved.start > after
                    and (not days or resolved.start == after + timedelta(days=days - 1))
                ):
                    return resolved.start
                continue
            if item.role == "none" and not RUNS_UNTIL_BEFORE.search(folded, 0, phrase.start):
                continue
            if (item.sentence.position, phrase.start) in larger:
                continue
            if not (is_closing(folded, phrase, next_start) or _then_closes(folded, phrase, next_start)):
                continue
            if withdrawn(folded, phrase.start, phrase.end):
                continue  # "an earlier version said it would close on ...": a correction took it back
            if phrase.weekday is not None and phrase.weeks_from_publication is None:
                # "began Tuesday and runs through Thursday": the first such weekday from the opening
                return after + timedelta(days=(phrase.weekday - after.weekday()) % 7)
            # 本届博览会于9月16日开幕，将持续至9月19日: the day it runs until is read on from the opening, whatever
            # tense the opening gives the sentence.
            runs_until = RUNS_UNTIL_BEFORE.search(folded, 0, phrase.start) is not None
            resolved = resolver.resolve(phrase, after, "future" if runs_until else tense_of(item))
            if resolved is None or resolved.start < after:
                continue
            if (
                (item.role == "none" or (runs_until and item.role == "holding"))
                and days
                and resolved.start != after + timedelta(days=days - 1)
            ):
                # 论坛为期两天 and 同期举办的成果展将持续至25日: a day a sentence naming no forum runs until, against
                # the forum's length, is another event's running on (a closing told there, 今日在昆山閉幕, is the
                # forum's, and with its length gives the start)
                continue
            return resolved.start
    return None


# An itinerary's day line, "Oct. 9 (Sun.): sub-forums; closing ceremony in the afternoon", 10月9日（星期日）：分论坛；
# 下午闭幕式: the day whose programme holds the closing.
_ITINERARY_DAY = re.compile(r"\s*(?:\([^()]{0,12}\))?\s*[:：]")
_ITINERARY_CLOSES = re.compile(
    rf"[^。]{{0,120}}?(?:\bclosing\s+(?:ceremony|session)\b|(?:forum|summit)\s+{lexicon.CLOSING_VERBS_EN}|闭幕)",
    re.IGNORECASE,
)
_ITINERARY_REACH = 3  # characters a day line's date may stand from its start


def _with_its_rest(folded: str, read: list[ReadSentence], item: ReadSentence) -> str:
    """A line split at its semicolon ("Oct. 9 (Sun.): sub-forums; closing ceremony"): the sentence with the
    one after it."""
    if not folded.rstrip().endswith(";"):
        return folded
    following = next((r for r in read if r.sentence.position == item.sentence.position + 1), None)
    return f"{folded} {following.sentence.folded}" if following else folded


def _itinerary_closes(folded: str, phrase: DatePhrase) -> bool:
    """Whether the date opens an itinerary's day line whose programme holds the forum's closing."""
    if phrase.start > _ITINERARY_REACH:
        return False
    day = _ITINERARY_DAY.match(folded, phrase.end)
    return day is not None and _ITINERARY_CLOSES.match(folded, day.end()) is not None


# 17日上午举行签约仪式，随后论坛闭幕: the day's programme ends with the closing, a clause or two on.
_THEN_CLOSES_ZH = re.compile(r"[^。；;]*?(?:随后|然后|之后|最后)[^，。,；;]{0,8}?(?:闭幕|落幕)")
_OPENS_ZH = re.compile(r"开幕|揭幕|登场")


def _then_closes(folded: str, phrase: DatePhrase, next_start: int | None) -> bool:
    """Whether the date's programme goes on to the closing before the next date, with no opening between."""
    end = len(folded) if next_start is None else next_start
    found = _THEN_CLOSES_ZH.match(folded, phrase.end, end)
    return found is not None and _OPENS_ZH.search(folded, phrase.end, found.end()) is None


# 9:00, 9時, 9點30分, 9点半, 9.30am, 4 p.m.
_HOUR = r"\d{1,2}\s*(?:(?:[:.]\s*\d{2})?\s*[ap]\.?\s*m\b\.?|:\s*\d{2}|[时点](?:\s*\d{1,2}\s*分|半)?)"
_HOURS = rf"{_HOUR}\s*(?:[-—–~至到]|\bto\b|\buntil\b)\s*(?:上午|中午|下午|晚上)?\s*{_HOUR}"
# "Mar. 18 (Thu), 9:30-16:00", 3月18日（周四），9:30—16:00: the weekday's gloss, then a comma, may stand before the hours.
_HOURS_AFTER = re.compile(
    rf"(?:\s*[(（][^()（）]{{1,12}}[)）])?,?\s*[^，。,；;]{{0,12}}?{_HOURS}", re.IGNORECASE
)
# A notice's time line under its date line: "Time: 9.30am to 4pm", 【活动时间】9:00—17:00; a WeChat post's label
# may open with an emoji (🕘时间：), and the line may give the day again before its hours (时间：4月20日（周六）9:00—17:00,
# "Time: May 9 (Fri), 2pm to 6pm"; the day is checked to be the date's).
_HOURS_LINE = re.compile(
    r"\s*(?:[^\w\s:【\[(]{1,2}\s*)?(?:[【\[]\s*)?(?:活动|论坛|会议)?(?:time|hours|时间)\s*(?:[】\]]\s*:?|:)"
    rf"(?P<day>[^，。,；;]{{0,24}}?)\s*(?:上午|中午|下午|晚上)?\s*{_HOURS}",
    re.IGNORECASE,
)
# The next sentence gives the forum's hours: "The forum will run from 9 a.m. to 5:30 p.m.", "It takes place from 2pm
# to 6pm", 论坛将于上午9时至下午5时举行, 论坛时间为…; not each day's ("from 9 a.m. to 5 p.m. on both days", 每天).
_HOURS_SENTENCE = re.compile(
    r"\s*(?:(?:the|this)\s+(?:[\w'’-]+\s+){0,3}?(?:forum|event|summit|dialogue|conference)|it)\s+"
    r"(?:will\s+|is\s+(?:scheduled|set|due)\s+to\s+)?(?:run|runs|be\s+held|is\s+held|take\s+place|takes\s+place"
    r"|last|lasts)\s+(?:from\s+)?"
    rf"{_HOURS}"
    r"|\s*(?:本届|本次|此次|该)?(?:论坛|活动)(?:时间\s*(?:为|是)|(?:将|拟)?(?:于|在)?)\s*(?:上午|中午|下午|晚上)?\s*"
    rf"{_HOURS}",
    re.IGNORECASE,
)
_EACH_DAY = re.compile(
    r"\b(?:days|daily|each\s+day|every\s+day)\b|每[天日]|[两二三四五六七]天", re.IGNORECASE
)


def _hours_sentence_follows(choice: DateChoice, read: list[ReadSentence], resolver: DateResolver) -> bool:
    """Whether the sentence after one giving the forum's day (the chosen date's, or a body sentence with the
    same day where a headline's date was chosen) gives the forum's hours, with no day of its own."""
    day = choice.resolved.start
    for item, following in pairwise(read):
        if (
            item.sentence.in_title
            or item.role not in THIS_EDITION
            or following.role not in THIS_EDITION
            or not _HOURS_SENTENCE.match(following.sentence.folded)
            or _EACH_DAY.search(following.sentence.folded)
            or find_date_phrases(following.sentence)
        ):
            continue
        if item.sentence == choice.read.sentence:
            return True
        # the day again, and no later one nor a range (a press conference's "today" may stand before it)
        days = [resolver.resolve(phrase, day, tense_of(item)) for phrase in find_date_phrases(item.sentence)]
        if any(found and found.start == day for found in days) and not any(
            found and (found.start > day or found.end) for found in days
        ):
            return True
    return False


def _time_line_of_day(choice: DateChoice, line: ReadSentence, resolver: DateResolver) -> bool:
    """A time line giving the hours, with no day or with the chosen date's day before them."""
    found = _HOURS_LINE.match(line.sentence.folded)
    if found is None:
        return False
    if not found["day"].strip():
        return True
    day = choice.resolved.start
    phrases = [p for p in find_date_phrases(line.sentence) if p.start < found.end("day")]
    resolved = [resolver.resolve(p, day, tense_of(line)) for p in phrases]
    return bool(resolved) and all(r is not None and r.start == day and r.end is None for r in resolved)


def closes_the_same_day(choice: DateChoice, read: list[ReadSentence], resolver: DateResolver) -> bool:
    """The forum lasts the day of its date: the date is followed by its hours (9:00—12:00), on its line, on
    a time line right under it or in the next sentence on the forum ("The forum will run from 9 a.m. to
    5:30 p.m."), or its sentence closes the forum with no other day named, neither before
    the closing nor in its clause (今（27）日…上午9時開幕，…下午5時…閉幕; not 闭幕式将在周五举行). 当天 and 当日
    name the date's own day again (于2日举行，当天上午开幕、下午闭幕), no other."""
    sentence = choice.read.sentence
    if _HOURS_AFTER.match(sentence.folded, choice.phrase.end):
        return True  # 6月18日（星期三）上午9:00—12:00: hours, not days
    following = next((r for r in read if r.sentence.position == sentence.position + 1), None)
    if following is not None and not sentence.in_title and _time_line_of_day(choice, following, resolver):
        return True  # "Date: Thursday, 16 March" over "Time: 2pm to 5.30pm"
    if _hours_sentence_follows(choice, read, resolver):
        return True  # "… will be held on May 9 (Friday)." and "The forum will run from 9 a.m. to 5:30 p.m."
    if sentence.in_title and _body_gives_the_days_hours(choice, read, resolver):
        return True  # 論壇9月6日登場 over 將於125年9月6日（星期六）上午9時至下午5時舉行
    closing = CLOSING_ZH.search(sentence.folded, choice.phrase.end)
    if closing is None:
        return False
    clause_end = CLAUSE_END.search(sentence.folded, closing.end())
    reach = clause_end.start() if clause_end else len(sentence.folded)
    return not any(
        choice.phrase.end <= other.start < reach
        for other in find_date_phrases(sentence)
        if other != choice.phrase and other.days_after_previous != 0
    )


def _body_gives_the_days_hours(choice: DateChoice, read: list[ReadSentence], resolver: DateResolver) -> bool:
    """Whether a body sentence on the forum gives the headline's date again with its hours, and no other day."""
    day = choice.resolved.start
    for item in read:
        if item.sentence.in_title or item.role not in THIS_EDITION:
            continue
        phrases = find_date_phrases(item.sentence)
        resolved = [resolver.resolve(phrase, day, tense_of(item)) for phrase in phrases]
        if not any(
            found
            and found.start == day
            and found.end is None
            and _HOURS_AFTER.match(item.sentence.folded, p.end)
            for p, found in zip(phrases, resolved, strict=True)
        ):
            continue
        # the day once, with no later one nor a range (a release's 今（20）日 may stand before it)
        return not any(found and (found.start > day or found.end) for found in resolved)
    return False


# 8月23日上午举行, "held on the afternoon of June 16": a forum held in a part of its day.
_PART_OF_DAY_AFTER_ZH = re.compile(
    r"\s*(?:上午|下午|中午|晚上|晚间)\s*(?:在[^，。,；;]{0,24}?)?(?:举行|举办|召开)"
)
_PART_OF_DAY_BEFORE_EN = re.compile(
    r"\b(?:held|hold|take\s+place|takes\s+place|took\s+place|run|runs|ran)\s+on\s+the\s+(?:morning|afternoon|evening)"
    r"\s+of\s+$",
    re.IGNORECASE,
)


def _part_of_its_day(choice: DateChoice, read: list[ReadSentence], resolver: DateResolver) -> bool:
    """Whether a sentence on the forum holds it in a part of its day (23日上午举行, "held on the afternoon of
    June 16"): inside a larger event with days of its own, a half-day forum is one day (not the event's)."""
    day = choice.resolved.start
    for item in read:
        if item.role != "evidence":
            continue
        folded = item.sentence.folded
        for phrase in find_date_phrases(item.sentence):
            found = resolver.resolve(phrase, day, tense_of(item))
            if found is None or found.start != day or found.end is not None:
                continue
            if _PART_OF_DAY_AFTER_ZH.match(folded, phrase.end) or _PART_OF_DAY_BEFORE_EN.search(
                folded, max(0, phrase.start - 60), phrase.start
            ):
                return True
    return False


def day_of_the_forum(read: list[ReadSentence], resolver: DateResolver, day: date) -> tuple[int, bool] | None:
    """(which day of the forum ``day`` is, whether it is the last) where the text says so: 今（26）日進入
    第二天，也是最後一天; "Wednesday, the second and final day of the forum"."""
    for item in read:
        if item.role not in THIS_EDITION:
            continue
        folded = item.sentence.folded
        phrases = find_date_phrases(item.sentence)
        for phrase in phrases:
            resolved = resolver.resolve(phrase, day, tense_of(item))
            if resolved is None or resolved.start != day:
                continue
            found = _DAY_NUMBER_AFTER_ZH.match(folded, phrase.end)
            if found and any(phrase.end <= other.start < found.start("number_end") for other in phrases):
                found = None  # 昨天开幕的论坛今天进入次日议程: the day number is today's, not yesterday's
            if found:
                number = (
                    2
                    if found.group("second")
                    else lexicon.DAY_NUMBERS.get(found.group("n"), 0) or int(found.group("n"))
                )
                return number, _LAST_DAY_AFTER_ZH.match(folded, phrase.end) is not None
            near = folded[max(0, phrase.start - 40) : phrase.end + 40]
            if found := _DAY_NUMBER_EN.search(near):
                n = found.group("n")
                return lexicon.DAY_NUMBERS[known_word(n, lexicon.DAY_NUMBERS)], found.group(
                    "last"
                ) is not None
    return None


_LEAVING_AFTER_DAY_ZH = re.compile(lexicon.LEAVING_AFTER_DAY_ZH)
_LEAVING_AFTER_ZH = re.compile(lexicon.LEAVING_AFTER_ZH)
_LEAVING_BEFORE_EN = re.compile(lexicon.LEAVING_BEFORE_EN, re.IGNORECASE)
_LEAVING_BEFORE_RELATIVE_EN = re.compile(lexicon.LEAVING_BEFORE_RELATIVE_EN, re.IGNORECASE)
_PROGRAMME_REACH_DAYS = 4  # a visit's programme: the departure is looked for this many days on
_LEAVING_REACH = 60  # characters before a date its leaving verb may stand ("return home on")


def day_before_the_visitors_leave(
    read: list[ReadSentence], resolver: DateResolver, start: date
) -> date | None:
    """The forum's last day where its visitors' departure bounds it: they leave the day after its date
    (抵金十九日、論壇二十日、二十一日返廈), or after a run of programme days each holding part of it (16日
    論壇開幕、17日舉行綜合座談、18日返滬)."""
    departure = _departure(read, resolver, start)
    if departure is None:
        return None
    programme = _programme_days(read, resolver, start)
    between = (start + timedelta(days=offset) for offset in range(1, (departure - start).days))
    if all(day in programme for day in between):
        return departure - timedelta(days=1)
    return None


def _departure(read: list[ReadSentence], resolver: DateResolver, start: date) -> date | None:
    """The first day after ``start`` (within a visit's reach) the visitors are said to leave on."""
    days_on = [start + timedelta(days=offset) for offset in range(1, _PROGRAMME_REACH_DAYS + 1)]
    leaving: list[date] = []
    for item in read:
        if item.role not in THIS_EDITION:
            continue
        folded = item.sentence.folded
        numbers = {_day_number(found.group("day")) for found in _LEAVING_AFTER_DAY_ZH.finditer(folded)}
        leaving += [day for day in days_on if day.day in numbers]
        for phrase in find_date_phrases(item.sentence):
            # 香港代表團今日將轉往東莞, "will move on to Dongguan today": a day told from publication (or 次日返台,
            # from the forum's) as well as a date
            reach = max(0, phrase.start - _LEAVING_REACH)
            if (
                _LEAVING_AFTER_ZH.match(folded, phrase.end)
                or _LEAVING_BEFORE_EN.search(folded, reach, phrase.start)
                or (
                    phrase.days_from_publication is not None
                    and _LEAVING_BEFORE_RELATIVE_EN.search(folded, reach, phrase.start)
                )
            ):
                resolved = resolver.resolve(phrase, start, "future")
                if resolved is not None and resolved.start in days_on:
                    leaving.append(resolved.start)
    return min(leaving, default=None)


def _day_number(written: str) -> int:
    return 10 if written == "十" else int(written)


def _programme_days(read: list[ReadSentence], resolver: DateResolver, start: date) -> set[date]:
    """The days after ``start`` the text ties to a holding verb (17日上午舉行綜合座談)."""
    days = set()
    for item in read:
        if item.role not in ("evidence", "holding"):
            continue
        for phrase in find_date_phrases(item.sentence):
            if attachment_of(item.sentence.folded, phrase) != TIED:
                continue
            resolved = resolver.resolve(phrase, start, "future")
            if resolved is not None and resolved.start > start:
                days.add(resolved.start)
    return days


# 09:00 報到 / 09:30 開幕致詞 / 16:30 賦歸: a programme line opening with its clock time.
_TIMETABLE_LINE = re.compile(r"\s*(?P<hour>[01]?\d|2[0-3])\s*[:：]\s*(?P<minute>[0-5]\d)\b")
_TIMETABLE_LINES = 3


def _one_days_timetable(read: list[ReadSentence]) -> bool:
    """Whether the text gives one day's timetable: lines opening with their clock times, in the order of
    the day, with no day of their own (a live blog's entries run newest first and are no programme)."""
    times = []
    for item in read:
        if item.role not in THIS_EDITION:
            continue
        found = _TIMETABLE_LINE.match(item.sentence.folded)
        if found:
            times.append(int(found["hour"]) * 60 + int(found["minute"]))
    if len(times) < _TIMETABLE_LINES or any(later <= earlier for earlier, later in pairwise(times)):
        return False
    return not live_blog(read)


# 本届交易会于11月13日开幕，展期四天: a fair's length, said beside the date it opens.
_FAIR_LENGTH_ZH = re.compile(r"展期\s*(?:为|共|长达)?\s*(?P<days_zh>[一二两三四五六七1-7])\s*(?:天|日)")


def _fair_length(choice: DateChoice) -> int | None:
    """The length of the fair whose opening is the chosen date, said in the date's own sentence: a forum held
    within the fair, with no date of its own, takes the fair's days."""
    found = _FAIR_LENGTH_ZH.search(choice.read.sentence.folded)
    if found is None:
        return None
    value = found.group("days_zh")
    return int(value) if value.isdigit() else lexicon.DURATION_NUMBERS[value]


def stated_length(sentences: list[ReadSentence]) -> int | None:
    """The forum's length in days, where the text says it (为期两天, a two-day forum); not the length of a
    delegation's journey (为期四天的参访交流, "a four-day visit")."""
    for item in sentences:
        folded = item.sentence.folded
        found = next(
            (m for m in _DURATION.finditer(folded) if not _JOURNEY_AFTER_LENGTH.match(folded, m.end())), None
        )
        if found:
            value = next(group for group in found.groups() if group)
            return (
                int(value)
                if value.isdigit()
                else lexicon.DURATION_NUMBERS[known_word(value, lexicon.DURATION_NUMBERS)]
            )
    return None


def _day_it_moves_on(this_edition: list[ReadSentence], resolver: DateResolver, after: date) -> date | None:
    """The day after ``after`` that a forum goes on in another city (12日，论坛移师宁波, 次日转往漳州续办)."""
    for item in this_edition:
        for move in _MOVES_ON.finditer(item.sentence.folded):
            for phrase in find_date_phrases(item.sentence):
                if move.start() <= phrase.start < move.end():
                    resolved = resolver.resolve(phrase, after, "future")
                    if resolved is not None and resolved.start > after:
                        return resolved.start
    return None


def forum_span(
    choice: DateChoice, read: list[ReadSentence], resolver: DateResolver
) -> tuple[date | None, date | None, list[str]]:
    """(start, end, reasons) of the forum from its chosen date, a closing date, its stated length and
    which of its days the date is."""
    # The length may stand in a sentence naming no forum ("The two-day event will cover ..."), but not
    # in one about another edition or the series' habits.
    this_edition = [r for r in read if r.role in THIS_EDITION]
    stated = stated_length(this_edition) or _fair_length(choice)
    days = stated or (1 if any(ONE_DAY.search(r.sentence.folded) for r in this_edition) else None)
    larger = larger_event_dates(read)
    if (choice.read.sentence.position, choice.phrase.start) in larger:
        # 市长论坛同期举办 and 本届博览会于9月16日开幕，将持续至9月19日: a forum with no date of its own takes the
        # larger event's days, its closing too
        larger = set()
    closing = None if choice.closing else closing_date(read, resolver, choice.resolved.start, days, larger)
    if (
        choice.resolved.end is not None
        and closing is not None
        and closing > choice.resolved.end
        and any(_MOVES_ON.search(r.sentence.folded) for r in this_edition)
    ):
        # 7月9日至10日在南京举行，11日起移师苏州，12日在苏州闭幕: the range is of the forum's first city; it goes on in
        # another and ends where it closes.
        choice = replace(choice, resolved=replace(choice.resolved, end=closing))
    if (
        closing is None
        and choice.resolved.end is not None
        and (moved := _day_it_moves_on(this_edition, resolver, choice.resolved.end))
        and (not stated or moved == choice.resolved.start + timedelta(days=stated - 1))
    ):
        # 4月10日至11日在杭州举行；12日，论坛移师宁波: the range is of the first city's days; the day it goes on in
        # another is its last.
        choice = replace(choice, resolved=replace(choice.resolved, end=moved))
    if stated == 1 and closing is not None and closing > choice.resolved.start:
        # 為期一天的市長論壇今（4）日登場 … 博覽會明天將舉行閉幕式: a one-day forum closes the day it opens; a closing told
        # for a later day is the larger event's it is part of, not a sign that the forum began later.
        closing = None
    if stated is None and closing is not None and closing > choice.resolved.start:
        # 论坛当天下午将举行分组座谈 and 17日…随后论坛闭幕: "that day" of a forum closing on a later day
        # speaks of its first day, not of a one-day forum.
        days = None
    if (
        closing is None
        and days is None
        and not choice.closing
        and closes_the_same_day(choice, read, resolver)
    ):
        days = 1
    if closing is None and days is None and choice.resolved.end is None and _one_days_timetable(read):
        days = 1
    if (
        closing is None
        and days is None
        and choice.resolved.end is None
        and larger
        and _part_of_its_day(choice, read, resolver)
    ):
        days = 1
    start, end = dates_of(choice, closing, days)
    reasons = []
    # A day told afterwards as the one it was held on gives no length: the end stays open, unless the
    # visitors leave the day after.
    if (
        end is None
        and days is None
        and closing is None
        and not choice.closing
        and (end := day_before_the_visitors_leave(read, resolver, choice.resolved.start))
    ):
        reasons.append(f"ends {end.isoformat()}, the day before the visitors leave")
    if days and closing and start and start <= closing and (closing - start).days != days - 1:
        # 為期三天…今日閉幕 and 簽約儀式昨晚舉行: a date inside the span is a part of the forum; the
        # closing day and the length say when it began.
        start = closing - timedelta(days=days - 1)
    if day_of_forum := day_of_the_forum(read, resolver, choice.resolved.start):
        number, last = day_of_forum
        start = choice.resolved.start - timedelta(days=number - 1)
        end = choice.resolved.start if last else start + timedelta(days=days - 1) if days else closing
        reasons.append(f"day {number}{' and the last' if last else ''} of the forum")
    return start, end, reasons
