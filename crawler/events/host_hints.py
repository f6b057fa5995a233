"""Where a forum is held when no sentence says it is held somewhere: the city in brackets in its name
(海峡两岸（昆山）产业合作论坛), a district its venue or story names (灣仔會議展覽中心, "in Wan Chai", 在馬尾舉辦), the
one city its headline names, a city's short name paired with 台 in its name (渝台青年论坛). Each is a weaker sign than a holding verb's place, and is asked for only
after those are."""

from __future__ import annotations

import re
from collections.abc import Iterable

from crawler.events import gazetteer, lexicon
from crawler.events.bilingual import one_of
from crawler.events.places import Place
from crawler.events.text import Sentence, fold

_CITY_FORMS_ZH = {form: city.name for city in gazetteer.GAZETTEER for form in city.forms_zh}
_CITY_FORMS_EN = {form.lower(): city.name for city in gazetteer.GAZETTEER for form in city.forms_en}
_CITY_ZH = one_of(_CITY_FORMS_ZH)
_CITY_EN = one_of(_CITY_FORMS_EN)
# 两岸产业融合发展（南京）论坛: a series held in many cities names this edition's in brackets.
_BRACKETED_CITY = re.compile(rf"[(（]\s*(?P<city>{_CITY_ZH})市?\s*[)）]")
_DISTRICT_ZH = one_of(gazetteer.DISTRICTS_ZH)
_DISTRICT_EN = one_of(gazetteer.DISTRICTS_EN)
# Not a street named after one (在莒光路…舉行, 南竿街…): a street's name ends with 路, 街, 巷 or 道.
_NOT_A_STREET = r"(?![路街巷道])"
_LEADING_DISTRICT_ZH = re.compile(rf"^(?:{_DISTRICT_ZH}){_NOT_A_STREET}")
# "ended its two-day run in Wan Chai", "held at a hotel in Qianhai": a district after in/at.
_IN_DISTRICT_EN = re.compile(rf"\b(?:in|at)\s+(?:the\s+)?(?P<district>{_DISTRICT_EN})\b", re.IGNORECASE)
# "officials from … in Hengqin pledged … at a city forum held on Thursday at The Venetian Macao in Cotai": the
# district the holding verb puts the forum in comes before one that says where those attending are from.
_HELD_IN_DISTRICT_EN = re.compile(
    rf"(?:{lexicon.HOLDING_VERBS_EN})(?:[\s,]+[\w.'’-]+){{0,8}}?\s+(?:in|at)\s+(?:the\s+)?"
    rf"(?P<district>{_DISTRICT_EN})\b",
    re.IGNORECASE,
)
# 在馬尾舉辦, 昨日在橫琴開幕: a district before the holding verb, as a city stands there; 在連江縣南竿舉行: after
# the county or city it belongs to, where that is no city of the gazetteer (連江 is Matsu's county and a Fuzhou one).
_IN_DISTRICT_ZH = re.compile(
    rf"(?:在|于)\s*(?:[\u3400-\u9fff]{{1,3}}?[县市]\s*)?(?P<district>{_DISTRICT_ZH}){_NOT_A_STREET}"
    rf"[^，。,；;：:]{{0,10}}?(?:{lexicon.HOLDING_VERBS_ZH})"
)
# 渝台青年論壇, 第八屆津台投資合作論壇: a Mainland city's short name paired with 台 opens the name of the
# series that city holds for Taiwan (its cross-strait exchange of the year).
_SHORT_NAMES = "|".join(sorted(gazetteer.CITY_ABBREVIATIONS_ZH, key=len, reverse=True))
_SHORT_NAME_WITH_TAIWAN = re.compile(
    rf"^(?:\d{{4}}\s*年?)?(?:第[\d一二三四五六七八九十]+届)?(?P<short>{_SHORT_NAMES})台"
)
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
        if found := _IN_DISTRICT_ZH.search(sentence.folded):
            city = gazetteer.DISTRICTS_ZH[found.group("district")]
            return Place(city, sentence.original[found.start() : found.end()])
        if found := _HELD_IN_DISTRICT_EN.search(sentence.folded) or _IN_DISTRICT_EN.search(sentence.folded):
            city = gazetteer.DISTRICTS_EN[found.group("district").lower()]
            return Place(city, sentence.original[found.start() : found.end()])
    return None


def short_name_city(names: Iterable[str]) -> Place | None:
    """The city whose short name pairs with 台 at the head of one of the forum's names (渝台 -> 重庆)."""
    for name in names:
        if found := _SHORT_NAME_WITH_TAIWAN.match(fold(name)):
            return Place(gazetteer.CITY_ABBREVIATIONS_ZH[found.group("short")], name)
    return None


# A place listed with others ("Urban Governance in Taiwan, Hong Kong and Mainland China", 台灣、香港與大陸的
# 城市治理) is a topic the headline names, not where its forum is: a list's separator stands before or after it.
# A comma after it makes a list only where the list goes on ("Hong Kong, Taiwan and Macau"), not an
# apposition ("opens in Xiamen, China").
_LISTED_BEFORE = re.compile(r"(?:[,、]|\band|\bor|和|与|及|以及|或)\s*$", re.IGNORECASE)
_LISTED_AFTER = re.compile(
    r"\s*(?:,\s*(?-i:[A-Z])[\w'’.-]*(?:\s+(?-i:[A-Z])[\w'’.-]*)*\s*(?:,|\band\b|\bor\b)|、|\band\b|\bor\b|和|与|及|或)",
    re.IGNORECASE,
)


def headline_city(title: Sentence | None) -> Place | None:
    """The one city a headline names (Hong Kong pushes back … forum; 新北國際城市論壇圓滿落幕): a
    headline names where its forum is, and with two cities it may name a pair or a visit. A city listed with
    other places names a topic, not the venue."""
    if title is None:
        return None
    found = list(_ANY_CITY.finditer(title.folded))
    cities = {_canonical(m.group()) for m in found}
    if len(cities) != 1:
        return None
    folded = title.folded
    unlisted = [
        m
        for m in found
        if not _LISTED_BEFORE.search(folded, max(0, m.start() - 6), m.start())
        and not _LISTED_AFTER.match(folded, m.end())
    ]
    if not unlisted:
        return None
    first = unlisted[0]
    return Place(title.original[first.start() : first.end()], title.original)


def _canonical(form: str) -> str | None:
    return _CITY_FORMS_ZH.get(form) or _CITY_FORMS_EN.get(form.lower())
