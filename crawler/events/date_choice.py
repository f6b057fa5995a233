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
    attachment_of,
    is_closing,
    runs_on_until,
    with_next_starts,
)
from crawler.events.cues import HOLDING, TRAVEL
from crawler.events.date_phrases import DatePhrase, find_date_phrases
from crawler.events.date_resolution import DateResolver, Direction, ResolvedDate, range_end
from crawler.events.sentence_roles import ReadSentence, tense_of


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
    for item in read:
        if item.role not in ("evidence", "holding"):
            continue
        for phrase, next_start in with_next_starts(find_date_phrases(item.sentence)):
            phrase = _in_the_week_said(_in_the_month_said(phrase, month_said), weeks_said)
            attachment = attachment_of(item.sentence.folded, phrase)
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
            closing = is_closing(item.sentence.folded, phrase, next_start)
            choice = DateChoice(resolved, phrase, item, _date_priority(item), max(attachment, 1), closing)
            if attachment >= 0:
                choices.append(replace(choice, attachment=attachment))
            elif attachment == GIVEN_UP:
                # Given back only by "as planned": a forum still to come, whatever the sentence's tense.
                planned = resolver.resolve(phrase, anchor, "future") or resolved
                given_up.append(replace(choice, resolved=planned))
    if not choices and given_up and any(_AS_PLANNED.search(r.sentence.folded) for r in read):
        # "originally scheduled for July 12, will go ahead as planned", 原訂本月20日…將如期舉行: the
        # date given up is given back.
        choices = given_up
    return choices


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
            -c.phrase.start,
        ),
    )
    best = _first_day_before_closing(best, choices)
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
