"""English forum names in running text: Title-Case names (the 2019 Twin-City Forum), lower-case ones
of this beat (the twin-city forum, a Kinmen-Xiamen tourism forum) and bare nouns that refer back (the
forum, this year's forum, the event)."""

from __future__ import annotations

import re
from dataclasses import replace

from crawler.events import gazetteer, lexicon
from crawler.events.bilingual import may_hold_english_word
from crawler.events.mention import SERIES_OF_ALIAS, Mention, checked_year, series_key
from crawler.events.text import Sentence

_EN_NOUN = re.compile(r"\b(?P<noun>" + "|".join(lexicon.FORUM_NOUNS_EN) + r")s?\b")
# "the forum", "this year's forum", and with words between: "the one-day forum", "the June 3-4 forum" (a
# name found as one, "the Shanghai-Taipei forum", is not counted twice).
_EN_BARE = re.compile(
    r"\b(?P<determiner>this\s+year['’]s|(?:next|last)\s+year['’]s|the\s+(?:previous|next|last)|the|this|that)"
    r"\s+(?:[\w.'’-]+\s+){0,3}?(?P<noun>forum|dialogue|dialog|summit)\b",
    re.IGNORECASE,
)
# "The event, which concludes on Friday": in a forum story, the event is the forum.
EVENT_NOUN = lexicon.EVENT_NOUN_EN
_EN_THE_EVENT = re.compile(r"\b(?P<determiner>the|this)\s+(?:[a-z][\w-]*\s+){0,2}?event\b", re.IGNORECASE)
# "led a delegation to Xiamen for a one-day forum on ...": in the headline or the lead, an indefinite
# forum is the one the story introduces; further down it may be any other.
_EN_INDEFINITE = re.compile(r"\b[Aa]n?\s+(?:[\w'’-]+\s+){0,3}?(?P<noun>forum|dialogue|dialog|summit)\b")
# Sentences: the title (0) and the lead (1, or further down past a masthead or a byline line: ``text.lead_position``).
_INDEFINITE_REACH = 1
_INDEFINITE_BEFORE = re.compile(r"\b[Aa]n?\s+(?:[a-z][\w-]*\s+){0,2}$")
# Newsrooms also write a series' name in lower case: "the twin-city forum", "an annual city forum", "the
# Shanghai-Taipei forum". A lower-case noun is a name when a descriptor of this beat stands before it, or
# when the words before it make a known series' name.
_EN_LOWER_NOUN = re.compile(r"\b(?P<noun>forum|dialogue|dialog|summit)s?\b")
EN_ANY_NOUN = re.compile(_EN_LOWER_NOUN.pattern, re.IGNORECASE)
_EN_ANY_TOKEN_BEFORE = re.compile(r"(?<![\w'’&-])(?P<token>[\w'’]+(?:-[\w'’]+)*)\s+$")
_EN_LOWER_NAME_WORDS = 3
_MAX_TOPIC_WORDS_EN = 2
# A place that opens a lower-case name: a city of the gazetteer, the strait.
_PLACE_WORD_EN = re.compile(
    r"\b(?:"
    + "|".join(re.escape(f) for c in gazetteer.GAZETTEER for f in c.forms_en)
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


# A forum held within a larger event: "The fair includes a cross-strait city development forum", "a forum held
# as part of the expo".
_WITHIN_BEFORE = re.compile(lexicon.WITHIN_BEFORE_EN, re.IGNORECASE)
_WITHIN_AFTER = re.compile(lexicon.WITHIN_AFTER_EN, re.IGNORECASE)
_WITHIN_REACH = 100  # characters before a name its umbrella's verb ("includes") may stand


def _within(folded: str, start: int, end: int) -> bool:
    return (
        _WITHIN_BEFORE.search(folded, max(0, start - _WITHIN_REACH), start) is not None
        or _WITHIN_AFTER.match(folded, end) is not None
    )


# Every mention the patterns above find holds one of these words, in any case: a forum noun (dialog, in
# dialogue too) or "event".
_MENTIONED_WORDS = (*(noun.lower() for noun in lexicon.FORUM_NOUNS_EN), EVENT_NOUN)


def bare_english(sentence: Sentence, match: re.Match[str]) -> Mention:
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


def english_mentions(sentence: Sentence, lead: int = _INDEFINITE_REACH) -> list[Mention]:
    """The English mentions of a sentence; ``lead`` is the lead's position, up to which an indefinite forum
    ("a one-day forum on ...") is the one the story introduces."""
    folded = sentence.folded
    opening = sentence.position <= max(lead, _INDEFINITE_REACH)
    if not may_hold_english_word(folded, _MENTIONED_WORDS):
        return []  # most sentences mention no forum: none of the patterns below need scan them
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
            # lead it is the forum the story introduces (below), elsewhere any forum. But "the fair includes a
            # cross-strait city development forum" names the one the fair holds, wherever it stands.
            if _within(folded, lower_start, match.end()):
                mentions.append(_english_mention(sentence, lower_start, match.end(), match.group("noun")))
            elif opening:
                mentions.append(bare_english(sentence, match))
            continue
        mentions.append(_english_mention(sentence, lower_start, match.end(), match.group("noun")))
    named_ends = {m.end for m in mentions}
    for match in _EN_INDEFINITE.finditer(folded):
        if match.end("noun") in named_ends:
            continue
        # beyond the lead, only the forum a larger event holds ("the expo includes a forum on ...")
        if _within(folded, match.start(), match.end()):
            mentions.append(replace(bare_english(sentence, match), within=True))
        elif opening:
            mentions.append(bare_english(sentence, match))
    named_ends = {m.end for m in mentions}
    for match in _EN_THE_EVENT.finditer(folded):
        mentions.append(
            Mention(
                sentence=sentence,
                start=match.end() - len(EVENT_NOUN),
                end=match.end(),
                name=None,
                noun=EVENT_NOUN,
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
    if named or series_key(folded[position:noun_start] + "forum") in SERIES_OF_ALIAS.values():
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
            year = checked_year(int(prefix.group("year")))
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
        key=series_key(folded[name_start:noun_end]),
        year=year,
        edition=edition,
        prefix=sentence.original[prefix_start:name_start],
        deictic=deictic,
        other_edition=_EN_OTHER_EDITION.search(folded, max(0, prefix_start - 20), prefix_start) is not None,
        within=_within(folded, prefix_start, noun_end),
    )
