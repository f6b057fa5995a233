"""Which date phrase of the article is the forum's: the best tied one, with "the following day" counted
from the date before it and a second day joined to it (下周四、周五) as its end."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, timedelta

from crawler.events import lexicon
from crawler.events.attachment import (
    GIVEN_UP,
    MOVED_TO,
    TIED,
    attachment_of,
    is_closing,
    runs_on_until,
    with_next_starts,
)
from crawler.events.cues import HOLDING, TRAVEL
from crawler.events.date_phrases import DatePhrase, find_date_phrases
from crawler.events.date_resolution import DateResolver, Direction, ResolvedDate, range_end
from crawler.events.larger_event import larger_event_dates
from crawler.events.sentence_roles import ReadSentence, tense_of
from crawler.events.text import lead_position


@dataclass(frozen=True)
class DateChoice:
    resolved: ResolvedDate
    phrase: DatePhrase
    read: ReadSentence
    priority: int
    attachment: (
        int  # 3: the date it was moved to; 2: tied to the holding verb; 1: in the sentence; 0: a trip's
    )
    closing: bool  # the date of the last day (30日閉幕, wrapped up on Wednesday)


def date_choices(read: list[ReadSentence], resolver: DateResolver) -> list[DateChoice]:
    """Every date the sentences about the forum give it, in reading order, each with what it is tied to;
    'the following day' counts from the date before it. ``choose_date`` picks one, and a ranker
    (``candidates``) may weigh them otherwise."""
    choices: list[DateChoice] = []
    # 次日 counts from the last date named, whatever it was the date of; 当天 (论坛当天上午) from the last
    # one that was the forum's, not the press conference's nor the delegation's return.
    previous: date | None = None
    previous_of_forum: date | None = None
    given_up: list[DateChoice] = []
    days_named: dict[int, ResolvedDate] = {}  # a day named twice (本月20日, then 20日上午) is one day
    month_said, weeks_said = _month_said(read), _weeks_said(read)
    months_of_days = _months_of_days(read)
    live = live_blog(read)
    for item in read:
        if item.role not in ("evidence", "holding"):
            continue
        entry_time = _entry_time(item) if live else None
        phrases = find_date_phrases(item.sentence) or ((entry_time,) if entry_time else ())
        for phrase, next_start in with_next_starts(phrases):
            phrase = _in_the_week_said(_in_the_month_said(phrase, month_said), weeks_said)
            if item.sentence.in_title:
                phrase = _in_the_bodys_month(phrase, months_of_days)
            attachment = attachment_of(item.sentence.folded, phrase)
            if phrase is entry_time and attachment == 1 and HOLDING.search(item.sentence.folded):
                attachment = TIED  # 09:30 论坛开幕式在…举行: the entry's time is of what it tells
            # A forum put off to a day is still to come, whatever the sentence says of the first date, and
            # so is the day it runs until.
            moved_or_runs_on = attachment == MOVED_TO or runs_on_until(item.sentence.folded, phrase)
            direction = "future" if moved_or_runs_on else tense_of(item)
            anchor = (previous_of_forum or previous) if phrase.days_after_previous == 0 else previous
            resolved = _resolved(phrase, resolver, anchor, direction, days_named)
            if resolved is None:
                continue
            days_named.setdefault(resolved.start.day, resolved)
            previous = resolved.start
            if attachment > 0:
                previous_of_forum = resolved.start
            closing = (
                entry_closes(item.sentence.folded, phrase)
                if phrase is entry_time
                else is_closing(item.sentence.folded, phrase, next_start)
            )
            choice = DateChoice(resolved, phrase, item, _date_priority(item), max(attachment, 1), closing)
            if attachment >= 0:
                choices.append(replace(choice, attachment=attachment))
            elif attachment == GIVEN_UP:
                # Given back only by "as planned": a forum still to come, whatever the sentence's tense.
                planned = resolver.resolve(phrase, anchor, "future") or resolved
                given_up.append(replace(choice, resolved=planned))
    larger = larger_event_dates(read)
    own = [c for c in choices if (c.read.sentence.position, c.phrase.start) not in larger]
    if own and len(own) < len(choices):
        # 该论坛是博览会的配套活动之一，博览会则于17日至20日举行: a forum with its own date keeps it.
        choices = own
    if not choices and given_up and any(_AS_PLANNED.search(r.sentence.folded) for r in read):
        # "originally scheduled for July 12, will go ahead as planned", 原訂本月20日…將如期舉行: the
        # date given up is given back.
        choices = given_up
    return choices


_LIVE_BLOG = re.compile(lexicon.LIVE_BLOG_MARKERS, re.IGNORECASE)
_LIVE_ENTRY_TIME = re.compile(lexicon.LIVE_ENTRY_TIME, re.IGNORECASE)
_LIVE_ENTRIES = 2  # a live blog posts more than one entry
# 17:45 論壇閉幕, 12:10 論壇正式閉幕, "16:05 The forum closed": an entry that tells the forum closing (not a part of
# it: 11:00 主論壇結束, 16:30 分論壇結束, "two panels ended").
_ENTRY_CLOSES = re.compile(
    rf"[^，。,；;]{{0,12}}?(?<![分主子])(?:{'|'.join(lexicon.FORUM_NOUNS_ZH)}|\b(?:forum|summit|dialogue)\b)"
    rf"[^，。,；;]{{0,6}}?(?:{lexicon.CLOSING_VERBS_ZH}|{lexicon.CLOSING_VERBS_EN})",
    re.IGNORECASE,
)


def live_blog(read: list[ReadSentence]) -> bool:
    """Whether the story is a live blog: a live marker in its headline or a line above the lead, and lines
    that open with the time they were posted."""
    lead = lead_position([r.sentence for r in read])
    if not any(_LIVE_BLOG.search(r.sentence.folded) for r in read if r.sentence.position < lead):
        return False
    return sum(1 for r in read if _LIVE_ENTRY_TIME.match(r.sentence.folded)) >= _LIVE_ENTRIES


def entry_closes(folded: str, time: DatePhrase) -> bool:
    """Whether a live blog's entry tells the forum closing at the time it opens with."""
    return _ENTRY_CLOSES.match(folded, time.end) is not None


def live_entry_time(item: ReadSentence) -> DatePhrase | None:
    """The time a live blog's entry opens with (see ``_entry_time``), where it names no day of its own."""
    return None if find_date_phrases(item.sentence) else _entry_time(item)


def _entry_time(item: ReadSentence) -> DatePhrase | None:
    """The time a live blog's entry opens with, as a date: the day of publication (16:30 论坛分论坛结束, "09:45
    The forum opened"), where the entry names no day of its own."""
    found = _LIVE_ENTRY_TIME.match(item.sentence.folded)
    if found is None:
        return None
    start, end = found.span("time")
    return DatePhrase(start, end, item.sentence.original[start:end], days_from_publication=0)


def choose_date(read: list[ReadSentence], resolver: DateResolver) -> DateChoice | None:
    """The best-tied date of the forum."""
    choices = date_choices(read, resolver)
    if not choices:
        return None
    # Among dates as well tied, an opening or holding date beats a closing one; a closing date alone
    # gives the end.
    best = max(
        choices,
        key=lambda c: (
            c.attachment > 0,  # the date of a journey comes last, whatever its sentence
            c.priority,
            c.attachment,
            not c.closing,
            -c.read.sentence.position,
            _in_the_forums_clause(c),
            -c.phrase.start,
        ),
    )
    best = _first_day_before_closing(best, choices)
    best = _opening_before_the_main_session(best, choices, read, resolver)
    if not best.read.future_cue and best.read.sentence.in_title:
        # 論壇今天開幕 in the headline, 今天上午將開幕 in the body: the same day, told as still to come.
        # Only a headline drops 将: a body that says 今天上午开幕 tells the opening as done, whatever the
        # programme of the afternoon (今天下午将举行分组座谈) says.
        told_ahead = [c for c in choices if c.resolved.start == best.resolved.start and c.read.future_cue]
        best = told_ahead[0] if told_ahead else best
    if best.resolved.end is None:
        # The headline says 12月30日登场, the body 12月30日至1月2日: the same start, with its end.
        ranged = [c for c in choices if c.resolved.start == best.resolved.start and c.resolved.end]
        if ranged:
            return ranged[0]
    return best


# A clause's end; in a Chinese headline, the space between its clauses (津台会本周五开幕 两岸城市发展论坛周六举行).
_CLAUSE_BOUNDARY = re.compile(r"[，。,；;：:！？!?]")
_HEADLINE_CLAUSE_BOUNDARY = re.compile(r"[，。,；;：:！？!?]|(?<=[\u4e00-\u9fff])\s+(?=[\u4e00-\u9fff])")


def _in_the_forums_clause(choice: DateChoice) -> bool:
    """Whether the date stands in a clause that names the story's forum: of two dates in one sentence, the one
    of the forum's clause is its own, not the fair's it is held inside (博览会周五开幕 论坛周六举行), nor a summit's
    it is part of, named as a forum of its own (东亚城市高峰会6月3日至5日在高雄举行，为期一天的青年论坛今日登场)."""
    sentence, phrase = choice.read.sentence, choice.phrase
    if not choice.read.referring:
        return False
    boundary = _HEADLINE_CLAUSE_BOUNDARY if sentence.in_title else _CLAUSE_BOUNDARY
    starts = [0] + [b.end() for b in boundary.finditer(sentence.folded, 0, phrase.start)]
    after = boundary.search(sentence.folded, phrase.end)
    clause_start, clause_end = starts[-1], after.start() if after else len(sentence.folded)
    return any(clause_start <= m.start < clause_end for m in choice.read.referring)


# 海峡论坛大会15日上午举行, "The plenary session of the forum was held on Thursday": the day of the forum's main
# session (大会 after a forum's noun, 主论坛, a plenary), which need not be the day it opened.
_MAIN_SESSION_BEFORE = re.compile(
    r"(?:(?:论坛|峰会)(?:开幕)?大会|主论坛|主旨论坛|全体大会|全体会议)\s*(?:将于|将|于|在)?\s*$"
    r"|\b(?:plenary(?:\s+session)?|main\s+(?:session|forum))\b[^,;.]{0,80}?$",
    re.IGNORECASE,
)
_MAIN_SESSION_REACH = 100  # characters before a date its session's name may stand
# "gathered on Sunday for the main session of the forum", "Sunday's plenary": the session named after its day;
# a live blog's "09:30 The main session of the forum opens": the session its entry's time is the day of.
_MAIN_SESSION_AFTER = re.compile(
    r"(?:['’]s|[^,;.]{0,30}?\b(?:for|at|to\s+attend)\s+(?:the|its)(?:\s+forum['’]s)?|\s+the)\s+"
    r"(?:main\s+(?:session|event|forum|meeting)|plenary(?:\s+session)?|opening\s+plenary)\b",
    re.IGNORECASE,
)
# 14日起陆续开展, 自15日起展开, "from Saturday": the first day of a run of activities.
_SPAN_FROM_AFTER = re.compile(r"\s*起(?![来草])")
_SPAN_FROM_BEFORE = re.compile(r"(?:自|从)\s*$|\bfrom\s+$", re.IGNORECASE)
_SESSION_REACH_DAYS = 7


def _names_the_main_session(choice: DateChoice) -> bool:
    """Whether the date's sentence names the forum's main session (论坛大会, plenary) just before or after it."""
    folded, phrase = choice.read.sentence.folded, choice.phrase
    return bool(
        _MAIN_SESSION_BEFORE.search(folded, max(0, phrase.start - _MAIN_SESSION_REACH), phrase.start)
        or _MAIN_SESSION_AFTER.match(folded, phrase.end)
    )


def _starts_a_run(choice: DateChoice) -> bool:
    """A date said as the first of a run of days (14日起, 自15日起, from Saturday)."""
    folded, phrase = choice.read.sentence.folded, choice.phrase
    return bool(
        _SPAN_FROM_AFTER.match(folded, phrase.end)
        or _SPAN_FROM_BEFORE.search(folded, max(0, phrase.start - 8), phrase.start)
    )


def _runs_from(read: list[ReadSentence], resolver: DateResolver, best: DateChoice) -> list[DateChoice]:
    """The first day of a run of the forum's activities told in a sentence that names no forum, after the
    one about it (14日起，近20场配套活动陆续展开): a candidate for the first day where the chosen one is the
    main session's."""
    runs = []
    for item in read:
        if item.role != "none" or item.sentence.position <= best.read.sentence.position:
            continue
        for phrase in find_date_phrases(item.sentence):
            resolved = resolver.resolve(phrase, best.resolved.start, "past")
            if resolved is None or resolved.start >= best.resolved.start:
                continue
            choice = DateChoice(resolved, phrase, item, best.priority, 1, False)
            if _starts_a_run(choice):
                runs.append(choice)
    return runs


def _opening_before_the_main_session(
    best: DateChoice, choices: list[DateChoice], read: list[ReadSentence], resolver: DateResolver
) -> DateChoice:
    """The day of the forum's main session (论坛大会, 主论坛, plenary; "on Sunday for the main session") is not
    its first day where another sentence ties an earlier day of the week before to the forum's opening
    (13日在厦门拉开帷幕, "opened on Tuesday"), gives its range or the day its activities run from (14日起陆续
    开展…活动): that day is."""
    # The day may be chosen from another sentence than the one naming the session (a live blog's later entry
    # of the same day): any date of that day tied to the main session makes it the session's day.
    if best.closing or not any(
        c.resolved.start == best.resolved.start and _names_the_main_session(c) for c in choices
    ):
        return best
    earlier = [
        c
        for c in choices + _runs_from(read, resolver, best)
        if not c.closing
        and (c.attachment >= TIED or c.resolved.end is not None or _starts_a_run(c))
        and 0 < (best.resolved.start - c.resolved.start).days <= _SESSION_REACH_DAYS
        and not _names_the_main_session(c)
    ]
    return min(earlier, key=lambda c: c.resolved.start) if earlier else best


def _first_day_before_closing(best: DateChoice, choices: list[DateChoice]) -> DateChoice:
    """ "Gathered on Monday for the forum, which runs until Wednesday", 8日开幕，持续至10日: a closing date's
    sentence that names an earlier day of the forum before it gives the first day there."""
    if not best.closing:
        return best
    earlier = [
        c
        for c in choices
        if c.read is best.read and c.phrase.end <= best.phrase.start and not c.closing and c.attachment > 0
    ]
    return earlier[-1] if earlier and earlier[-1].resolved.start < best.resolved.start else best


def _resolved(
    phrase: DatePhrase,
    resolver: DateResolver,
    anchor: date | None,
    direction: Direction,
    days_named: dict[int, ResolvedDate],
) -> ResolvedDate | None:
    """The phrase's dates; a day of the month named before keeps that day's month (and its range end)."""
    named = days_named.get(phrase.day) if phrase.day is not None else None
    if phrase.month is None and named is not None and phrase.months_from_publication is None:
        # 雙城論壇20日登場 in the headline, 20、21日在台北舉行 in the body: the day's month, the body's range.
        return ResolvedDate(named.start, named.end or range_end(phrase, named.start), named.note)
    return resolver.resolve(phrase, anchor, direction)


_JOINED = re.compile(r"\s*(?:、|和|及|与|至|到|-|–|\band(?:\s+on)?\b|\bto\b|\bthrough\b)\s*", re.IGNORECASE)
_RANGE_REACH_DAYS = 7


def joined_range(choice: DateChoice, resolver: DateResolver) -> DateChoice:
    """下周四、周五 / tomorrow and Friday: a second day joined to the chosen one is its end."""
    following = [p for p in find_date_phrases(choice.read.sentence) if p.start > choice.phrase.end]
    if not following or not _JOINED.fullmatch(
        choice.read.sentence.folded[choice.phrase.end : following[0].start]
    ):
        return choice
    start, second = choice.resolved.start, following[0]
    if second.weekday is not None and second.weeks_from_publication is None:
        end: date | None = start + timedelta(days=(second.weekday - start.weekday()) % 7)
    else:
        resolved = resolver.resolve(second, start, "future")
        end = resolved.start if resolved else None
    if end is None or not 0 < (end - start).days <= _RANGE_REACH_DAYS:
        return choice
    return replace(choice, resolved=ResolvedDate(start, end, choice.resolved.note))


_AS_PLANNED = re.compile(lexicon.AS_PLANNED, re.IGNORECASE)
# The forum's month said without a day: 下月在厦门举办, "next month" (not 下月5日, a date of its own).
_MONTH_SAID = (
    (re.compile(r"下个?月(?!\s*\d)|\bnext\s+month\b", re.IGNORECASE), 1),
    (re.compile(r"(?:本|这个)月(?!\s*\d)|\bthis\s+month\b|\blater\s+this\s+month\b", re.IGNORECASE), 0),
)


def _month_said(read: list[ReadSentence]) -> int | None:
    """The month (from publication) the title or a sentence about the forum puts it in, where only one is
    said."""
    said = {
        months
        for item in read
        if item.role == "evidence"
        for pattern, months in _MONTH_SAID
        if pattern.search(item.sentence.folded)
    }
    return said.pop() if len(said) == 1 else None


def _in_the_month_said(phrase: DatePhrase, month_said: int | None) -> DatePhrase:
    """ "To host a forum next month … opens on the 18th": a bare day is of the month the story said."""
    if month_said is None or not _bare_day(phrase):
        return phrase
    return replace(phrase, months_from_publication=month_said)


def _months_of_days(read: list[ReadSentence]) -> dict[int, DatePhrase]:
    """Day of the month -> the body's date for it, where the sentences about the forum give that day with its
    month, and with one month only."""
    said: dict[int, list[DatePhrase]] = {}
    for item in read:
        if item.role != "evidence" or item.sentence.in_title:
            continue
        for phrase in find_date_phrases(item.sentence):
            if phrase.day is not None and phrase.month is not None:
                said.setdefault(phrase.day, []).append(phrase)
    return {
        day: phrases[0]
        for day, phrases in said.items()
        if len({(p.month, p.year, p.years_from_publication) for p in phrases}) == 1
    }


def _in_the_bodys_month(phrase: DatePhrase, months_of_days: dict[int, DatePhrase]) -> DatePhrase:
    """兩岸農業交流論壇 24日台南登場 over 將於7月24日至25日在台南舉行: a headline's bare day is of the month the body
    gives that day, not the one nearest the paper's."""
    body = months_of_days.get(phrase.day) if _bare_day(phrase) and phrase.day is not None else None
    if body is None:
        return phrase
    return replace(
        phrase, month=body.month, year=body.year, years_from_publication=body.years_from_publication
    )


def _weeks_said(read: list[ReadSentence]) -> dict[int, int]:
    """Weekday -> week (from publication), for the weekdays the sentences about the forum give with their
    week (本週日, next Thursday), where each is given with one week only."""
    said: dict[int, set[int]] = {}
    for item in read:
        if item.role != "evidence":
            continue
        for phrase in find_date_phrases(item.sentence):
            if phrase.weekday is not None and phrase.weeks_from_publication is not None:
                said.setdefault(phrase.weekday, set()).add(phrase.weeks_from_publication)
    return {weekday: weeks.pop() for weekday, weeks in said.items() if len(weeks) == 1}


def _in_the_week_said(phrase: DatePhrase, weeks_said: dict[int, int]) -> DatePhrase:
    """海峽論壇週日登場 in the headline, 將於本週日登場 in the body: a bare weekday is of the week the story
    gives that weekday."""
    if (
        phrase.weekday is None
        or phrase.weeks_from_publication is not None
        or phrase.weekday not in weeks_said
    ):
        return phrase
    return replace(phrase, weeks_from_publication=weeks_said[phrase.weekday])


def _bare_day(phrase: DatePhrase) -> bool:
    """A day of the month written alone (18日, on the 18th): no month, weekday or relative word."""
    return (
        phrase.day is not None
        and phrase.month is None
        and phrase.months_from_publication is None
        and phrase.weekday is None
        and phrase.days_from_publication is None
        and phrase.days_after_previous is None
    )


def _date_priority(item: ReadSentence) -> int:
    """3: held or opened then; 2: the forum is named; 1: a delegation travels then; 0: a holding verb only."""
    if item.role == "holding":
        return 0
    holding = HOLDING.search(item.sentence.folded) is not None
    travel = TRAVEL.search(item.sentence.folded) is not None
    if holding and not travel:
        return 3
    if travel and not holding:
        return 1
    return 2
