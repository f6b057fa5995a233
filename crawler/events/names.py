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
from crawler.roc_calendar import ROC_EPOCH

_EARLIEST_YEAR, _LATEST_YEAR = 1949, 2100

_ZH_NOUN = re.compile("|".join(lexicon.FORUM_NOUNS_ZH))
_ZH_OPENING_QUOTES = '“「『《〈"'
_ZH_CLOSING_QUOTES = '”」』》〉"'
_ZH_CLAUSE_END = set("，。,；;！？!?：:") | set(_ZH_CLOSING_QUOTES) - {'"'}
_QUOTE_REACH = 30  # characters: a quoted name longer than this is a quoted sentence
_MAX_QUALIFIER = max(len(q) for q in lexicon.NAME_QUALIFIERS_ZH)
_CHINESE_NUMERAL = "一二三四五六七八九十百零〇两"
# What stands right before a name: 2021 / 2019年 / 民国108年 / 108年 / 第十届 / 第10屆, in that order.
# A year in Chinese numerals (二〇二四海峡两岸…论坛) is folded to digits only before 年 (text.fold).
_ZH_YEAR_NUMERALS = "〇零一二三四五六七八九"
_NUMERAL_DIGITS = {"〇": 0, "零": 0} | {
    numeral: digit for digit, numeral in enumerate("一二三四五六七八九", 1)
}
_ZH_YEAR_PATTERN = (
    rf"(?:民国\s*(?P<roc>\d{{1,3}})\s*年?|(?<!\d)(?P<year>\d{{4}})(?!\d)\s*年?"
    rf"|(?<![{_ZH_YEAR_NUMERALS}])(?P<numeral_year>[{_ZH_YEAR_NUMERALS}]{{4}})\s*年?|(?<!\d)(?P<roc_bare>\d{{3}})\s*年)"
)
_ZH_EDITION_PATTERN = rf"(?:第\s*(?P<edition>[\d{_CHINESE_NUMERAL}]+)\s*[届次]|(?P<first>首)[届次])"
_ZH_PREFIX = re.compile(rf"(?:{_ZH_YEAR_PATTERN}\s*度?\s*)?{_ZH_EDITION_PATTERN}?\s*$")
# Inside quotes the prefix is at the start (matched from the quote on): “2011上海臺北城市論壇”.
_ZH_PREFIX_IN_QUOTES = re.compile(rf"\s*(?:{_ZH_YEAR_PATTERN}\s*度?\s*)?{_ZH_EDITION_PATTERN}?\s*")
# A year or an edition opens a name: 第五届|海峡两岸城市治理论坛, 二〇二四|海峡两岸（昆山）青年创业论坛. What stands
# between it and the noun is the name, whatever its topic words, as long as it reads as a name: hanzi, a
# place in brackets, a separator; no particle, verb or date that would make it a clause (2023年在上海举行的论坛).
_NAME_RUN_ZH = re.compile(r"[\u3400-\u9fff()·\-–—]{2,24}$")
_NOT_IN_A_NAME_ZH = re.compile(rf"[的在于将是由从把被向为]|{lexicon.NOT_IN_A_NAME_ZH}")
_BRACKETED_PLACE = re.compile(r"\([\u3400-\u9fff]{2,4}\)$")
# A topic word the qualifiers do not list (创业, 治理) joins a name only between qualifiers that anchor it
# to this beat (两岸城市治理论坛): a place or the strait on its left.
_MAX_TOPIC_GAP = 4
_ANCHORS_ZH = re.compile("两岸|海峡|" + "|".join(f for city in lexicon.GAZETTEER for f in city.forms_zh))
_ZH_YEAR_OF_BARE = re.compile(r"(?<!\d)(?P<year>\d{4})\s*年\s*的?\s*$")

_EN_NOUN = re.compile(r"\b(?P<noun>" + "|".join(lexicon.FORUM_NOUNS_EN) + r")s?\b")
# "the forum", "this year's forum", and with words between: "the one-day forum", "the June 3-4 forum" (a
# name found as one, "the Shanghai-Taipei forum", is not counted twice).
_EN_BARE = re.compile(
    r"\b(?P<determiner>this\s+year['’]s|(?:next|last)\s+year['’]s|the\s+(?:previous|next|last)|the|this|that)"
    r"\s+(?:[\w.'’-]+\s+){0,3}?(?P<noun>forum|dialogue|dialog|summit)\b",
    re.IGNORECASE,
)
# "The event, which concludes on Friday": in a forum story, the event is the forum.
_EVENT_NOUN = lexicon.EVENT_NOUN_EN
_EN_THE_EVENT = re.compile(r"\b(?P<determiner>the|this)\s+(?:[a-z][\w-]*\s+){0,2}?event\b", re.IGNORECASE)
# "led a delegation to Xiamen for a one-day forum on ...": in the headline or the lead, an indefinite
# forum is the one the story introduces; further down it may be any other.
_EN_INDEFINITE = re.compile(r"\b[Aa]n?\s+(?:[\w'’-]+\s+){0,3}?(?P<noun>forum|dialogue|dialog|summit)\b")
_INDEFINITE_REACH = 1  # sentences: the title (0) and the lead (1)
_INDEFINITE_BEFORE = re.compile(r"\b[Aa]n?\s+(?:[a-z][\w-]*\s+){0,2}$")
# Newsrooms also write a series' name in lower case: "the twin-city forum", "an annual city forum", "the
# Shanghai-Taipei forum". A lower-case noun is a name when a descriptor of this beat stands before it, or
# when the words before it make a known series' name.
_EN_LOWER_NOUN = re.compile(r"\b(?P<noun>forum|dialogue|dialog|summit)s?\b")
_EN_ANY_NOUN = re.compile(_EN_LOWER_NOUN.pattern, re.IGNORECASE)
_EN_ANY_TOKEN_BEFORE = re.compile(r"(?<![\w'’&-])(?P<token>[\w'’]+(?:-[\w'’]+)*)\s+$")
_EN_LOWER_NAME_WORDS = 3
_MAX_TOPIC_WORDS_EN = 2
# A place that opens a lower-case name: a city of the gazetteer, the strait.
_PLACE_WORD_EN = re.compile(
    r"\b(?:"
    + "|".join(re.escape(f) for c in lexicon.GAZETTEER for f in c.forms_en)
    + r"|straits?|cross-straits?)\b",
    re.IGNORECASE,
)
# A topic word: lower-case letters, not a function word or a length ("two-day", "in-person" are no topic).
_TOPIC_WORD_EN = re.compile(
    r"(?!(?:a|an|the|and|or|of|for|to|in|on|at|with|by|from|this|that|its|their|annual|joint|new)$)[a-z]+"
)
_EN_OTHER_EDITION = re.compile(rf"(?:{lexicon.OTHER_EDITION_DETERMINERS_EN})\s+$", re.IGNORECASE)
_EN_TOKEN_BEFORE = re.compile(r"(?<![\w'’&-])(?P<token>[A-Z][\w'’]*(?:-[\w'’]+)*|[A-Z]{2,}|&)\s+$")
_MAX_EN_NAME_WORDS = 6
_EN_JOINING_WORD_BEFORE = re.compile(
    r"(?<![\w'’&-])(?P<token>[A-Z][\w'’]*(?:-[\w'’]+)*)\s+(?:and|of|for|on)\s+$"
)
_EN_PREFIX = re.compile(
    r"(?:(?<!\d)(?P<year>(?:19|20)\d{2})|(?<!\d)(?P<ordinal>\d{1,3})(?:st|nd|rd|th)"
    r"|\b(?P<word>" + "|".join(lexicon.ORDINAL_WORDS_EN) + r")|\b(?P<this>this\s+year['’]s))\s+$",
    re.IGNORECASE,
)
# A headline names what the story is about: its forum outweighs one mentioned up to twice more in the
# body (a report on the 海峡论坛 that mentions the 双城论坛 in two asides).
_TITLE_MENTION_WEIGHT = 3
_MIN_ABBREVIATION = 4  # 高厦论坛; shorter ones (沪论坛) would join too much
_SAME_OPENING_EN = 8  # letters an English short name shares with the full one's opening: "shenzhen"
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
        if mention.noun == _EVENT_NOUN and self.noun.isascii():
            return True  # "the event" in a story of a forum
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


def unnamed_main(mentions: dict[int, list[Mention]], sentences: list[Sentence]) -> MainForum | None:
    """A forum the story is about without naming it ("officials hold forum on bridge", "opened a two-day
    forum in Kinmen", 论坛今天开幕): the forum noun of the title or the lead, and every bare mention of it.
    For an article that names no forum at all; ``mentions`` gains the bare English nouns found."""
    for sentence in sentences:
        for match in _EN_ANY_NOUN.finditer(sentence.folded):
            taken = mentions.setdefault(sentence.position, [])
            if not any(m.start <= match.start() < m.end for m in taken):
                taken.append(_bare_english(sentence, match))
        mentions[sentence.position].sort(key=lambda mention: mention.start)
    opening = [
        m
        for s in sentences
        if s.position <= 1
        for m in mentions.get(s.position, [])
        if m.name is None and (m.noun.isascii() or m.noun in lexicon.BARE_REFERENCE_NOUNS_ZH)
    ]
    if not opening:
        return None
    # "Tianjin to host SCO mayors ahead of leaders' summit" and a body about "a forum": the noun the
    # article keeps using.
    counts = Counter(m.noun for found in mentions.values() for m in found if m.name is None)
    first = max(opening, key=lambda m: (counts[m.noun], -m.order[0], -m.order[1]))
    bare = [m for found in mentions.values() for m in found if m.name is None and m.noun == first.noun]
    written = first.sentence.original[first.start : first.end]
    return MainForum(
        name=written,
        noun=first.noun,
        keys=frozenset(),
        year=None,
        edition=None,
        mentions=tuple(sorted(bare, key=lambda m: m.order)),
        reasons=(f"forum not named: the {written} of the {'title' if first.sentence.in_title else 'lead'}",),
    )


def _bare_english(sentence: Sentence, match: re.Match[str]) -> Mention:
    return Mention(
        sentence=sentence,
        start=match.start("noun"),
        end=match.end("noun"),
        name=None,
        noun=match.group("noun").lower(),
        key=None,
        year=None,
        edition=None,
        prefix="",
        deictic=False,
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
        name_start = min(_qualifier_start(folded, noun_start), _prefixed_name_start(folded, noun_start))
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


def _prefixed_name_start(folded: str, noun_start: int) -> int:
    """Where a name opened by a year or an edition starts (第五届|海峡两岸城市治理论坛), else ``noun_start``."""
    run = _NAME_RUN_ZH.search(folded, max(0, noun_start - 24), noun_start)
    if run is None:
        return noun_start
    for split in range(run.start(), noun_start - 1):
        prefix = _ZH_PREFIX.search(folded, max(0, split - 16), split)
        if folded[split] in "年度届次" or prefix is None or _year_and_edition(prefix) == (None, None):
            continue  # 民国112|年: the prefix goes on
        if _NOT_IN_A_NAME_ZH.search(folded, split, noun_start):
            return noun_start
        return split
    return noun_start


def _qualifier_start(folded: str, noun_start: int) -> int:
    """Walk left over name qualifiers: 上海-台北城市|论坛, 海峡两岸（昆山）青年|论坛; and once over a topic
    word the qualifiers do not list, when qualifiers on its left anchor the name to this beat (a place, the
    strait: 海峡两岸城市|治理|论坛)."""
    position = _walk_qualifiers(folded, noun_start)
    for length in range(2, _MAX_TOPIC_GAP + 1):
        gap_start = position - length
        if gap_start <= 0:
            break
        gap = folded[gap_start:position]
        if not all("\u3400" <= c <= "\u9fff" for c in gap) or _NOT_IN_A_NAME_ZH.search(gap):
            break
        left = _walk_qualifiers(folded, gap_start)
        if left < gap_start and _ANCHORS_ZH.search(folded, left, gap_start):
            return left
    return position


def _walk_qualifiers(folded: str, end: int) -> int:
    """Where the qualifiers ending at ``end`` begin: listed words, separators between them, and places in
    brackets."""
    position = end
    while True:
        step = _qualifier_ending_at(folded, position)
        if step:
            position -= step
            continue
        if position < end and position > 0 and folded[position - 1] in lexicon.NAME_SEPARATORS:
            step = _qualifier_ending_at(folded, position - 1)
            if step:
                position -= 1 + step
                continue
        if position < end and (bracketed := _BRACKETED_PLACE.search(folded, 0, position)):
            position = bracketed.start()
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
    elif prefix.group("numeral_year"):
        year = _checked_year(int("".join(str(_NUMERAL_DIGITS[c]) for c in prefix.group("numeral_year"))))
    elif prefix.group("roc") or prefix.group("roc_bare"):
        year = _checked_year(ROC_EPOCH + int(prefix.group("roc") or prefix.group("roc_bare")))
    edition = chinese_number(prefix.group("edition")) if prefix.group("edition") else None
    if prefix.group("first"):
        edition = 1
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
        if lower_start is None:
            continue
        if _INDEFINITE_BEFORE.search(folded, 0, lower_start):
            # "to attend a cross-strait city forum in Xiamen": a description, not a series' name; in the
            # lead it is the forum the story introduces (below), elsewhere any forum.
            if sentence.position <= _INDEFINITE_REACH:
                mentions.append(_bare_english(sentence, match))
            continue
        mentions.append(_english_mention(sentence, lower_start, match.end(), match.group("noun")))
    if sentence.position <= _INDEFINITE_REACH:
        named_ends = {m.end for m in mentions}
        mentions += [
            _bare_english(sentence, match)
            for match in _EN_INDEFINITE.finditer(folded)
            if match.end("noun") not in named_ends
        ]
    named_ends = {m.end for m in mentions}
    for match in _EN_THE_EVENT.finditer(folded):
        mentions.append(
            Mention(
                sentence=sentence,
                start=match.end() - len(_EVENT_NOUN),
                end=match.end(),
                name=None,
                noun=_EVENT_NOUN,
                key=None,
                year=None,
                edition=None,
                prefix=match.group("determiner"),
                deictic=match.group("determiner").lower() == "this",
            )
        )
    for match in _EN_BARE.finditer(folded):
        noun = match.group("noun")
        if match.end("noun") in named_ends:
            continue  # "the twin-city forum": a named mention, found above
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
        if token is None and position < noun_start:
            # "Innovation and Entrepreneurship Forum": a joining word between Title-Case words
            joined = _EN_JOINING_WORD_BEFORE.search(folded, max(0, position - 50), position)
            token = joined if joined and joined.group("token") not in lexicon.NAME_STOP_WORDS_EN else None
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
        return _placed_name_start(folded, noun_start)
    if named or _series_key(folded[position:noun_start] + "forum") in _ALIASES.values():
        return position
    return _placed_name_start(folded, noun_start)


def _placed_name_start(folded: str, noun_start: int) -> int | None:
    """A lower-case name that a place or a descriptor opens: "a Kinmen-Xiamen tourism forum", "the Straits
    youth forum", "a cross-strait business forum". Up to two topic words may stand between the place (with
    any capitalised words beside it) and the noun."""
    position, found, topic_words = noun_start, None, 0
    for _ in range(_EN_LOWER_NAME_WORDS + _MAX_TOPIC_WORDS_EN):
        token = _EN_ANY_TOKEN_BEFORE.search(folded, max(0, position - 40), position)
        if token is None:
            break
        word = token.group("token")
        if word.capitalize() in lexicon.NAME_STOP_WORDS_EN or word.lower() in lexicon.ORDINAL_WORDS_EN:
            break  # "Taipei officials attend forum": a verb or a function word ends a name
        if _PLACE_WORD_EN.search(word) or word.lower() in lexicon.NAME_DESCRIPTORS_EN:
            found = token.start()
        elif word[0].isupper():
            if found is not None:
                found = token.start()
        elif found is not None or topic_words == _MAX_TOPIC_WORDS_EN or not _TOPIC_WORD_EN.fullmatch(word):
            break
        else:
            topic_words += 1
        position = token.start()
    return found


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
            (
                longer
                for longer in series.values()
                if any(name.endswith(key) or _abbreviates(key, name) for name in _names_of(longer))
            ),
            key,
        )
    return series


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
    if short[0] != name[0] and _walk_qualifiers(short, len(short) - 2) > 0:
        return False  # 城市论坛 (listed words only) in a story of the 高雄厦门城市交流论坛 is that forum
    remaining = iter(name)
    return all(character in remaining for character in short)


def _same_noun(short: str, name: str) -> bool:
    nouns = [noun.lower() for noun in lexicon.FORUM_NOUNS_EN]
    return any(short.endswith(noun) and name.endswith(noun) for noun in nouns)


def _names_of(key: str) -> tuple[str, ...]:
    """The key and, for a known series, every alias it is written under."""
    return (key, *_ALIAS_GROUPS.get(key, ()))


def _most_common(group: list[Mention]) -> Mention:
    counts = Counter(m.name for m in group)
    return max(group, key=lambda m: (counts[m.name], -m.order[0], -m.order[1]))
