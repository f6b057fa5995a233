"""The candidates the rules weigh, with what they weigh them by: every date the sentences about the forum
give it and every city the story names, each with a feature dict (tied to the holding verb, in the
headline, in the lead, a future cue, a closing verb, distance to the forum's name, before or after
publication, the rules' own pick…), and the features the kind is told by.

The rules pick one candidate of each by a fixed order of preferences (``date_choice``, ``places``); this
exposes them all, reusing the rules' own steps, so that a learned ranker can be measured against that
order (``bench/event_model.py``). The reader does not use it: nothing here decides.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

from crawler.events import gazetteer
from crawler.events.date_choice import DateChoice, date_choices, joined_range
from crawler.events.forum_days import forum_span
from crawler.events.host_hints import city_in_name, district_city, headline_city, short_name_city
from crawler.events.model import EventReading
from crawler.events.places import (
    Place,
    cities_named,
    city_of_venue,
    dateline_city,
    find_city,
    find_venue,
    host_line_city,
    host_of_two,
)
from crawler.events.prepared import Prepared, prepare
from crawler.events.reader import read_prepared
from crawler.events.sentence_roles import THIS_EDITION, ReadSentence
from crawler.events.text import fold

Features = dict[str, float]
_CANONICAL = {
    fold(form).lower(): city.name for city in gazetteer.GAZETTEER for form in (*city.forms_zh, *city.forms_en)
}
_FAR_DAYS = 90  # further from publication than a season: a date of another edition or of the past
KINDS = ("announcement", "report", "other")
# What the rules' reason for the kind says, by the words it is written in (``kind.classify``).
_WHY = {
    "passing": ("in passing",),
    "no_event": ("no event to report",),
    "calendar": ("after publication", "before publication", "publication day", "closes after"),
    "cues": ("cues outweigh", "report cues"),
    "no_cue": ("no cue of a forum",),
}


@dataclass(frozen=True)
class DateCandidate:
    start: date | None  # None: the candidate "no date"
    end: date | None
    choice: DateChoice | None
    features: Features


@dataclass(frozen=True)
class CityCandidate:
    city: str | None  # as first written; None: the candidate "no city"
    key: str | None  # its gazetteer name, what candidates are told apart by
    features: Features


@dataclass(frozen=True)
class Candidates:
    rules: EventReading  # the rules' reading, whole
    dates: list[DateCandidate]  # "no date" first
    cities: list[CityCandidate]  # "no city" first
    kind_features: Features
    published: date | None


def event_candidates(
    title: str, text: str, published: datetime | None, language: str | None = None
) -> Candidates | None:
    """The candidates of a story, or None when it names no forum (the rules say "other" then)."""
    prepared = prepare(title, text, published, language)
    return None if prepared is None else candidates_of(prepared, read_prepared(prepared))


def candidates_of(prepared: Prepared, rules: EventReading) -> Candidates:
    return Candidates(
        rules,
        _date_candidates(prepared, rules),
        _city_candidates(prepared, rules),
        _kind_features(prepared, rules),
        prepared.published_day,
    )


def city_key(value: str | None) -> str | None:
    """A city as its gazetteer name (臺北, 台北市, Taipei -> 台北; 胡志明市 whole); other names folded as they are. How
    ``bench/events.py`` compares a reading's city with the gold one."""
    if not value:
        return None
    folded = fold(value).strip()
    if (name := _CANONICAL.get(folded.lower())) is not None:
        return name  # a name whose 市 is its own (胡志明市, not the man)
    folded = folded.removesuffix("市") if len(folded) > 2 else folded
    return _CANONICAL.get(folded.lower(), folded)


def _null_features(rules: EventReading) -> Features:
    """The "nothing" candidate: its own bias, and whether the rules found nothing or read "other"."""
    event = rules.event
    return {
        "null": 1.0,
        "null_rules_none": float(event is None or event.start is None),
        "null_rules_other": float(rules.kind == "other"),
    }


def _date_candidates(prepared: Prepared, rules: EventReading) -> list[DateCandidate]:
    rules_start = rules.event.start if rules.event else None
    spans = []
    for choice in date_choices(prepared.read, prepared.resolver):
        joined = joined_range(choice, prepared.resolver) if choice.resolved.end is None else choice
        start, end, _ = forum_span(joined, prepared.read, prepared.resolver)
        if start is not None:
            spans.append((joined, start, end))
    support: dict[date, int] = {}
    for _, start, _ in spans:
        support[start] = support.get(start, 0) + 1
    found = [DateCandidate(None, None, None, _null_features(rules))]
    for order, (choice, start, end) in enumerate(spans):
        features = _date_features(prepared, choice, start, end)
        features |= {
            "rules_pick": float(start == rules_start),
            "first_in_order": float(order == 0),
            "support": math.log1p(support[start] - 1),
            "earliest": float(start == min(support)),
        }
        found.append(DateCandidate(start, end, choice, features))
    return found


def _date_features(prepared: Prepared, choice: DateChoice, start: date, end: date | None) -> Features:
    item, phrase = choice.read, choice.phrase
    sentence = item.sentence
    published = prepared.published_day
    days = (start - published).days if published else 0
    main = prepared.main
    distances = [abs(m.start - phrase.start) for m in item.mentions if main.is_referred_to(m)]
    return {
        **{f"attachment_{n}": float(choice.attachment == n) for n in range(4)},
        **{f"priority_{n}": float(choice.priority == n) for n in range(4)},
        "closing": float(choice.closing),
        "in_title": float(sentence.in_title),
        "in_lead": float(sentence.position == 1),
        "position": math.log1p(sentence.position),
        "future_cue": float(item.future_cue is not None),
        "report_cue": float(item.report_cue is not None),
        "holding_only": float(item.role == "holding"),
        "under_heading": float(sentence.under_heading),
        "after_publication": float(days > 0),
        "on_publication": float(published is not None and days == 0),
        "before_publication": float(days < 0),
        "log_days": math.log1p(abs(days)),
        "far": float(abs(days) > _FAR_DAYS),
        "has_end": float(end is not None),
        "year_written": float(phrase.year is not None),
        "month_written": float(phrase.month is not None),
        "relative_day": float(
            phrase.days_from_publication is not None or phrase.days_after_previous is not None
        ),
        "weekday": float(phrase.weekday is not None),
        "forum_in_sentence": float(bool(distances)),
        "forum_distance": math.log1p(min(distances)) if distances else 0.0,
        "other_year": float(main.year is not None and start.year != main.year),
    }


def _city_sources(prepared: Prepared, rules: EventReading) -> list[tuple[str, Place | None]]:
    """(source, place) for each way the rules read a city: every sentence's held-in place, the venue, a
    host line, the other of two cities, the weaker hints, the dateline, and the rules' pick."""
    read, main = prepared.read, prepared.main
    about = [r for r in read if r.role == "evidence"] + [r for r in read if r.role == "holding"]
    report = rules.kind == "report"
    held = [("held", find_city([r.sentence], report=report)) for r in about]
    venue = find_venue(r.sentence for r in about)
    names = [m.name for m in main.mentions if m.name]
    title = next((r.sentence for r in read if r.sentence.in_title), None)
    this_edition = [r.sentence for r in read if r.role in THIS_EDITION]
    return [
        *held,
        ("held_first", next((place for _, place in held if place), None)),
        ("venue", city_of_venue(venue) if venue else None),
        ("host_line", host_line_city(r.sentence for r in read if r.role == "none")),
        ("other_of_two", host_of_two(names, main.keys, this_edition)),
        ("bracketed", city_in_name(names)),
        ("district", district_city(venue, [r.sentence for r in about])),
        ("headline", headline_city(title)),
        ("short_name", short_name_city(names)),
        ("dateline", dateline_city(prepared.sentences)),
        ("rules_pick", Place(rules.event.city, "") if rules.event and rules.event.city else None),
    ]


def _city_candidates(prepared: Prepared, rules: EventReading) -> list[CityCandidate]:
    written: dict[str, str] = {}
    features: dict[str, Features] = {}

    def add(place: Place, name: str, value: float = 1.0) -> None:
        key = city_key(place.value)
        if key is None:
            return
        written.setdefault(key, place.value)
        found = features.setdefault(key, {})
        found[name] = found.get(name, 0.0) + value

    for source, place in _city_sources(prepared, rules):
        if place is not None:
            add(place, source)
    first_seen: dict[str, int] = {}
    for item in prepared.read:
        for place in cities_named(item.sentence):
            add(place, "mentions")
            _add_mention_features(item, place, add)
            first_seen.setdefault(city_key(place.value) or "", item.sentence.position)
    found = [CityCandidate(None, None, _null_features(rules))]
    for key, named in features.items():
        named["mentions"] = math.log1p(named.get("mentions", 0.0))
        named["held"] = math.log1p(named.get("held", 0.0))
        # A city named only by the rules' sources (a short name, a district) is not named early.
        named["first_position"] = math.log1p(first_seen.get(key, len(prepared.read)))
        found.append(CityCandidate(written[key], key, named))
    return found


def _add_mention_features(item: ReadSentence, place: Place, add: Callable[[Place, str], None]) -> None:
    """Where a city is named: the headline, the lead, a sentence about the forum, the forum's own name,
    another edition or the series' past."""
    sentence = item.sentence
    if sentence.in_title:
        add(place, "in_title")
    if sentence.position == 1:
        add(place, "in_lead")
    if item.role in ("other edition", "background", "another topic"):
        add(place, "in_other_edition")
    else:
        add(place, {"evidence": "in_evidence", "holding": "in_holding"}.get(item.role, "in_other_role"))
    key = city_key(place.value)
    if any(m.name and (key == city_key(m.name) or place.value in m.name) for m in item.mentions):
        add(place, "in_forum_name")


def _kind_features(prepared: Prepared, rules: EventReading) -> Features:
    read, main = prepared.read, prepared.main
    evidence = [r for r in read if r.role == "evidence"]
    why = rules.reasons[-1] if rules.reasons else ""
    start = rules.event.start if rules.event else None
    days = (start - prepared.published_day).days if start and prepared.published_day else None
    title = next((r for r in read if r.sentence.in_title), None)
    return {
        "bias": 1.0,  # a kind's prior: the kind model is no ranker, its scores do not cancel it
        **{f"rules_{kind}": float(rules.kind == kind) for kind in KINDS},
        **{f"why_{name}": float(any(words in why for words in said)) for name, said in _WHY.items()},
        "date_after": float(days is not None and days > 0),
        "date_same": float(days == 0),
        "date_before": float(days is not None and days < 0),
        "no_date": float(days is None),
        "future_cues": math.log1p(sum(1 for r in evidence if r.future_cue)),
        "report_cues": math.log1p(sum(1 for r in evidence if r.report_cue)),
        "title_future": float(bool(title and title.future_cue)),
        "title_report": float(bool(title and title.report_cue)),
        "forum_in_title": float(any(m.sentence.in_title for m in main.mentions)),
        "forum_in_lead": float(any(r.sentence.position == 1 for r in evidence)),
        "evidence": math.log1p(len(evidence)),
        "year_or_edition": float(main.year is not None or main.edition is not None),
        "deictic": float(any(m.deictic for r in evidence for m in r.mentions)),
        "asks": float(bool(title and ("?" in title.sentence.folded or "？" in title.sentence.folded))),
    }
