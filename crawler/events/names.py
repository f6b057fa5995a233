"""Forum names in running text, their year or edition, and the article's main forum.

A mention is a named forum (2021上海-台北城市论坛, the 2019 Twin-City Forum) or a bare forum noun that
refers back to one (本届论坛, the forum). Names are found on folded text and returned as written.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from crawler.events import lexicon
from crawler.events.text import Sentence

_EARLIEST_YEAR, _LATEST_YEAR = 1949, 2100
_ROC_EPOCH = 1911  # 民國108年 is 1911 + 108 = 2019

_ZH_NOUN = re.compile("|".join(lexicon.FORUM_NOUNS_ZH))
_ZH_OPENING_QUOTES = '“「『《〈"'
_ZH_CLOSING_QUOTES = '”」』》〉"'
_ZH_CLAUSE_END = set("，。,；;！？!?：:") | set(_ZH_CLOSING_QUOTES) - {'"'}
_QUOTE_REACH = 30  # characters: a quoted name longer than this is a quoted sentence
_MAX_QUALIFIER = max(len(q) for q in lexicon.NAME_QUALIFIERS_ZH)
_CHINESE_NUMERAL = "一二三四五六七八九十百零〇两"
# What stands right before a name: 2021 / 2019年 / 民国108年 / 108年 / 第十届 / 第10屆, in that order.
_ZH_PREFIX = re.compile(
    rf"(?:(?:民国\s*(?P<roc>\d{{1,3}})\s*年?|(?<!\d)(?P<year>\d{{4}})(?!\d)\s*年?|(?<!\d)(?P<roc_bare>\d{{3}})\s*年)\s*度?\s*)?"
    rf"(?:第\s*(?P<edition>[\d{_CHINESE_NUMERAL}]+)\s*[届次])?\s*$"
)
# Inside quotes the prefix is at the start (matched from the quote on): “2011上海臺北城市論壇”.
_ZH_PREFIX_IN_QUOTES = re.compile(
    rf"\s*(?:(?:民国\s*(?P<roc>\d{{1,3}})\s*年?|(?P<year>\d{{4}})(?!\d)\s*年?|(?P<roc_bare>\d{{3}})\s*年)\s*度?\s*)?"
    rf"(?:第\s*(?P<edition>[\d{_CHINESE_NUMERAL}]+)\s*[届次])?\s*"
)
_ZH_YEAR_OF_BARE = re.compile(r"(?<!\d)(?P<year>\d{4})\s*年\s*的?\s*$")

_EN_NOUN = re.compile(r"\b(?P<noun>" + "|".join(lexicon.FORUM_NOUNS_EN) + r")s?\b")
_EN_BARE = re.compile(
    r"\b(?P<determiner>this\s+year['’]s|(?:next|last)\s+year['’]s|the\s+(?:previous|next|last)|the|this|that)"
    r"\s+(?P<noun>forum|dialogue|dialog|summit)\b",
    re.IGNORECASE,
)
# Newsrooms also write a series' name in lower case: "the twin-city forum", "an annual city forum", "the
# Shanghai-Taipei forum". A lower-case noun is a name when a descriptor of this beat stands before it, or
# when the words before it make a known series' name.
_EN_LOWER_NOUN = re.compile(r"\b(?P<noun>forum|dialogue|dialog|summit)s?\b")
_EN_ANY_TOKEN_BEFORE = re.compile(r"(?<![\w'’&-])(?P<token>[\w'’]+(?:-[\w'’]+)*)\s+$")
_EN_LOWER_NAME_WORDS = 3
_EN_OTHER_EDITION = re.compile(rf"(?:{lexicon.OTHER_EDITION_DETERMINERS_EN})\s+$", re.IGNORECASE)
_EN_TOKEN_BEFORE = re.compile(r"(?<![\w'’&-])(?P<token>[A-Z][\w'’]*(?:-[\w'’]+)*|[A-Z]{2,}|&)\s+$")
_MAX_EN_NAME_WORDS = 6
_EN_PREFIX = re.compile(
    r"(?:(?<!\d)(?P<year>(?:19|20)\d{2})|(?<!\d)(?P<ordinal>\d{1,3})(?:st|nd|rd|th)"
    r"|\b(?P<word>" + "|".join(lexicon.ORDINAL_WORDS_EN) + r")|\b(?P<this>this\s+year['’]s))\s+$",
    re.IGNORECASE,
)
# A headline names what the story is about: its forum outweighs one mentioned up to twice more in the
# body (a report on the 海峡论坛 that mentions the 双城论坛 in two asides).
_TITLE_MENTION_WEIGHT = 3
_NOT_KEY = re.compile(r"[\W_]+")
_ALIASES = {alias: aliases[0] for aliases in lexicon.SERIES_ALIASES for alias in aliases}
_ALIAS_GROUPS = {aliases[0]: aliases for aliases in lexicon.SERIES_ALIASES}


@dataclass(frozen=True)
class Mention:
    sentence: Sentence
    start: int  # offsets of the name (or the bare noun) in the sentence; the year prefix is before start
    end: int
    name: str | None  # as written; None for a bare noun that refers back (本届论坛, the forum)
    noun: str  # the forum noun, folded: 论坛, forum
    key: str | None  # the series key of a named mention
    year: int | None
    edition: int | None
    prefix: str  # the year or edition phrase as written: "2021", "第十届", "the 2019"
    deictic: bool  # 本届论坛, this year's forum: the edition the article is about
    other_edition: bool = False  # 下届论坛, last year's forum: another edition than the article's

    @property
    def order(self) -> tuple[int, int]:
        return (self.sentence.position, self.start)


@dataclass(frozen=True)
class MainForum:
    """The forum the article is about: the series named in the title, else the most mentioned."""

    name: str
    noun: str
    keys: frozenset[str]  # series keys of every name that refers to it
    year: int | None
    edition: int | None
    mentions: tuple[Mention, ...]  # the named mentions of its series (any edition), in reading order
    reasons: tuple[str, ...]

    def is_named(self, mention: Mention) -> bool:
        return mention.key is not None and mention.key in self.keys

    def is_referred_to(self, mention: Mention) -> bool:
        """A named mention of its series, or a bare noun that can only mean it (本届论坛, the forum)."""
        if mention.name is not None:
            return self.is_named(mention)
        if mention.noun != self.noun:
            return False
        return mention.deictic or mention.noun in lexicon.BARE_REFERENCE_NOUNS_ZH or mention.noun.isascii()

    def is_other_edition(self, mention: Mention) -> bool:
        """A mention of the same series with another year or edition: 2018 Twin-City Forum in a 2019 story."""
        if not self.is_referred_to(mention):
            return False
        if mention.other_edition:
            return True
        other_year = mention.year is not None and self.year is not None and mention.year != self.year
        other_edition = (
            mention.edition is not None and self.edition is not None and mention.edition != self.edition
        )
        return other_year or other_edition

    def is_this_edition(self, mention: Mention) -> bool:
        """A mention that names this edition explicitly: its year or edition equals the main forum's."""
        if not self.is_referred_to(mention):
            return False
        return (mention.year is not None and mention.year == self.year) or (
            mention.edition is not None and mention.edition == self.edition
        )


def find_mentions(sentence: Sentence, chinese: bool = True, english: bool = True) -> list[Mention]:
    """Every forum mention in a sentence, in order."""
    mentions = []
    if chinese:
        mentions += _chinese_mentions(sentence)
    if english:
        mentions += _english_mentions(sentence)
    return sorted(mentions, key=lambda mention: mention.start)


def choose_main(mentions: list[Mention]) -> MainForum | None:
    """The series in the title wins (a title mention weighs three), else the most mentioned; ties go
    to the first mentioned. Its name is the title's form, else the first form with a year or edition."""
    named = sorted((m for m in mentions if m.key is not None), key=lambda m: m.order)
    if not named:
        return None
    series = _group_series({m.key for m in named if m.key})
    groups: dict[str, list[Mention]] = {}
    for mention in named:
        assert mention.key is not None
        groups.setdefault(series[mention.key], []).append(mention)

    def weight(group: list[Mention]) -> tuple[int, tuple[int, int]]:
        score = sum(_TITLE_MENTION_WEIGHT if m.sentence.in_title else 1 for m in group)
        first = group[0].order
        return (score, (-first[0], -first[1]))

    group = max(groups.values(), key=weight)
    in_title = [m for m in group if m.sentence.in_title]
    dated = [m for m in group if m.year is not None or m.edition is not None]
    named_by = in_title[0] if in_title else dated[0] if dated else _most_common(group)
    reasons = [
        f"forum {named_by.name} ({len(group)} mention{'s' if len(group) > 1 else ''}"
        f"{', in title' if in_title else ''})"
    ]
    year_from = next((m for m in in_title + dated if m.year is not None), None)
    edition_from = next((m for m in in_title + dated if m.edition is not None), None)
    if year_from is not None:
        reasons.append(f"year {year_from.year} from {year_from.prefix}{year_from.name}")
    if edition_from is not None:
        reasons.append(f"edition {edition_from.edition} from {edition_from.prefix}{edition_from.name}")
    assert named_by.name is not None
    return MainForum(
        name=named_by.name,
        noun=named_by.noun,
        keys=frozenset(m.key for m in group if m.key is not None),
        year=year_from.year if year_from else None,
        edition=edition_from.edition if edition_from else None,
        mentions=tuple(group),
        reasons=tuple(reasons),
    )


def chinese_number(numeral: str) -> int | None:
    """十 -> 10, 十一 -> 11, 二十三 -> 23, 一百零二 -> 102, 10 -> 10; None when it is not a number."""
    if numeral.isdigit():
        return int(numeral)
    digits = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"〇": 0, "两": 2}
    total, current = 0, 0
    for character in numeral:
        if character in digits:
            current = digits[character]
        elif character in "十百":
            unit = 10 if character == "十" else 100
            total += (current or 1) * unit
            current = 0
        else:
            return None
    return total + current or None


# -- Chinese -------------------------------------------------------------------------------------------


def _chinese_mentions(sentence: Sentence) -> list[Mention]:
    folded = sentence.folded
    mentions = []
    for match in _ZH_NOUN.finditer(folded):
        noun_start, noun_end = match.span()
        if folded.startswith(lexicon.NOUN_MODIFIED_BY_ZH, noun_end):
            continue
        if noun_start > 0 and folded[noun_start - 1] in lexicon.SUB_EVENT_MARKERS_ZH:
            continue
        mentions.append(_chinese_mention(sentence, noun_start, noun_end, match.group()))
    return mentions


def _chinese_mention(sentence: Sentence, noun_start: int, noun_end: int, noun: str) -> Mention:
    folded = sentence.folded
    quote_start = _opening_quote(folded, noun_start, noun_end)
    if quote_start is not None:
        prefix = _ZH_PREFIX_IN_QUOTES.match(folded, quote_start, noun_start)
        assert prefix is not None  # every group is optional
        name_start = prefix.end()
        prefix_start = quote_start
    else:
        name_start = _qualifier_start(folded, noun_start)
        prefix = _ZH_PREFIX.search(folded, max(0, name_start - 16), name_start)
        assert prefix is not None
        prefix_start = prefix.start()
    year, edition = _year_and_edition(prefix)
    bare = name_start == noun_start
    if bare and year is None and (year_of_bare := _ZH_YEAR_OF_BARE.search(folded, 0, noun_start)):
        year = _checked_year(int(year_of_bare.group("year")))
        prefix_start = year_of_bare.start()
    deictic = folded.endswith(lexicon.DETERMINERS_ZH, 0, prefix_start)
    other_edition = folded.endswith(lexicon.OTHER_EDITION_DETERMINERS_ZH, 0, prefix_start)
    name = None if bare else sentence.original[name_start:noun_end]
    return Mention(
        sentence=sentence,
        start=name_start,
        end=noun_end,
        name=name,
        noun=noun,
        key=None if bare else _series_key(folded[name_start:noun_end]),
        year=year,
        edition=edition,
        prefix=sentence.original[prefix_start:name_start],
        deictic=deictic,
        other_edition=other_edition,
    )


def _opening_quote(folded: str, noun_start: int, noun_end: int) -> int | None:
    """Where the quoted name starts, when the noun ends a quotation: “双城论坛”."""
    if noun_end >= len(folded) or folded[noun_end] not in _ZH_CLOSING_QUOTES:
        return None
    for index in range(noun_start - 1, max(-1, noun_start - _QUOTE_REACH), -1):
        if folded[index] in _ZH_OPENING_QUOTES:
            return index + 1
        if folded[index] in _ZH_CLAUSE_END:
            return None
    return None


def _qualifier_start(folded: str, noun_start: int) -> int:
    """Walk left over name qualifiers (and separators between them): 上海-台北城市|论坛."""
    position = noun_start
    while True:
        step = _qualifier_ending_at(folded, position)
        if step:
            position -= step
            continue
        if position < noun_start and position > 0 and folded[position - 1] in lexicon.NAME_SEPARATORS:
            step = _qualifier_ending_at(folded, position - 1)
            if step:
                position -= 1 + step
                continue
        return position


def _qualifier_ending_at(folded: str, position: int) -> int:
    for length in range(min(_MAX_QUALIFIER, position), 0, -1):
        if folded[position - length : position] in lexicon.NAME_QUALIFIERS_ZH:
            return length
    return 0


def _year_and_edition(prefix: re.Match[str]) -> tuple[int | None, int | None]:
    year = None
    if prefix.group("year"):
        year = _checked_year(int(prefix.group("year")))
    elif prefix.group("roc") or prefix.group("roc_bare"):
        year = _checked_year(_ROC_EPOCH + int(prefix.group("roc") or prefix.group("roc_bare")))
    edition = chinese_number(prefix.group("edition")) if prefix.group("edition") else None
    return year, edition


def _checked_year(year: int) -> int | None:
    return year if _EARLIEST_YEAR <= year <= _LATEST_YEAR else None


# -- English -------------------------------------------------------------------------------------------


def _english_mentions(sentence: Sentence) -> list[Mention]:
    folded = sentence.folded
    mentions = []
    for match in _EN_NOUN.finditer(folded):
        name_start = _english_name_start(folded, match.start())
        if name_start < match.start():
            mentions.append(_english_mention(sentence, name_start, match.end(), match.group("noun")))
    for match in _EN_LOWER_NOUN.finditer(folded):
        lower_start = _english_lower_name_start(folded, match.start())
        if lower_start is not None:
            mentions.append(_english_mention(sentence, lower_start, match.end(), match.group("noun")))
    for match in _EN_BARE.finditer(folded):
        noun = match.group("noun")
        if noun[0].isupper() and _english_name_start(folded, match.start("noun")) < match.start("noun"):
            continue  # a named mention, found above
        determiner = match.group("determiner").lower()
        mentions.append(
            Mention(
                sentence=sentence,
                start=match.start("noun"),
                end=match.end("noun"),
                name=None,
                noun=noun.lower(),
                key=None,
                year=None,
                edition=None,
                prefix=match.group("determiner"),
                deictic=determiner.startswith("this"),
                other_edition=_EN_OTHER_EDITION.match(match.group("determiner") + " ") is not None,
            )
        )
    return mentions


def _english_name_start(folded: str, noun_start: int) -> int:
    """Walk left over Title-Case words: [Taipei-Shanghai Twin-City] Forum, stopping at 'Attend' or 'the'."""
    position = noun_start
    for _ in range(_MAX_EN_NAME_WORDS):
        token = _EN_TOKEN_BEFORE.search(folded, max(0, position - 40), position)
        if token is None:
            break
        word = token.group("token")
        if word in lexicon.NAME_STOP_WORDS_EN or word.lower() in lexicon.ORDINAL_WORDS_EN:
            break
        position = token.start()
    return position


def _english_lower_name_start(folded: str, noun_start: int) -> int | None:
    """Where a lower-case name begins ("twin-city forum", "Shanghai-Taipei forum"), or None."""
    position, named = noun_start, False
    for _ in range(_EN_LOWER_NAME_WORDS):
        token = _EN_ANY_TOKEN_BEFORE.search(folded, max(0, position - 40), position)
        if token is None:
            break
        word = token.group("token")
        if word.lower() in lexicon.NAME_DESCRIPTORS_EN:
            named = True
        elif (
            not word[0].isupper()
            or word in lexicon.NAME_STOP_WORDS_EN
            or word.lower() in lexicon.ORDINAL_WORDS_EN
        ):
            break
        position = token.start()
    if position == noun_start:
        return None
    if named or _series_key(folded[position:noun_start] + "forum") in _ALIASES.values():
        return position
    return None


def _english_mention(sentence: Sentence, name_start: int, noun_end: int, noun: str) -> Mention:
    folded = sentence.folded
    year = edition = None
    deictic = False
    prefix_start = name_start
    while prefix := _EN_PREFIX.search(folded, max(0, prefix_start - 20), prefix_start):
        if prefix.group("year"):
            year = _checked_year(int(prefix.group("year")))
        elif prefix.group("ordinal"):
            edition = int(prefix.group("ordinal"))
        elif prefix.group("word"):
            edition = lexicon.ORDINAL_WORDS_EN[prefix.group("word").lower()]
        else:
            deictic = True
        prefix_start = prefix.start()
    return Mention(
        sentence=sentence,
        start=name_start,
        end=noun_end,
        name=sentence.original[name_start:noun_end],
        noun=noun.lower(),
        key=_series_key(folded[name_start:noun_end]),
        year=year,
        edition=edition,
        prefix=sentence.original[prefix_start:name_start],
        deictic=deictic,
        other_edition=_EN_OTHER_EDITION.search(folded, max(0, prefix_start - 20), prefix_start) is not None,
    )


# -- series --------------------------------------------------------------------------------------------


def _series_key(folded_name: str) -> str:
    key = _NOT_KEY.sub("", folded_name).lower()
    return _ALIASES.get(key, key)


def _group_series(keys: set[str]) -> dict[str, str]:
    """Each key to its series: a key that ends a longer one (城市论坛, 上海台北城市论坛) joins it, and so does
    one that ends any of a known series' names ("city forum" beside the Shanghai-Taipei City Forum)."""
    series: dict[str, str] = {}
    # Known series first: their aliases may be longer than an unknown key that ends one.
    for key in sorted(keys, key=lambda key: (key in _ALIAS_GROUPS, len(key)), reverse=True):
        series[key] = next(
            (longer for longer in series.values() if any(name.endswith(key) for name in _names_of(longer))),
            key,
        )
    return series


def _names_of(key: str) -> tuple[str, ...]:
    """The key and, for a known series, every alias it is written under."""
    return (key, *_ALIAS_GROUPS.get(key, ()))


def _most_common(group: list[Mention]) -> Mention:
    counts = Counter(m.name for m in group)
    return max(group, key=lambda m: (counts[m.name], -m.order[0], -m.order[1]))
