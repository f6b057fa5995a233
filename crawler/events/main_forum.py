"""The article's main forum: the series named in the title, else the most mentioned, else the forum noun
of the title or the lead."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from crawler.events import lexicon
from crawler.events.mention import Mention
from crawler.events.names_en import EN_ANY_NOUN, EVENT_NOUN, bare_english, english_mentions
from crawler.events.names_zh import chinese_mentions
from crawler.events.series import group_series, join_described_in_title, join_placed_in_title
from crawler.events.text import Sentence

# A headline names what the story is about: its forum outweighs one mentioned up to twice more in the
# body (a report on the 海峡论坛 that mentions the 双城论坛 in two asides).
_TITLE_MENTION_WEIGHT = 3


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
        if mention.noun == EVENT_NOUN and self.noun.isascii():
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


def find_mentions(
    sentence: Sentence, chinese: bool = True, english: bool = True, lead: int = 1
) -> list[Mention]:
    """Every forum mention in a sentence, in order; ``lead`` is the position of the story's lead."""
    mentions = []
    if chinese:
        mentions += chinese_mentions(sentence)
    if english:
        mentions += english_mentions(sentence, lead)
    return sorted(mentions, key=lambda mention: mention.start)


def choose_main(mentions: list[Mention]) -> MainForum | None:
    """The series in the title wins (a title mention weighs three), else the most mentioned; ties go
    to the first mentioned. Its name is the title's form, else the first form with a year or edition."""
    named = sorted((m for m in mentions if m.key is not None), key=lambda m: m.order)
    if not named:
        return None
    series = group_series({m.key for m in named if m.key})
    series = join_placed_in_title(join_described_in_title(series, named), named)
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


def unnamed_main(
    mentions: dict[int, list[Mention]], sentences: list[Sentence], lead: int = 1
) -> MainForum | None:
    """A forum the story is about without naming it ("officials hold forum on bridge", "opened a two-day
    forum in Kinmen", 论坛今天开幕): the forum noun of the title or the lead (at ``lead``, past any masthead
    or byline line), or of a forum a larger event holds ("the fair includes a forum on ..."), and every bare
    mention of it.
    For an article that names no forum at all; ``mentions`` gains the bare English nouns found."""
    for sentence in sentences:
        for match in EN_ANY_NOUN.finditer(sentence.folded):
            taken = mentions.setdefault(sentence.position, [])
            if not any(m.start <= match.start() < m.end for m in taken):
                taken.append(bare_english(sentence, match))
        mentions[sentence.position].sort(key=lambda mention: mention.start)
    # ... or the forum a larger event holds, wherever it is told ("the fair includes a forum on ...")
    opening = [
        m
        for s in sentences
        for m in mentions.get(s.position, [])
        if (s.position <= max(lead, 1) or m.within)
        and m.name is None
        and (m.noun.isascii() or m.noun in lexicon.BARE_REFERENCE_NOUNS_ZH)
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


def _most_common(group: list[Mention]) -> Mention:
    counts = Counter(m.name for m in group)
    return max(group, key=lambda m: (counts[m.name], -m.order[0], -m.order[1]))
