"""Topic matching v2: scored alias hits, exclusion terms, and an explanation for every match.

Title, aliases and exclusion terms are compared script-folded (Traditional -> Simplified), width- and
case-folded, with punctuation and white space collapsed (``dedup.textnorm.normalise_for_matching``):
one alias 双城论坛 finds 雙城論壇, and 'Twin-City Forum' finds 'twin city forum'. Latin-script terms
must stand as whole words ('forum' does not match inside 'forums'); CJK terms match anywhere, since
CJK text has no spaces.

Where an alias occurs decides what it is worth (see the weights below): a topic named in the title or
the lead is what the article is about, a single mention deep in a long body is usually an aside.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Literal

from dedup.textnorm import normalise_for_matching, normalise_lines_for_matching, term_pattern

Where = Literal["title", "lead", "body"]
PLACES: tuple[Where, ...] = ("title", "lead", "body")

# The weights. A title hit scores once however often the title repeats it: a headline names its subject.
# Text mentions score each, more in the lead, where news writing states what the story is about. The
# text's share is capped, so that a long article repeating an alias forty times is not "more on topic"
# than one naming it three times in its lead, and scores stay comparable across articles.
TITLE_POINTS = 3.0
LEAD_POINTS = 2.0
BODY_POINTS = 1.0
TEXT_POINTS_CAP = 6.0  # three lead mentions' worth; twice a title hit
MAX_SCORE = TITLE_POINTS + TEXT_POINTS_CAP

# A title hit (3) or a lead hit (2) is enough on its own; deep in the body it takes two mentions, so one
# passing mention ("..., like the Twin-City Forum did in 2019") does not make an article about the forum.
DEFAULT_MIN_SCORE = 2.0

# The lead is the first paragraph, and those after it until it holds LEAD_MIN_CHARS characters (folded
# text, punctuation collapsed), but never more than LEAD_MAX_CHARS. Chinese news leads (导语) mostly run
# under 200 characters, the Chinese seeds' first paragraphs 74-171; the minimum also carries the lead past a
# heading such as 「論壇主題」 to the paragraph under it. The maximum, a long English lead paragraph (about
# 100 words), keeps a body that arrives as one block (a feed summary, a page without <p>) from being all
# lead.
LEAD_MIN_CHARS = 200
LEAD_MAX_CHARS = 600


@dataclass(frozen=True)
class Topic:
    """A watched topic as configured: ``[[topics]]`` in forumwatch.toml."""

    name: str
    aliases: tuple[str, ...]
    exclude: tuple[str, ...] = ()
    min_score: float = DEFAULT_MIN_SCORE

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Topic:
        """A topic from its plain form: the keys of a ``[[topics]]`` table (exclude, min_score optional)."""
        return cls(
            name=data["name"],
            aliases=tuple(data["aliases"]),
            exclude=tuple(data.get("exclude", ())),
            min_score=float(data.get("min_score") or DEFAULT_MIN_SCORE),  # None: the default
        )


@dataclass(frozen=True)
class AliasHit:
    """A configured alias found ``count`` times in one place of the article."""

    alias: str
    where: Where
    count: int


@dataclass(frozen=True)
class TopicMatch:
    """A topic an article matched, with the score and the hits that earned it."""

    topic: str
    score: float
    hits: tuple[AliasHit, ...]

    def to_json(self) -> dict[str, Any]:
        return {
            "topic": self.topic,
            "score": self.score,
            "hits": [{"alias": hit.alias, "where": hit.where, "count": hit.count} for hit in self.hits],
        }

    def describe(self) -> str:
        """One line for people: ``title: 双城论坛; lead: 雙城論壇 ×2 (score 7)``."""
        return f"{describe_hits(self.hits)} (score {self.score:g})"


@dataclass(frozen=True)
class TopicEvaluation:
    """One topic against one article, matched or not, and why: what ``TopicMatcher.evaluate`` returns."""

    topic: str
    score: float
    hits: tuple[AliasHit, ...]
    min_score: float
    excluded_by: str | None = None  # the configured exclusion term found in the article

    @property
    def matched(self) -> bool:
        return self.excluded_by is None and self.score >= self.min_score

    @property
    def reason(self) -> str:
        if self.excluded_by is not None:
            return f"excluded by term {self.excluded_by!r}"
        if self.score < self.min_score:
            return f"below min_score {self.min_score:g}"
        return "matched"

    def as_match(self) -> TopicMatch | None:
        return TopicMatch(self.topic, self.score, self.hits) if self.matched else None

    def describe(self) -> str:
        """``sister-cities: below min_score 2: body: 友城 (score 1)``."""
        found = describe_hits(self.hits) if self.hits else "no alias found"
        return f"{self.topic}: {self.reason}: {found} (score {self.score:g})"


def describe_hits(hits: Iterable[AliasHit]) -> str:
    """``title: 双城论坛; lead: 雙城論壇 ×2, Twin-City Forum``: aliases grouped by place, counts above one."""
    by_place: dict[Where, list[str]] = {}
    for hit in hits:
        by_place.setdefault(hit.where, []).append(hit.alias + (f" ×{hit.count}" if hit.count > 1 else ""))
    return "; ".join(f"{where}: {', '.join(by_place[where])}" for where in PLACES if where in by_place)


class TopicMatcher:
    """Matches articles against the watched topics; build once per crawl, reuse for every article."""

    def __init__(self, topics: Iterable[Topic]) -> None:
        self._topics = [_CompiledTopic(topic) for topic in topics]

    def match(self, title: str, text: str) -> list[TopicMatch]:
        """The topics the article matches, in configuration order."""
        return [match for result in self.evaluate(title, text) if (match := result.as_match()) is not None]

    def evaluate(self, title: str, text: str) -> list[TopicEvaluation]:
        """Every topic, matched or not, with its score, hits and reason: for debugging a configuration.

        ``text`` is the body, one paragraph per line (``CleanArticle.text``).
        """
        article = _FoldedArticle.of(title, text)
        return [topic.evaluate(article) for topic in self._topics]


@dataclass(frozen=True)
class _FoldedArticle:
    title: str
    body: str  # folded paragraphs joined by newlines, which no folded term contains
    lead_end: int  # hits starting before this offset of ``body`` are in the lead

    @classmethod
    def of(cls, title: str, text: str) -> _FoldedArticle:
        paragraphs = normalise_lines_for_matching(text)
        lead_end = 0
        for paragraph in paragraphs:
            lead_end += len(paragraph) + 1  # and its newline
            if lead_end > LEAD_MIN_CHARS:
                break
        return cls(normalise_for_matching(title), "\n".join(paragraphs), min(lead_end, LEAD_MAX_CHARS))


class _CompiledTopic:
    def __init__(self, topic: Topic) -> None:
        self.topic = topic
        # Aliases that fold to the same text (双城论坛, 雙城論壇) are one alias, reported as the first
        # configured: otherwise every mention would count twice.
        self.alias_by_folded: dict[str, str] = {}
        for alias in topic.aliases:
            folded = normalise_for_matching(alias)
            if folded:
                self.alias_by_folded.setdefault(folded, alias)
        self.aliases = term_pattern(self.alias_by_folded) if self.alias_by_folded else None
        self.exclusions = [
            (term, term_pattern([folded]))
            for term in topic.exclude
            if (folded := normalise_for_matching(term))
        ]

    def evaluate(self, article: _FoldedArticle) -> TopicEvaluation:
        counts: Counter[tuple[str, Where]] = Counter()
        if self.aliases is not None:
            for found in self.aliases.finditer(article.title):
                counts[found.group(), "title"] += 1
            for found in self.aliases.finditer(article.body):
                counts[found.group(), "lead" if found.start() < article.lead_end else "body"] += 1
        hits = tuple(
            AliasHit(alias, where, counts[folded, where])
            for where in PLACES
            for folded, alias in self.alias_by_folded.items()
            if counts[folded, where]
        )
        return TopicEvaluation(
            topic=self.topic.name,
            score=_score(hits),
            hits=hits,
            min_score=self.topic.min_score,
            excluded_by=self._exclusion_found(article),
        )

    def _exclusion_found(self, article: _FoldedArticle) -> str | None:
        for term, pattern in self.exclusions:
            if pattern.search(article.title) or pattern.search(article.body):
                return term
        return None


def _score(hits: Iterable[AliasHit]) -> float:
    in_title = False
    text_points = 0.0
    for hit in hits:
        if hit.where == "title":
            in_title = True
        else:
            text_points += hit.count * (LEAD_POINTS if hit.where == "lead" else BODY_POINTS)
    return (TITLE_POINTS if in_title else 0.0) + min(text_points, TEXT_POINTS_CAP)
