"""read_event: announcement, report or other, and the event a forum story is about.

How an article is read, one module per step:

1. Split into sentences (``text``; the title is the first) and find forum mentions (``names_zh``,
   ``names_en``); the main forum is the series named in the title, else the most mentioned
   (``main_forum``, names grouped by ``series``; steps 1 and 2 are ``prepared``). A story that names no forum but has one in its title
   or lead ("officials hold forum on bridge") is about that unnamed forum.
2. Give each sentence a role (``sentence_roles``). A sentence that names another edition of the series
   (the 2018 forum in a 2019 story, 往届回顾) or speaks of the series' past and habits (自2010年起…轮流举办,
   the third time) says nothing about this edition and is left out, and so is one that names another
   forum by its own name and none that refers to the main one (另据了解，第十届海峡两岸城市发展论坛将于6月
   在福州举行), where the body names the main forum by a name of its own too. A sentence that refers to
   the main forum is evidence; one with only a holding verb (开幕式在…举行) may still give a date or a place. In a
   press conference's transcript, the answers to a question about something else are left out too.
3. Dates come from evidence sentences (``date_phrases``, ``date_resolution``), the best tied first
   (``date_choice``, ``attachment``): a holding or opening verb in the sentence, then a plain mention,
   then a delegation's travel (which may be a day early); the title, then reading order, break ties.
   Yearless dates take the forum's year, else the year the tense points at. The end comes from a
   closing date, the length or which day of the forum a date is (``forum_days``), else from the day
   its visitors leave, or, told afterwards as held on a day, that day.
4. Kind (``kind``): the calendar decides where there is a date, else the cues; see that module.
5. City and venue (``places``) from a notice's or fact box's venue line (地點：嘉義縣政府大禮堂), else from
   the sentences about the forum (the city of their venue before a sentence that names no forum; a forum
   that moves on to another city is where it opens), else a host or venue line, else the city whose
   government organises it, else the other city of a two-city forum, else, for a report, the dateline.

An edition cancelled, or postponed with no new date, is "other": there is nothing to announce yet.
A forum mentioned in passing (not in the title, once, not in the lead sentence) makes the story "other"
(a follow-up on what came of a forum held last year tells that edition as the series' past; a
delegation's trip told in the lead is about the forum the next sentence names as what it attended, and a
headline that speaks of a forum it does not name is about it where a sentence further down names it with
its days: "Kazakh, Uzbek mayors discuss …" over "The Kazakh-Uzbek Mayors Forum, which opened on
Tuesday, …"),
as does an explainer with no edition, date or deictic (the SCO mayors' dialogue blog post). An overview
that opens with a forum just held and then looks back over earlier editions is a report of that forum:
the look-back names other years and is left out (the 2010-2020 Twin-City Forum overview).
"""

from __future__ import annotations

from datetime import date, datetime

from crawler.events.date_choice import DateChoice, choose_date, joined_range
from crawler.events.forum_days import forum_span
from crawler.events.host_hints import city_in_name, district_city, headline_city, short_name_city
from crawler.events.kind import IN_PASSING, NO_EVENT, classify
from crawler.events.main_forum import MainForum
from crawler.events.model import Event, EventReading, Kind
from crawler.events.places import (
    Place,
    city_of_venue,
    dateline_city,
    find_city,
    find_venue,
    host_line_city,
    host_of_two,
    notice_venue_city,
    organiser_city,
)
from crawler.events.prepared import Prepared, prepare
from crawler.events.sentence_roles import THIS_EDITION, ReadSentence
from crawler.events.text import Sentence

_CUES_IN_REASONS = 2  # per kind of cue: enough to see why, short enough to read


def read_event(
    title: str, text: str, published: datetime | None, language: str | None = None
) -> EventReading:
    """Classify a story as announcement, report or other, and extract its forum event.

    ``published`` is the publication time (UTC, as the cleaner gives it; a naive time is taken as
    local). ``language`` ("zh", "en"; anything else or None means both) says which forum names to
    look for: 世界经济论坛 (World Economic Forum) is one forum, not two competing for the main one.
    """
    prepared = prepare(title, text, published, language)
    if prepared is None:
        return EventReading("other", None, ("no forum named",))
    return read_prepared(prepared)


def read_prepared(prepared: Prepared) -> EventReading:
    """The rules' reading of a prepared story."""
    main, read, sentences = prepared.main, prepared.read, prepared.sentences
    published_day, resolver = prepared.published_day, prepared.resolver
    evidence = [r for r in read if r.role == "evidence"]
    reasons = list(main.reasons)
    reasons += _cue_reasons(main, evidence)
    reasons += _left_out_reasons(read)

    date_choice = choose_date(read, resolver)
    if date_choice is not None and date_choice.resolved.end is None:
        date_choice = joined_range(date_choice, resolver)
    start = end = None
    if date_choice is not None:
        start, end, span_reasons = forum_span(date_choice, read, resolver)
        reasons += span_reasons
        reasons.append(_date_reason(date_choice, published_day))
    kind, why = classify(main, read, date_choice, published_day, start)
    city, venue, place_reasons = _where_held(main, read, kind)
    reasons += place_reasons
    year = main.year
    if year is None and start is not None:
        year = start.year
        reasons.append(f"year {year} from the start date")

    if why.endswith((IN_PASSING, NO_EVENT)) or (
        kind == "other" and start is None and year is None and main.edition is None
    ):
        # A story about something else, or about the series with no edition (an explainer, an
        # op-ed): what it says of a forum held somewhere is no event to report.
        start = end = city = venue = None
        reasons.append("no event fields: no edition of the forum is the story's subject")
    elif kind == "other" and start is None and (city or venue):
        # A commentary on an edition just held (第二十七届海峡论坛日前在厦门落下帷幕。…二十七年来): no date and no
        # cue of a forum to come or held, so no event is told; where it was held is the commentary's aside.
        city = venue = None
        reasons.append("no place: a story with no cue of a forum to come or held tells no event")
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


def _date_reason(choice: DateChoice, published_day: date | None) -> str:
    published_note = f"published {published_day.isoformat()}" if published_day else "no publication date"
    which = "end" if choice.closing else "start"
    return (
        f"{which} {choice.resolved.start.isoformat()} from {choice.phrase.text} ({published_note}; "
        f"{choice.resolved.note})"
    )


def _where_held(
    main: MainForum, read: list[ReadSentence], kind: Kind
) -> tuple[Place | None, Place | None, list[str]]:
    """(city, venue, reasons): from a notice's venue line, else the sentences about the forum, else a host or
    venue line of this edition, else the city whose government organises it, else the other city of a two-city
    forum."""
    about = [r.sentence for r in read if r.role == "evidence"]
    holding = [r.sentence for r in read if r.role == "holding"]
    reasons = []
    # The venue the forum's own sentences name (held yesterday at the Macao Science Center) says where it is
    # before a sentence that names no forum, whose verb may be another event's (will hold a roadshow in Taipei).
    venue = find_venue(about)
    venue_city = city_of_venue(venue) if venue else None
    venue = venue or find_venue(holding)
    # A notice's or fact box's venue line (地點：嘉義縣政府大禮堂) says where before the prose does.
    city = (
        notice_venue_city([r.sentence for r in read if r.role in THIS_EDITION])
        or find_city(
            about + holding, report=kind == "report", weaker_from=len(about), before_the_weaker=venue_city
        )
        or (city_of_venue(venue) if venue else None)
    )
    if (
        city
        or (city := host_line_city(r.sentence for r in read if r.role == "none"))
        or (city := organiser_city(r.sentence for r in read if r.role in THIS_EDITION))
    ):
        reasons.append(f"city {city.value} from {city.phrase}")
    elif city := host_of_two(
        [m.name for m in main.mentions if m.name],
        main.keys,
        [r.sentence for r in read if r.role in THIS_EDITION],
    ):
        reasons.append(f"city {city.value}: the other city of the forum's two, as {city.phrase} visits")
    if city is None and (city := _weaker_hint(main, read, venue)):
        reasons.append(f"city {city.value} from {city.phrase}")
    if venue:
        reasons.append(f"venue {venue.value} from {venue.phrase}")
    return city, venue, reasons


def _weaker_hint(main: MainForum, read: list[ReadSentence], venue: Place | None) -> Place | None:
    """The city in brackets in the forum's name, the city of a district named, the headline's one city,
    else the city whose short name the forum's name pairs with 台 (see ``host_hints``)."""
    about = [r.sentence for r in read if r.role in ("evidence", "holding")]
    title = next((r.sentence for r in read if r.sentence.in_title), None)
    return (
        city_in_name(m.name for m in main.mentions if m.name)
        or district_city(venue, about)
        or headline_city(title)
        or short_name_city(m.name for m in main.mentions if m.name)
    )


def _cue_reasons(main: MainForum, evidence: list[ReadSentence]) -> list[str]:
    reasons = []
    for kind in ("future", "report"):
        cues = [(r.future_cue if kind == "future" else r.report_cue, r.sentence) for r in evidence]
        found = [(cue, sentence) for cue, sentence in cues if cue][:_CUES_IN_REASONS]
        reasons += [f"{kind} cue {cue} near {main.name} ({_where(sentence)})" for cue, sentence in found]
    return reasons


def _where(sentence: Sentence) -> str:
    return "title" if sentence.in_title else f"sentence {sentence.position}"


def _left_out_reasons(read: list[ReadSentence]) -> list[str]:
    reasons = []
    about_role = {
        "other edition": "other editions",
        "background": "the series' past or habits",
        "another topic": "another question of the transcript",
        "another forum": "another forum",
    }
    for role, about in about_role.items():
        count = sum(1 for r in read if r.role == role)
        if count:
            reasons.append(f"left out {count} sentence{'s' if count > 1 else ''} about {about}")
    return reasons
