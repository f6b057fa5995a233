"""A forum mention (a named forum, or a bare noun that refers back to one) and the series key that
groups a series' names."""

from __future__ import annotations

import re
from dataclasses import dataclass

from crawler.events import lexicon
from crawler.events.text import Sentence

_EARLIEST_YEAR, _LATEST_YEAR = 1949, 2100
_NOT_KEY = re.compile(r"[\W_]+")
SERIES_OF_ALIAS = {alias: aliases[0] for aliases in lexicon.SERIES_ALIASES for alias in aliases}


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
    within: bool = False  # one of the events a larger one holds: 期间举办…论坛, "includes a … forum"

    @property
    def order(self) -> tuple[int, int]:
        return (self.sentence.position, self.start)


def checked_year(year: int) -> int | None:
    return year if _EARLIEST_YEAR <= year <= _LATEST_YEAR else None


def series_key(folded_name: str) -> str:
    key = _NOT_KEY.sub("", folded_name).lower()
    return SERIES_OF_ALIAS.get(key, key)
