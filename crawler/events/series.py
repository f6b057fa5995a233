"""Which names are one series: a key that ends a longer one (城市论坛, 上海台北城市论坛), an abbreviation
(高厦城市论坛), a known alias, a headline's description of a forum the body names in full."""

from __future__ import annotations

import re

from crawler.events import gazetteer, lexicon
from crawler.events.mention import Mention
from crawler.events.names_zh import walk_qualifiers

_MIN_ABBREVIATION = 4  # 高厦论坛; shorter ones (沪论坛) would join too much
_SAME_OPENING_EN = 8  # letters an English short name shares with the full one's opening: "shenzhen"
_ALIAS_GROUPS = {aliases[0]: aliases for aliases in lexicon.SERIES_ALIASES}


def group_series(keys: set[str]) -> dict[str, str]:
    """Each key to its series: a key that ends a longer one (城市论坛, 上海台北城市论坛) joins it, and so does
    one that ends any of a known series' names ("city forum" beside the Shanghai-Taipei City Forum)."""
    series: dict[str, str] = {}
    # Known series first: their aliases may be longer than an unknown key that ends one.
    for key in sorted(keys, key=lambda key: (key in _ALIAS_GROUPS, len(key)), reverse=True):
        series[key] = next(
            (
                longer
                for longer in series.values()
                if any(name.endswith(key) or _abbreviates(key, name) for name in _names_of(longer))
            ),
            key,
        )
    return series


_LOWER_WORD_EN = re.compile(r"(?<![\w'’-])[a-z][a-z'’]*(?![\w'’-])")
# "GBA mayors' forum" for the Greater Bay Area Mayors’ Forum: a possessive's mark is no part of the word.
_POSSESSIVE_EN = re.compile(r"['’]s?$")


def join_described_in_title(series: dict[str, str], named: list[Mention]) -> dict[str, str]:
    """An English headline may describe the forum in lower case ("Hangzhou youth forum", "Beijing-hosted
    media forum") and the body give its full name (the Cross-Strait Media Leaders' Forum): a name in the
    body with the description's noun and every one of its lower-case words is the same forum."""
    joined = dict(series)
    for described in named:
        if not (described.sentence.in_title and described.name and described.key):
            continue
        written = _LOWER_WORD_EN.findall(described.name.removesuffix(described.noun).removesuffix("s"))
        words = [_POSSESSIVE_EN.sub("", word) for word in written]
        if not words or not described.name.isascii():
            continue
        for full in named:
            if full.sentence.in_title or not full.name or not full.key or full.noun != described.noun:
                continue
            full_words = set(re.findall(r"[a-z]+", full.name.lower()))
            if full.name[0].isupper() and all(word in full_words for word in words):
                target, joining = joined[described.key], joined[full.key]
                joined = {key: target if value == joining else value for key, value in joined.items()}
    return joined


_CITY_FORMS = sorted(
    {form for city in gazetteer.GAZETTEER for form in (*city.forms_zh, *city.forms_en)}, key=len, reverse=True
)
_CITIES = "|".join(map(re.escape, _CITY_FORMS))
# "Shenzhen forum", 深圳论坛: a headline that names a forum by its city alone (a pair of cities too).
_PLACE_ONLY = re.compile(rf"\s*(?P<place>{_CITIES})(?:\s*[-–]\s*(?:{_CITIES}))?\s*", re.IGNORECASE)


def join_placed_in_title(series: dict[str, str], named: list[Mention]) -> dict[str, str]:
    """A headline may name the forum by the city it is held in ("… as Shenzhen forum closes", 厦门峰会落幕)
    and the body give its name (the Greater Bay Area Mayors' Forum closed in Shenzhen): the first name in the
    body with the same noun, in a sentence that names that city, is the same forum."""
    joined = dict(series)
    for described in named:
        if not (described.sentence.in_title and described.name and described.key):
            continue
        folded = described.sentence.folded[described.start : described.end]
        if not folded.lower().endswith(described.noun):
            continue
        place = _PLACE_ONLY.fullmatch(folded[: len(folded) - len(described.noun)])
        if place is None:
            continue
        city = place.group("place").lower()
        full = next(
            (
                m
                for m in named
                if not m.sentence.in_title
                and m.key
                and m.noun == described.noun
                and joined[m.key] != joined[described.key]
            ),
            None,
        )
        if full is None or full.key is None or city not in full.sentence.folded.lower():
            continue
        target, joining = joined[described.key], joined[full.key]
        joined = {key: target if value == joining else value for key, value in joined.items()}
    return joined


def _abbreviates(short: str, name: str) -> bool:
    """A Chinese short name takes characters of the full one in order, from its first to its noun (高厦城市
    论坛 for 高雄厦门城市交流论坛), or is made of listed words only (城市论坛, 交流论坛)."""
    if short.isascii() and name.isascii():
        # "the Shenzhen-Taiwan innovation forum" for the Shenzhen-Taiwan Innovation and Entrepreneurship
        # Forum: the same opening words, the same noun, its letters in order
        opening = min(len(short), _SAME_OPENING_EN)
        if len(short) < 2 * _SAME_OPENING_EN or short[:opening] != name[:opening]:
            return False
        remaining_letters = iter(name)
        return all(letter in remaining_letters for letter in short) and _same_noun(short, name)
    if not (_MIN_ABBREVIATION <= len(short) < len(name)) or not short.isalpha() or short.isascii():
        return False
    if short[-2:] != name[-2:]:
        return False
    if short[0] != name[0] and walk_qualifiers(short, len(short) - 2) > 0:
        return False  # 城市论坛 (listed words only) in a story of the 高雄厦门城市交流论坛 is that forum
    remaining = iter(name)
    return all(character in remaining for character in short)


def _same_noun(short: str, name: str) -> bool:
    nouns = [noun.lower() for noun in lexicon.FORUM_NOUNS_EN]
    return any(short.endswith(noun) and name.endswith(noun) for noun in nouns)


def _names_of(key: str) -> tuple[str, ...]:
    """The key and, for a known series, every alias it is written under."""
    return (key, *_ALIAS_GROUPS.get(key, ()))
