"""Chinese forum names in running text (2021上海-台北城市论坛, 第十届海峡论坛, “双城论坛”) with their year
or edition, and bare nouns that refer back (本届论坛, 下届论坛). Names are found on folded text and
returned as written."""

from __future__ import annotations

import re

from crawler.events import gazetteer, lexicon
from crawler.events.mention import Mention, checked_year, series_key
from crawler.events.text import Sentence
from crawler.roc_calendar import ROC_EPOCH

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
# The characters other than digits a year or edition prefix ends with: 2021年, 2021年度, 第十届, 首次, 二〇二四.
_PREFIX_LAST_CHARACTERS = frozenset("年度届次" + _ZH_YEAR_NUMERALS)
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
_ANCHORS_ZH = re.compile("两岸|海峡|" + "|".join(f for city in gazetteer.GAZETTEER for f in city.forms_zh))
_ZH_YEAR_OF_BARE = re.compile(r"(?<!\d)(?P<year>\d{4})\s*年\s*的?\s*$")
_WITHIN_BEFORE = re.compile(lexicon.WITHIN_BEFORE_ZH)
_WITHIN_AFTER = re.compile(lexicon.WITHIN_AFTER_ZH)
_WITHIN_REACH = 56  # characters before a name its umbrella's words (期间将举办, 活动包括) may stand


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


def chinese_mentions(sentence: Sentence) -> list[Mention]:
    folded = sentence.folded
    mentions = []
    for match in _ZH_NOUN.finditer(folded):
        noun_start, noun_end = match.span()
        if folded.startswith(lexicon.NOUN_MODIFIED_BY_ZH, noun_end):
            continue
        if noun_start > 0 and folded[noun_start - 1] in lexicon.SUB_EVENT_MARKERS_ZH:
            continue
        if match.group() in lexicon.SESSION_NOUNS_ZH and folded.endswith(
            lexicon.SESSION_BEFORE_ZH, 0, noun_start
        ):
            continue  # 定期大会, 股东大会: a body's session, not a forum
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
        year = checked_year(int(year_of_bare.group("year")))
        prefix_start = year_of_bare.start()
    deictic = folded.endswith(lexicon.DETERMINERS_ZH, 0, prefix_start)
    other_edition = folded.endswith(lexicon.OTHER_EDITION_DETERMINERS_ZH, 0, prefix_start)
    name = None if bare else sentence.original[name_start:noun_end]
    within = (
        _WITHIN_BEFORE.search(folded, max(0, prefix_start - _WITHIN_REACH), prefix_start) is not None
        or _WITHIN_AFTER.match(folded, noun_end) is not None
    )
    return Mention(
        sentence=sentence,
        start=name_start,
        end=noun_end,
        name=name,
        noun=noun,
        key=None if bare else series_key(folded[name_start:noun_end]),
        year=year,
        edition=edition,
        prefix=sentence.original[prefix_start:name_start],
        deictic=deictic,
        other_edition=other_edition,
        within=within,
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
        if folded[split] in "年度届次" or not _may_end_a_prefix(folded, split):
            continue  # 民国112|年: the prefix goes on; 海峡|两岸: no year or edition ends here
        prefix = _ZH_PREFIX.search(folded, max(0, split - 16), split)
        if prefix is None or _year_and_edition(prefix) == (None, None):
            continue
        if _NOT_IN_A_NAME_ZH.search(folded, split, noun_start):
            return noun_start
        return split
    return noun_start


def _may_end_a_prefix(folded: str, position: int) -> bool:
    """Whether a year or an edition may end at ``position``: the last character before it (white space
    aside) is a digit or one a prefix ends with (2021年度, 第十届, 首次, 二〇二四). A cheap test that spares
    most positions the prefix pattern's search."""
    index = position - 1
    while index >= 0 and folded[index].isspace():
        index -= 1
    return index >= 0 and (folded[index].isdecimal() or folded[index] in _PREFIX_LAST_CHARACTERS)


def _qualifier_start(folded: str, noun_start: int) -> int:
    """Walk left over name qualifiers: 上海-台北城市|论坛, 海峡两岸（昆山）青年|论坛; and once over a topic
    word the qualifiers do not list, when qualifiers on its left anchor the name to this beat (a place, the
    strait: 海峡两岸城市|治理|论坛)."""
    position = walk_qualifiers(folded, noun_start)
    for length in range(2, _MAX_TOPIC_GAP + 1):
        gap_start = position - length
        if gap_start <= 0:
            break
        gap = folded[gap_start:position]
        if not all("\u3400" <= c <= "\u9fff" for c in gap) or _NOT_IN_A_NAME_ZH.search(gap):
            break
        left = walk_qualifiers(folded, gap_start)
        if left < gap_start and _ANCHORS_ZH.search(folded, left, gap_start):
            return left
    return position


def walk_qualifiers(folded: str, end: int) -> int:
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
        year = checked_year(int(prefix.group("year")))
    elif prefix.group("numeral_year"):
        year = checked_year(int("".join(str(_NUMERAL_DIGITS[c]) for c in prefix.group("numeral_year"))))
    elif prefix.group("roc") or prefix.group("roc_bare"):
        year = checked_year(ROC_EPOCH + int(prefix.group("roc") or prefix.group("roc_bare")))
    edition = chinese_number(prefix.group("edition")) if prefix.group("edition") else None
    if prefix.group("first"):
        edition = 1
    return year, edition
