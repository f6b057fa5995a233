"""The extraction metric of ``shared/eval/README.md``, exactly, so figures compare across tools and runs.

- Tokens: every CJK character (U+3040-30FF, U+3400-9FFF, U+F900-FAFF) is one token; every other run of word
  characters is one token; lower-cased.
- Per page: multisets of 4-token shingles of the output and the gold body; precision = shared / output
  shingles, recall = shared / gold shingles; an empty output scores 0 and 0.
- Over a set: P and R are means over pages; F1 = 2PR / (P + R) of those means.

A text shorter than four tokens is one shingle of all its tokens, as in Scrapinghub's
article-extraction-benchmark that the metric comes from.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

_CJK = "\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff"
_TOKEN = re.compile(rf"[{_CJK}]|[^\W{_CJK}]+")
SHINGLE_SIZE = 4


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(text.lower())


def shingles(text: str, size: int = SHINGLE_SIZE) -> Counter[tuple[str, ...]]:
    words = tokens(text)
    if not words:
        return Counter()
    return Counter(tuple(words[i : i + size]) for i in range(max(1, len(words) - size + 1)))


@dataclass(frozen=True)
class PageScore:
    precision: float
    recall: float


def score_page(output: str, gold: str) -> PageScore:
    produced = shingles(output)
    expected = shingles(gold)
    if not produced or not expected:
        return PageScore(0.0, 0.0)
    shared = sum((produced & expected).values())
    return PageScore(shared / sum(produced.values()), shared / sum(expected.values()))


@dataclass(frozen=True)
class SetScore:
    precision: float
    recall: float

    @property
    def f1(self) -> float:
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0


def score_set(pages: Iterable[PageScore]) -> SetScore:
    scores = list(pages)
    if not scores:
        return SetScore(0.0, 0.0)
    return SetScore(
        sum(s.precision for s in scores) / len(scores), sum(s.recall for s in scores) / len(scores)
    )


def contains_all(output: str, phrases: Iterable[str]) -> bool:
    """Body ok: every phrase is in the output, white space removed on both sides."""
    squeezed = "".join(output.split())
    return all("".join(phrase.split()) in squeezed for phrase in phrases)


@dataclass(frozen=True)
class SegmentCounts:
    """trafilatura's evaluation: segments that must appear (``with``) and must not (``without``)."""

    true_positives: int = 0  # a "with" segment found
    false_negatives: int = 0  # a "with" segment missing
    false_positives: int = 0  # a "without" segment found
    true_negatives: int = 0  # a "without" segment absent

    def __add__(self, other: SegmentCounts) -> SegmentCounts:
        return SegmentCounts(
            self.true_positives + other.true_positives,
            self.false_negatives + other.false_negatives,
            self.false_positives + other.false_positives,
            self.true_negatives + other.true_negatives,
        )

    @property
    def precision(self) -> float:
        found = self.true_positives + self.false_positives
        return self.true_positives / found if found else 0.0

    @property
    def recall(self) -> float:
        expected = self.true_positives + self.false_negatives
        return self.true_positives / expected if expected else 0.0

    @property
    def f1(self) -> float:
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0

    @property
    def accuracy(self) -> float:
        everything = self.true_positives + self.false_negatives + self.false_positives + self.true_negatives
        return (self.true_positives + self.true_negatives) / everything if everything else 0.0


def count_segments(
    output: str, must_contain: Iterable[str], must_not_contain: Iterable[str]
) -> SegmentCounts:
    """One page's segment counts, white space removed on both sides (as trafilatura's evaluation does)."""
    squeezed = "".join(output.split())
    found = ["".join(segment.split()) in squeezed for segment in must_contain]
    leaked = ["".join(segment.split()) in squeezed for segment in must_not_contain]
    return SegmentCounts(sum(found), len(found) - sum(found), sum(leaked), len(leaked) - sum(leaked))
