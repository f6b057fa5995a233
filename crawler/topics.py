"""Topic matching v1: a topic matches when one of its aliases occurs in the title or the body.

Both sides are script-folded (Traditional -> Simplified), width- and case-folded, with punctuation and
white space collapsed, so 雙城論壇 matches 双城论坛 and 'Twin-City Forum' matches 'twin city forum'.
Latin-script aliases must stand as whole words ('forum' does not match 'forums' inside a word).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from storage.textnorm import normalise_for_matching

_LATIN_EDGE = re.compile(r"[0-9a-z]")


@dataclass(frozen=True)
class Topic:
    name: str
    aliases: tuple[str, ...]


@dataclass(frozen=True)
class TopicMatch:
    topic: str
    alias: str
    where: str  # "title" or "text"


class TopicMatcher:
    """Matches articles against the watched topics; build once per crawl, reuse for every article."""

    def __init__(self, topics: Iterable[Topic]) -> None:
        self._patterns: list[tuple[str, str, re.Pattern[str]]] = []
        for topic in topics:
            for alias in topic.aliases:
                folded = normalise_for_matching(alias)
                if folded:
                    self._patterns.append((topic.name, alias, _alias_pattern(folded)))

    def match(self, title: str, text: str) -> list[TopicMatch]:
        """One match per topic (the first alias found, title before text), in configuration order."""
        folded = {"title": normalise_for_matching(title), "text": normalise_for_matching(text)}
        matches: dict[str, TopicMatch] = {}
        for topic, alias, pattern in self._patterns:
            if topic in matches:
                continue
            for where in ("title", "text"):
                if pattern.search(folded[where]):
                    matches[topic] = TopicMatch(topic, alias, where)
                    break
        return list(matches.values())


def _alias_pattern(folded_alias: str) -> re.Pattern[str]:
    # Word boundaries only where the alias begins or ends with a Latin letter or digit: CJK text has
    # no spaces, so 双城论坛 must match inside 2021双城论坛开幕.
    start = r"(?<![0-9a-z])" if _LATIN_EDGE.match(folded_alias[0]) else ""
    end = r"(?![0-9a-z])" if _LATIN_EDGE.match(folded_alias[-1]) else ""
    return re.compile(start + re.escape(folded_alias) + end)
