"""read_event: announcement, report or other, and the event a forum story is about.

How an article is read:

1. Split into sentences (the title is the first) and find forum mentions; the main forum is the series
   named in the title, else the most mentioned (``names.choose_main``). A story that names no forum but
   has one in its title or lead ("officials hold forum on bridge") is about that unnamed forum.
2. Give each sentence a role. A sentence that names another edition of the series (the 2018 forum in a
   2019 story, 往届回顾) or speaks of the series' past and habits (自2010年起…轮流举办, the third time)
   says nothing about this edition and is left out. A sentence that refers to the main forum is
   evidence; one with only a holding verb (开幕式在…举行) may still give a date or a place.
3. Dates come from evidence sentences, the best tied first: a holding or opening verb in the sentence,
   then a plain mention, then a delegation's travel (which may be a day early); the title, then
   reading order, break ties. Yearless dates take the forum's year, else the year the tense points at.
4. Kind: with a start date and a publication date, the calendar decides (a start after publication is
   an announcement, 開幕 with a future date included); on the publication day, a future cue in the
   date's sentence makes it an announcement, else it is under way (a report). Without a date, future
   cues make an announcement, and report cues make a report if something pins the edition down (a
   year, an edition, 本届/this year's, a cue in the title); otherwise it is "other".

An edition cancelled, or postponed with no new date, is "other": there is nothing to announce yet.
A forum mentioned in passing (not in the title, once, not in the lead sentence) makes the story "other",
as does an explainer with no edition, date or deictic (the SCO mayors' dialogue blog post). An overview
that opens with a forum just held and then looks back over earlier editions is a report of that forum:
the look-back names other years and is left out (the 2010-2020 Twin-City Forum overview).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta, timezone
from typing import Literal

from crawler.events import lexicon
from crawler.events.dates import DatePhrase, DateResolver, Direction, ResolvedDate, find_date_phrases
from crawler.events.model import Event, EventReading, Kind
from crawler.events.names import MainForum, Mention, choose_main, find_mentions, unnamed_main
from crawler.events.places import city_of_venue, dateline_city, find_city, find_venue, host_of_two
from crawler.events.text import Sentence, fold, sentences_of

# Publication times are UTC; the outlets watched publish in Beijing and Taipei time (both UTC+8), and
# "today" in their text is the local day: an article filed at 07:00 in Shanghai is dated the day before
# in UTC.
NEWS_ZONE = timezone(timedelta(hours=8), "UTC+08:00")

Role = Literal["evidence", "holding", "other edition", "background", "none"]

_FUTURE = re.compile(f"{lexicon.FUTURE_CUES_ZH}|{lexicon.FUTURE_CUES_EN}", re.IGNORECASE)
_REPORT = re.compile(f"{lexicon.REPORT_CUES_ZH}|{lexicon.REPORT_CUES_EN}", re.IGNORECASE)
_BACKGROUND = re.compile(f"{lexicon.BACKGROUND_ZH}|{lexicon.BACKGROUND_EN}", re.IGNORECASE)
_HOLDING = re.compile(f"{lexicon.HOLDING_VERBS_ZH}|{lexicon.HOLDING_VERBS_EN}", re.IGNORECASE)
_TRAVEL = re.compile(f"{lexicon.TRAVEL_VERBS_ZH}|{lexicon.TRAVEL_VERBS_EN}", re.IGNORECASE)
_ONE_DAY = re.compile(lexicon.ONE_DAY_CUES, re.IGNORECASE)
_COMMENTARY = re.compile(
    rf"^\s*[【\[(（〈《]?\s*(?:{lexicon.COMMENTARY_MARKERS_ZH})\s*[】\])）〉》:：|｜丨／/]"
    rf"|^\s*(?:{lexicon.COMMENTARY_MARKERS_EN})\s*[:|—–-]",
    re.IGNORECASE,
)
_CANCELLED = re.compile(f"{lexicon.CANCELLED_ZH}|{lexicon.CANCELLED_EN}", re.IGNORECASE)
_POSTPONED = re.compile(f"{lexicon.POSTPONED_ZH}|{lexicon.POSTPONED_EN}", re.IGNORECASE)
_MOVED_TO_AFTER = re.compile(lexicon.MOVED_TO_AFTER, re.IGNORECASE)
_CANCEL_REACH = 30  # characters between the forum's name and 取消 / called off in one clause
_DAY_NUMBER_AFTER_ZH = re.compile(lexicon.DAY_NUMBER_AFTER_ZH)
_LAST_DAY_AFTER_ZH = re.compile(lexicon.LAST_DAY_AFTER_ZH)
_DAY_NUMBER_EN = re.compile(lexicon.DAY_NUMBER_EN, re.IGNORECASE)
_DURATION = re.compile(f"{lexicon.DURATION_ZH}|{lexicon.DURATION_EN}", re.IGNORECASE)
_CLOSING_AFTER_ZH = re.compile(
    rf"(?:[^，。,；;]{{0,10}}?|{lexicon.AT_THE_VENUE_ZH})(?:{lexicon.CLOSING_VERBS_ZH})"
)
_CLOSING_EN = re.compile(lexicon.CLOSING_VERBS_EN, re.IGNORECASE)
_TITLE_WEIGHT = 2  # a cue in the headline counts twice: it is the story's own summary
_CUES_IN_REASONS = 2  # per kind of cue: enough to see why, short enough to read


@dataclass(frozen=True)
class _ReadSentence:
    sentence: Sentence
    mentions: tuple[Mention, ...]
    role: Role
    future_cue: str | None
    report_cue: str | None  # only where no future cue stands in the same sentence


@dataclass(frozen=True)
class _DateChoice:
    resolved: ResolvedDate
    phrase: DatePhrase
    read: _ReadSentence
    priority: int
    attachment: (
        int  # 3: the date it was moved to; 2: tied to the holding verb; 1: in the sentence; 0: a trip's
    )
    closing: bool  # the date of the last day (30日閉幕, wrapped up on Wednesday)


# What a date phrase is attached to, from the words right around it. A date told as the day something
# was said (市府今（5）日宣布, announced on Tuesday) or as the one given up (原訂8月29日, originally set for
# Aug. 29) is not the forum's; the date it moved to (延至9月10日, pushed back to Sept. 10) is, and so is
# one tied to the holding verb (將於本月28日登場, will be held Aug. 28-29).
_CLAUSE_END = re.compile(r"[，。,；;：:！？!?]")
# Another meeting's day: a press conference's, a council session's (议会今天进行总质询).
_PRESS_EVENT_ZH = re.compile(lexicon.PRESS_EVENTS_ZH)
_SPEECH_ZH = re.compile(
    r"宣布|表示|指出|说|称|透露|公布|发布|证实|确认|强调|致函|回应|受访|获悉|了解到|得知|获知|采访"
    r"|核准|批准|核定|许可"  # 陸委會昨天核准: the day of an approval
)
_SPEECH_BEFORE_EN = re.compile(
    r"\b(?:announced|announces|said|says|told|stated|confirmed|unveiled|revealed|reported|noted|learned|learnt)"
    r"(?:\s+\w+){0,1}\s+(?:on\s+)?$",
    re.IGNORECASE,
)
# "on Tuesday announced"; with a comma only when the date opens the sentence ("On Tuesday, the city
# announced ..."): a comma elsewhere ends the date's clause, and ", the office said" is the sentence's.
_SPEECH_AFTER_EN = re.compile(
    r"\s+(?:(?:also|formally|officially)\s+)?(?:announced|announces|said|says|told|confirmed|unveiled"
    r"|approved|approves|authorized|authorised|rejected)\b",  # the day of an approval, not the forum's
    re.IGNORECASE,
)
_SPEECH_AFTER_OPENING_EN = re.compile(
    r",\s+(?:[\w'’.-]+\s+){0,5}?(?:announced|announces|said|says|told|confirmed|unveiled)\b", re.IGNORECASE
)
# The date opens the sentence, or what follows its dateline ("TAIPEI (Reuters) - On Tuesday, ..."); not
# a clause after a comma ("opens in Xiamen, China, tomorrow, the party said").
_OPENING_EN = re.compile(r"(?:^|[-–—:)]\s+)\s*(?:on\s+)?$", re.IGNORECASE)
# A date between "the" and a noun names that noun's day: "the Nov. 24 mayoral vote", "the Aug. 4 drills";
# but "the Aug. 29-30 forum" is the forum's.
_THE_BEFORE_EN = re.compile(r"\bthe\s+$", re.IGNORECASE)
_OTHER_NOUN_AFTER_EN = re.compile(
    r"\s+(?!(?:forum|dialogue|dialog|summit|event|opening|closing|meeting|session|gathering)s?\b)[a-z][\w-]*"
)
_GIVEN_UP_ZH = re.compile(r"(?:原定|原订|原本|原先|原计划|原预定|本来)(?:于|在)?\s*$")
_GIVEN_UP_EN = re.compile(
    r"\b(?:originally|initially|previously|first)\s+(?:\w+\s+){0,2}?(?:scheduled|set|planned|slated|due)"
    r"\s+(?:for|on|to\s+(?:be\s+held|open|take\s+place)(?:\s+on)?)\s+$",
    re.IGNORECASE,
)
_MOVED_TO_ZH = re.compile(
    r"(?:延至|延后至|延后到|延到|延期至|延期到|顺延至|改至|改到|改为|改在|改期至|改期于|改于|推迟至|推迟到|提前至|提前到)\s*$"
)
_MOVED_TO_EN = re.compile(
    r"\b(?:postponed|pushed\s+back|moved|rescheduled|delayed|put\s+off|brought\s+forward|deferred)"
    r"\s+(?:\w+\s+){0,2}?(?:to|until|till|for)\s+(?:on\s+)?$",
    re.IGNORECASE,
)
_TIED_BEFORE_ZH = re.compile(r"(?:于|在|定于|订于|拟于|将于|将在|预计于|预定于|预计在)\s*$")
_TIED_BEFORE_EN = re.compile(
    rf"(?:{lexicon.HOLDING_VERBS_EN}|\bbe\s+held|\bruns?|\bbegin(?:s|ning)?|\bstart(?:s|ing)?)(?:\s+\w+){{0,3}}?"
    r"\s+(?:on|from|between)?\s*$",
    re.IGNORECASE,
)
_TIED_AFTER_ZH = re.compile(
    rf"^(?:[^，。,；;：:]{{0,12}}?|{lexicon.AT_THE_VENUE_ZH})(?:{lexicon.HOLDING_VERBS_ZH})"
)
# "will travel to the Chinese city of Xiamen on Wednesday": the journey's day, however far its verb.
_TRAVEL_BEFORE_EN = re.compile(
    rf"(?:{lexicon.TRAVEL_VERBS_EN})(?:\s+[\w.]+){{0,7}}?\s+(?:on\s+)?$", re.IGNORECASE
)
# "to attend a forum on Thursday", "the event on June 6": the noun's own day.
_NOUN_BEFORE_EN = re.compile(
    r"\b(?:forum|summit|dialogue|dialog|event)\s+(?:on|from|between)\s+$", re.IGNORECASE
)
_ANOTHER_DAY = re.compile(
    r"\d{1,2}\s*[日号]|[今明后昨前]天|[今明昨]日|次日|翌日|隔天|第二天|当天|周[一二三四五六日天]|星期|礼拜"
    r"|\b(?:today|tomorrow|yesterday|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b",
    re.IGNORECASE,
)
_GIVEN_UP = -1
_MOVED_TO = 3  # postponed to, brought forward to: the date the forum now has
# Sentences that may speak of the edition the story is about (not of another one, nor of the series' past).
_THIS_EDITION = ("evidence", "holding", "none")
_SAID = -2
_IN_PASSING = " is mentioned in passing"
_NO_EVENT = ": no event to report"


def read_event(
    title: str, text: str, published: datetime | None, language: str | None = None
) -> EventReading:
    """Classify a story as announcement, report or other, and extract its forum event.

    ``published`` is the publication time (UTC, as the cleaner gives it; a naive time is taken as
    local). ``language`` ("zh", "en"; anything else or None means both) says which forum names to
    look for: 世界经济论坛 (World Economic Forum) is one forum, not two competing for the main one.
    """
    chinese, english = _name_languages(language)
    sentences = sentences_of(title, text)
    mentions = {s.position: find_mentions(s, chinese, english) for s in sentences}
    main = choose_main([m for found in mentions.values() for m in found]) or unnamed_main(mentions, sentences)
    if main is None:
        return EventReading("other", None, ("no forum named",))
    read = [_read_sentence(main, s, mentions[s.position]) for s in sentences]
    evidence = [r for r in read if r.role == "evidence"]
    published_day = _local_day(published)
    reasons = list(main.reasons)
    reasons += _cue_reasons(main, evidence)
    reasons += _left_out_reasons(read)

    resolver = DateResolver(published_day, main.year)
    date_choice = _choose_date(read, resolver)
    start = end = None
    if date_choice is not None and date_choice.resolved.end is None:
        date_choice = _joined_range(date_choice, resolver)
    if date_choice is not None:
        # The length may stand in a sentence naming no forum ("The two-day event will cover ..."), but not
        # in one about another edition or the series' habits.
        this_edition = [r for r in read if r.role in _THIS_EDITION]
        days = _duration(this_edition) or (
            1 if any(_ONE_DAY.search(r.sentence.folded) for r in this_edition) else None
        )
        closing = None if date_choice.closing else _closing_date(read, resolver, date_choice.resolved.start)
        if closing is None and days is None and not date_choice.closing and _closes_the_same_day(date_choice):
            days = 1
        start, end = _dates_of(date_choice, closing, days)
        if days and closing and start and start <= closing and (closing - start).days != days - 1:
            # 為期三天…今日閉幕 and 簽約儀式昨晚舉行: a date inside the span is a part of the forum; the
            # closing day and the length say when it began.
            start = closing - timedelta(days=days - 1)
        if day_of_forum := _day_of_the_forum(read, resolver, date_choice.resolved.start):
            number, last = day_of_forum
            start = date_choice.resolved.start - timedelta(days=number - 1)
            end = date_choice.resolved.start if last else start + timedelta(days=days - 1) if days else None
            reasons.append(f"day {number}{' and the last' if last else ''} of the forum")
        published_note = f"published {published_day.isoformat()}" if published_day else "no publication date"
        which = "end" if date_choice.closing else "start"
        reasons.append(
            f"{which} {date_choice.resolved.start.isoformat()} from {date_choice.phrase.text} ({published_note}; "
            f"{date_choice.resolved.note})"
        )
    place_sentences = [r.sentence for r in evidence] + [r.sentence for r in read if r.role == "holding"]
    kind, why = _kind(main, read, date_choice, published_day)
    venue = find_venue(place_sentences)
    city = find_city(place_sentences, report=kind == "report") or (city_of_venue(venue) if venue else None)
    if city:
        reasons.append(f"city {city.value} from {city.phrase}")
    elif city := host_of_two(
        [m.name for m in main.mentions if m.name],
        main.keys,
        [r.sentence for r in read if r.role in _THIS_EDITION],
    ):
        reasons.append(f"city {city.value}: the other city of the forum's two, as {city.phrase} visits")
    if venue:
        reasons.append(f"venue {venue.value} from {venue.phrase}")
    year = main.year
    if year is None and start is not None:
        year = start.year
        reasons.append(f"year {year} from the start date")

    if why.endswith((_IN_PASSING, _NO_EVENT)) or (
        kind == "other" and start is None and year is None and main.edition is None
    ):
        # A story about something else, or about the series with no edition (an explainer, an
        # op-ed): what it says of a forum held somewhere is no event to report.
        start = end = city = venue = None
        reasons.append("no event fields: no edition of the forum is the story's subject")
    if city is None and kind == "report" and (city := dateline_city(sentences)):
        reasons.append(f"city {city.value} from the dateline {city.phrase}")
    reasons.append(f"{kind}: {why}")
    event = Event(
        name=main.name,
        edition=main.edition,
        year=year,
        start=start,
        end=end,
        city=city.value if city else None,
        venue=venue.value if venue else None,
    )
    return EventReading(kind, event, tuple(reasons))


def _name_languages(language: str | None) -> tuple[bool, bool]:
    """(look for Chinese names, look for English names): both unless the language is one of the two."""
    primary = (language or "").split("-")[0].lower()
    return primary != "en", primary != "zh"


def _local_day(published: datetime | None) -> date | None:
    if published is None:
        return None
    if published.tzinfo is None:
        return published.date()
    return published.astimezone(NEWS_ZONE).date()


def _read_sentence(main: MainForum, sentence: Sentence, mentions: list[Mention]) -> _ReadSentence:
    folded = sentence.folded
    role: Role
    if any(main.is_other_edition(m) for m in mentions) and not any(main.is_this_edition(m) for m in mentions):
        role = "other edition"
    elif _speaks_of_the_past(folded):
        role = "background"
    elif any(main.is_referred_to(m) for m in mentions):
        role = "evidence"
    elif _HOLDING.search(folded) or _NOTICE_LABEL.match(folded):
        role = "holding"
    else:
        role = "none"
    future = _FUTURE.search(folded)
    report = None if future else _REPORT.search(folded)
    return _ReadSentence(
        sentence=sentence,
        mentions=tuple(mentions),
        role=role,
        future_cue=sentence.original[future.start() : future.end()] if future else None,
        report_cue=sentence.original[report.start() : report.end()] if report else None,
    )


_ATTRIBUTIVE_TO_A_FORUM = re.compile(
    rf"[^，。,；;：:]*?的[^，。,；;：:]{{0,20}}?(?:{'|'.join(lexicon.FORUM_NOUNS_ZH)})"
)


def _speaks_of_the_past(folded: str) -> bool:
    """Whether the sentence is about the series' past or habits: a cue in its first clause. A later
    clause adds to what the sentence says ("opened on Friday, the first time the island has hosted
    it"), and a cue inside a clause that only describes the forum (由两市轮流主办的城市交流论坛，今年…)
    does not make the sentence background."""
    first_clause = _CLAUSE_END.search(folded)
    first_clause_end = first_clause.start() if first_clause else len(folded)
    return any(
        found.start() < first_clause_end and not _ATTRIBUTIVE_TO_A_FORUM.match(folded, found.end())
        for found in _BACKGROUND.finditer(folded)
    )


def _choose_date(read: list[_ReadSentence], resolver: DateResolver) -> _DateChoice | None:
    """The best-tied date of the forum; 'the following day' counts from the date before it."""
    choices: list[_DateChoice] = []
    # 次日 counts from the last date named, whatever it was the date of; 当天 (论坛当天上午) from the last
    # one that was the forum's, not the press conference's nor the delegation's return.
    previous: date | None = None
    previous_of_forum: date | None = None
    given_up: list[_DateChoice] = []
    # A day named twice is one day: 本月20日 in the lead, 20日上午 in the programme.
    days_named: dict[int, ResolvedDate] = {}
    for item in read:
        if item.role not in ("evidence", "holding"):
            continue
        for phrase in find_date_phrases(item.sentence):
            attachment = _attachment(item.sentence.folded, phrase)
            # A forum put off to a day is still to come, whatever the sentence says of the first date.
            direction = "future" if attachment == _MOVED_TO else _direction(item)
            anchor = (previous_of_forum or previous) if phrase.days_after_previous == 0 else previous
            if phrase.month is None and phrase.day is not None and phrase.months_from_publication is None:
                resolved = days_named.get(phrase.day) or resolver.resolve(phrase, anchor, direction)
            else:
                resolved = resolver.resolve(phrase, anchor, direction)
            if resolved is None:
                continue
            days_named.setdefault(resolved.start.day, resolved)
            previous = resolved.start
            if attachment > 0:
                previous_of_forum = resolved.start
            closing = _is_closing(item.sentence.folded, phrase)
            choice = _DateChoice(resolved, phrase, item, _date_priority(item), max(attachment, 1), closing)
            if attachment >= 0:
                choices.append(replace(choice, attachment=attachment))
            elif attachment == _GIVEN_UP:
                # Given back only by "as planned": a forum still to come, whatever the sentence's tense.
                planned = resolver.resolve(phrase, anchor, "future") or resolved
                given_up.append(replace(choice, resolved=planned))
    if not choices and given_up and any(_AS_PLANNED.search(r.sentence.folded) for r in read):
        # "originally scheduled for July 12, will go ahead as planned", 原訂本月20日…將如期舉行: the
        # date given up is given back.
        choices = given_up
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
    if not best.read.future_cue:
        # 論壇今天開幕 in the headline, 今天上午將開幕 in the body: the same day, told as still to come.
        told_ahead = [c for c in choices if c.resolved.start == best.resolved.start and c.read.future_cue]
        best = told_ahead[0] if told_ahead else best
    if best.resolved.end is None:
        # The headline says 12月30日登场, the body 12月30日至1月2日: the same start, with its end.
        ranged = [c for c in choices if c.resolved.start == best.resolved.start and c.resolved.end]
        if ranged:
            return ranged[0]
    return best


def _direction(item: _ReadSentence) -> Direction:
    """The tense a yearless or weekday date is read in. Headlines drop 将 and write the bare verb
    (29日開幕, 周五在滬舉行) for a forum to come as for one held: only a future cue counts there."""
    if item.future_cue:
        return "future"
    return "past" if item.report_cue and not item.sentence.in_title else "nearest"


_JOINED = re.compile(r"\s*(?:、|和|及|与|至|到|-|–|\band(?:\s+on)?\b|\bto\b|\bthrough\b)\s*", re.IGNORECASE)
_RANGE_REACH_DAYS = 7


def _joined_range(choice: _DateChoice, resolver: DateResolver) -> _DateChoice:
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


def _dates_of(
    choice: _DateChoice, choices_end: date | None, days: int | None
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


def _closing_date(read: list[_ReadSentence], resolver: DateResolver, after: date) -> date | None:
    """A closing date given beside the opening one (29日開幕、30日閉幕)."""
    for item in read:
        if item.role not in ("evidence", "holding"):
            continue
        for phrase in find_date_phrases(item.sentence):
            if not _is_closing(item.sentence.folded, phrase):
                continue
            resolved = resolver.resolve(phrase, after, _direction(item))
            if resolved is not None and resolved.start >= after:
                return resolved.start
    return None


_CLOSING_ZH = re.compile(lexicon.CLOSING_VERBS_ZH)
_AS_PLANNED = re.compile(lexicon.AS_PLANNED, re.IGNORECASE)
_NOTICE_LABEL = re.compile(lexicon.NOTICE_LABELS, re.IGNORECASE)
_HOURS_AFTER = re.compile(
    r"[^，。,；;]{0,12}?\d{1,2}\s*[:：]\s*\d{2}\s*(?:[-—–~至到]|\bto\b)\s*\d{1,2}\s*[:：]\s*\d{2}",
    re.IGNORECASE,
)


def _closes_the_same_day(choice: _DateChoice) -> bool:
    """The forum lasts the day of its date: the date is followed by its hours (9:00—12:00), or its sentence
    closes the forum with no other day named, neither before the closing nor in its clause (今（27）日…
    上午9時開幕，…下午5時…閉幕; not 闭幕式将在周五举行)."""
    sentence = choice.read.sentence
    if _HOURS_AFTER.match(sentence.folded, choice.phrase.end):
        return True  # 6月18日（星期三）上午9:00—12:00: hours, not days
    closing = _CLOSING_ZH.search(sentence.folded, choice.phrase.end)
    if closing is None:
        return False
    clause_end = _CLAUSE_END.search(sentence.folded, closing.end())
    reach = clause_end.start() if clause_end else len(sentence.folded)
    return not any(
        choice.phrase.end <= other.start < reach
        for other in find_date_phrases(sentence)
        if other != choice.phrase
    )


def _day_of_the_forum(
    read: list[_ReadSentence], resolver: DateResolver, day: date
) -> tuple[int, bool] | None:
    """(which day of the forum ``day`` is, whether it is the last) where the text says so: 今（26）日進入
    第二天，也是最後一天; "Wednesday, the second and final day of the forum"."""
    for item in read:
        if item.role not in _THIS_EDITION:
            continue
        folded = item.sentence.folded
        phrases = find_date_phrases(item.sentence)
        for phrase in phrases:
            resolved = resolver.resolve(phrase, day, _direction(item))
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
                return lexicon.DAY_NUMBERS[found.group("n").lower()], found.group("last") is not None
    return None


def _duration(sentences: list[_ReadSentence]) -> int | None:
    """The forum's length in days, where the text says it (为期两天, a two-day forum)."""
    for item in sentences:
        found = _DURATION.search(item.sentence.folded)
        if found:
            value = next(group for group in found.groups() if group).lower()
            return int(value) if value.isdigit() else lexicon.DURATION_NUMBERS[value]
    return None


def _is_closing(folded: str, phrase: DatePhrase) -> bool:
    if _CLOSING_AFTER_ZH.match(folded, phrase.end):
        return True
    # English puts the verb first, with the place and an apposition between it and the date: "concluded in
    # Nanjing, Jiangsu province, on Wednesday". The last verb before the date decides; up to the phrase's
    # end, as "and close the following day" looks ahead into it.
    before = folded[max(0, phrase.start - 60) : phrase.end]
    closing = [m.end() for m in _CLOSING_EN.finditer(before)]
    if closing and not _HOLDING.search(before, closing[-1]):
        return True
    return _CLOSING_EN.match(folded[phrase.end : phrase.end + 40].lstrip()) is not None


def _attachment(folded: str, phrase: DatePhrase) -> int:
    """What the phrase is the date of: see :data:`_GIVEN_UP` and the patterns above it."""
    before = folded[max(0, phrase.start - 60) : phrase.start]
    after = folded[phrase.end : phrase.end + 60]
    if _GIVEN_UP_ZH.search(before) or _GIVEN_UP_EN.search(before):
        return _GIVEN_UP
    if _MOVED_TO_ZH.search(before) or _MOVED_TO_EN.search(before):
        return _MOVED_TO
    clause_end = _CLAUSE_END.search(after)
    clause = after[: clause_end.start()] if clause_end else after
    if _PRESS_EVENT_ZH.search(clause):
        return _SAID  # 今天上午举行例行新闻发布会: the day of the briefing, not of the forum
    speech = _SPEECH_ZH.search(clause)
    holding = _HOLDING.search(clause)
    if speech and (holding is None or speech.start() < holding.start()):
        return _SAID
    if _SPEECH_BEFORE_EN.search(before) or _SPEECH_AFTER_EN.match(after):
        return _SAID
    if _THE_BEFORE_EN.search(before) and _OTHER_NOUN_AFTER_EN.match(after):
        return _SAID  # "the Nov. 24 mayoral vote": the date of another event
    if _OPENING_EN.search(folded, 0, phrase.start) and _SPEECH_AFTER_OPENING_EN.match(after):
        return _SAID
    if _NOUN_BEFORE_EN.search(before):
        return 2
    # 預計明天離臺, arrived on Monday: the date of a journey, not of the forum
    # (but not 今日先赴新北出席…，下午回到臺北主持開幕式: the sentence goes on to the forum itself)
    travel = _TRAVEL.search(clause)
    if travel is None and not _HOLDING.search(clause):
        # 本週五（22日）率團員…，搭乘小三通前往福州，出席23日起舉行的論壇: the date's own clause says
        # nothing; the journey follows before the next date.
        travel = _TRAVEL.search(_until_the_next_date(folded, phrase))
    if (travel and not _goes_on_to_the_forum(folded, phrase.end + travel.end())) or _TRAVEL_BEFORE_EN.search(
        before
    ):
        return 0
    if (
        _TIED_BEFORE_ZH.search(before)
        or _TIED_AFTER_ZH.match(after)
        or _TIED_BEFORE_EN.search(before)
        or _NOTICE_LABEL.fullmatch(before)
    ):
        return 2
    return 1


def _until_the_next_date(folded: str, phrase: DatePhrase) -> str:
    """The text after a date phrase up to the next one, and up to the first holding verb."""
    phrases = find_date_phrases(Sentence(0, False, folded, folded))
    end = min((p.start for p in phrases if p.start >= phrase.end), default=len(folded))
    holding = _HOLDING.search(folded, phrase.end, end)
    return folded[phrase.end : holding.start() if holding else end]


def _goes_on_to_the_forum(folded: str, position: int) -> bool:
    """Whether the sentence goes on from a journey to the forum held the same day: a holding verb
    follows with no other day named before it (出席後天開幕的論壇 names its own day)."""
    holding = _HOLDING.search(folded, position)
    return holding is not None and not _ANOTHER_DAY.search(folded, position, holding.start())


def _date_priority(item: _ReadSentence) -> int:
    """3: held or opened then; 2: the forum is named; 1: a delegation travels then; 0: a holding verb only."""
    if item.role == "holding":
        return 0
    holding = _HOLDING.search(item.sentence.folded) is not None
    travel = _TRAVEL.search(item.sentence.folded) is not None
    if holding and not travel:
        return 3
    if travel and not holding:
        return 1
    return 2


def _kind(
    main: MainForum, read: list[_ReadSentence], date_choice: _DateChoice | None, published: date | None
) -> tuple[Kind, str]:
    # "the event" refers back to a forum, but a story that only says so may be about another event.
    evidence = [
        r for r in read if r.role == "evidence" and any(m.noun != lexicon.EVENT_NOUN_EN for m in r.mentions)
    ]
    in_title = any(m.sentence.in_title for m in main.mentions)
    in_lead = any(not r.sentence.in_title and r.sentence.position == 1 for r in evidence) or (
        any(r.sentence.position == 2 for r in evidence) and _title_speaks_of(main, read)
    )
    if not (in_title or in_lead or len(evidence) >= 2):
        return "other", f"{main.name}{_IN_PASSING}"
    opening = [r.sentence for r in read if r.sentence.in_title or r.sentence.position == 1]
    if any(_COMMENTARY.search(sentence.folded) for sentence in opening):
        return "other", f"an opinion piece{_NO_EVENT}"
    if cancelled := _cue_by_the_name(main, evidence, _CANCELLED):
        return "other", f"the edition is cancelled ({cancelled}){_NO_EVENT}"
    undated = date_choice is None or date_choice.read.role != "evidence"  # a date of something else
    if undated and (postponed := _cue_by_the_name(main, evidence, _POSTPONED, undated=True)):
        return "other", f"the edition is postponed with no new date ({postponed}){_NO_EVENT}"
    if date_choice is not None and published is not None:
        start = date_choice.resolved.start
        if start > published:
            return "announcement", f"starts {start.isoformat()}, after publication"
        if start < published:
            return "report", f"started {start.isoformat()}, before publication"
        if date_choice.closing:
            return "report", "closes on the publication day"
        if date_choice.read.future_cue:
            return "announcement", f"starts on the publication day, {date_choice.read.future_cue}"
        return "report", "under way on the publication day"
    if published is not None and (period := _vague_period(evidence, published)):
        text, first, last = period
        if first > published:
            return "announcement", f"in {text} ({first.isoformat()} to {last.isoformat()}), after publication"
        if last < published:
            return "report", f"in {text} ({first.isoformat()} to {last.isoformat()}), before publication"
    weight = {True: _TITLE_WEIGHT, False: 1}
    future = sum(weight[r.sentence.in_title] for r in evidence if r.future_cue)
    report = sum(weight[r.sentence.in_title] for r in evidence if r.report_cue)
    if future and future >= report:
        return "announcement", f"future cues outweigh report cues ({future} to {report})"
    pinned = (
        main.year is not None
        or main.edition is not None
        or date_choice is not None
        or any(m.deictic for r in evidence for m in r.mentions)
        or any(r.sentence.in_title and (r.future_cue or r.report_cue) for r in evidence)
    )
    if report and pinned:
        return "report", f"report cues ({report}) and no future cue"
    if report:
        return "other", "report cues, but no year, edition, date or 本届/this year's: about the series"
    return "other", "no cue of a forum to come or held"


_NAME_WORD_EN = re.compile(r"[a-z][a-z'’-]+")
_PLACE_IN_NAME = re.compile(
    "|".join(re.escape(f) for city in lexicon.GAZETTEER for f in (*city.forms_zh, *city.forms_en)),
    re.IGNORECASE,
)


def _title_speaks_of(main: MainForum, read: list[_ReadSentence]) -> bool:
    """Whether an English headline speaks of the forum without naming it: a word of its name other than a
    place, a descriptor or the noun ("SCO mayors to meet in Tianjin" and the SCO mayors' forum of the
    second sentence). A lead may take two sentences to name the forum it opens with. (Chinese headlines
    name the forum; a shared 城市 or 两岸 says nothing.)"""
    title = next((r.sentence.folded.lower() for r in read if r.sentence.in_title), "")
    name = _PLACE_IN_NAME.sub(" ", fold(main.name).lower()).replace(main.noun, " ")
    words = {w for w in _NAME_WORD_EN.findall(name) if w not in lexicon.NAME_DESCRIPTORS_EN}
    return any(re.search(rf"\b{re.escape(w)}\b", title) for w in words)


_VAGUE_ZH = re.compile(
    r"(?:(?P<month>1[0-2]|[1-9])\s*月|(?P<relative>本月|下月|下个月|这个月))\s*(?P<part>上旬|中旬|下旬|初|底|中|末)"
)
_VAGUE_EN = re.compile(
    r"\b(?P<part>early|mid|late)[- ](?P<month>January|February|March|April|May|June|July|August|September"
    r"|October|November|December)\b",
    re.IGNORECASE,
)
_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september",
           "october", "november", "december")  # fmt: skip
_PARTS = {  # first and last day of the month's part (31: the month's last day)
    "上旬": (1, 10), "初": (1, 10), "early": (1, 10), "中旬": (11, 20), "中": (11, 20), "mid": (11, 20),
    "下旬": (21, 31), "底": (21, 31), "末": (21, 31), "late": (21, 31),
}  # fmt: skip


def _vague_period(evidence: list[_ReadSentence], published: date) -> tuple[str, date, date] | None:
    """A part of a month the forum is said to fall in (10月下旬, 下月中旬, late October): its text and
    first and last days, in the year nearest the publication."""
    for item in evidence:
        folded = item.sentence.folded
        found = _VAGUE_ZH.search(folded) or _VAGUE_EN.search(folded)
        if found is None:
            continue
        groups = found.groupdict()
        if groups.get("relative"):
            shift = 0 if groups["relative"] in ("本月", "这个月") else 1
            index = published.year * 12 + published.month - 1 + shift
            year, month = index // 12, index % 12 + 1
        else:
            written = groups["month"]
            month = int(written) if written.isdigit() else _MONTHS.index(written.lower()) + 1
            year = min(
                (published.year - 1, published.year, published.year + 1),
                key=lambda y: abs((date(y, month, 15) - published).days),
            )
        first_day, last_day = _PARTS[groups["part"].lower()]
        last_of_month = (date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)).day
        first, last = date(year, month, first_day), date(year, month, min(last_day, last_of_month))
        return item.sentence.original[found.start() : found.end()], first, last
    return None


def _cue_by_the_name(
    main: MainForum, evidence: list[_ReadSentence], cue: re.Pattern[str], undated: bool = False
) -> str | None:
    """A cue standing by the forum's name in one clause (今年的雙城論壇取消, the forum was called off), or
    None. With ``undated``, not one followed by where it goes (延期至11月, postponed to next month)."""
    for item in evidence:
        folded = item.sentence.folded
        for mention in main.mentions:
            if mention.sentence.position != item.sentence.position:
                continue
            low = max(0, mention.start - _CANCEL_REACH)
            for found in cue.finditer(folded, low, mention.end + _CANCEL_REACH):
                between = folded[min(found.end(), mention.start) : max(found.start(), mention.end)]
                if _CLAUSE_END.search(between) or (undated and _MOVED_TO_AFTER.match(folded, found.end())):
                    continue
                if found.end() <= mention.start and "的" in between:
                    continue  # 停辦多年的兩岸媒體人峰會將恢復舉辦: it describes the forum's past
                return item.sentence.original[found.start() : found.end()]
    return None


def _cue_reasons(main: MainForum, evidence: list[_ReadSentence]) -> list[str]:
    reasons = []
    for kind in ("future", "report"):
        cues = [(r.future_cue if kind == "future" else r.report_cue, r.sentence) for r in evidence]
        found = [(cue, sentence) for cue, sentence in cues if cue][:_CUES_IN_REASONS]
        reasons += [f"{kind} cue {cue} near {main.name} ({_where(sentence)})" for cue, sentence in found]
    return reasons


def _where(sentence: Sentence) -> str:
    return "title" if sentence.in_title else f"sentence {sentence.position}"


def _left_out_reasons(read: list[_ReadSentence]) -> list[str]:
    reasons = []
    for role in ("other edition", "background"):
        count = sum(1 for r in read if r.role == role)
        if count:
            about = "other editions" if role == "other edition" else "the series' past or habits"
            reasons.append(f"left out {count} sentence{'s' if count > 1 else ''} about {about}")
    return reasons
