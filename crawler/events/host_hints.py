"""Where a forum is held when no sentence says it is held somewhere: the city in brackets in its name
(海峡两岸（昆山）产业合作论坛), a district its venue or story names (灣仔會議展覽中心, "in Wan Chai"), the
one city its headline names. Each is a weaker sign than a holding verb's place, and is asked for only
after those are."""

from __future__ import annotations

import re
from collections.abc import Iterable

from crawler.events import gazetteer
from crawler.events.places import Place
from crawler.events.text import Sentence, fold

_CITY_FORMS_ZH = {form: city.name for city in gazetteer.GAZETTEER for form in city.forms_zh}
_CITY_FORMS_EN = {form.lower(): city.name for city in gazetteer.GAZETTEER for form in city.forms_en}
_CITY_ZH = "|".join(sorted(map(re.escape, _CITY_FORMS_ZH), key=len, reverse=True))
_CITY_EN = "|".join(sorted(map(re.escape, _CITY_FORMS_EN), key=len, reverse=True))
# 两岸产业融合发展（南京）论坛: a series held in many cities names this edition's in brackets.
_BRACKETED_CITY = re.compile(rf"[(（]\s*(?P<city>{_CITY_ZH})市?\s*[)）]")
_DISTRICT_ZH = "|".join(sorted(map(re.escape, gazetteer.DISTRICTS_ZH), key=len, reverse=True))
_DISTRICT_EN = "|".join(sorted(map(re.escape, gazetteer.DISTRICTS_EN), key=len, reverse=True))
_LEADING_DISTRICT_ZH = re.compile(rf"^(?:{_DISTRICT_ZH})")
# "ended its two-day run in Wan Chai", "held at a hotel in Qianhai": a district after in/at.
_IN_DISTRICT_EN = re.compile(rf"\b(?:in|at)\s+(?:the\s+)?(?P<district>{_DISTRICT_EN})\b", re.IGNORECASE)
_ANY_CITY = re.compile(rf"(?<![A-Za-z])(?:{_CITY_ZH}|{_CITY_EN})(?![a-z])", re.IGNORECASE)


def city_in_name(names: Iterable[str]) -> Place | None:
    """The city in brackets in one of the forum's names as written."""
    for name in names:
        if found := _BRACKETED_CITY.search(fold(name)):
            return Place(name[found.start("city") : found.end("city")], name)
    return None


def district_city(venue: Place | None, sentences: Iterable[Sentence]) -> Place | None:
    """The city of a district the venue's name opens with, or that an English sentence holds the forum in."""
    if venue is not None and (found := _LEADING_DISTRICT_ZH.match(fold(venue.value))):
        return Place(gazetteer.DISTRICTS_ZH[found.group()], venue.value)
    for sentence in sentences:
        if found := _IN_DISTRICT_EN.search(sentence.folded):
            city = gazetteer.DISTRICTS_EN[found.group("district").lower()]
            return Place(city, sentence.original[found.start() : found.end()])
    return None


def headline_city(title: Sentence | None) -> Place | None:
    """The one city a headline names (Hong Kong pushes back … forum; 新北國際城市論壇圓滿落幕): a
    headline names where its forum is, and with two cities it may name a pair or a visit."""
    if title is None:
        return None
    found = list(_ANY_CITY.finditer(title.folded))
    cities = {_canonical(m.group()) for m in found}
    if len(cities) != 1:
        return None
    first = found[0]
    return Place(title.original[first.start() : first.end()], title.original)


def _canonical(form: str) -> str | None:
    return _CITY_FORMS_ZH.get(form) or _CITY_FORMS_EN.get(form.lower())
