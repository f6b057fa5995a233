"""The words the reader's English cue patterns are prefiltered by (``bilingual.BilingualPattern``): every
alternative of each pattern must hold one of its words, or a sentence would be skipped that it matches."""

from __future__ import annotations

import re

import pytest

from crawler.events import lexicon
from crawler.events.bilingual import BilingualPattern

PREFILTERED = [
    (lexicon.FUTURE_CUES_EN, lexicon.FUTURE_CUES_EN_WORDS),
    (lexicon.REPORT_CUES_EN, lexicon.REPORT_CUES_EN_WORDS),
    (lexicon.HEADLINE_REPORT_CUES_EN, lexicon.HEADLINE_REPORT_CUES_EN_WORDS),
    (lexicon.BACKGROUND_EN, lexicon.BACKGROUND_EN_WORDS),
    (lexicon.HOLDING_VERBS_EN, lexicon.HOLDING_VERBS_EN_WORDS),
]


def _top_level_alternatives(pattern: str) -> list[str]:
    alternatives, depth, start, escaped = [], 0, 0, False
    for position, character in enumerate(pattern):
        if escaped:
            escaped = False
        elif character == "\\":
            escaped = True
        elif character in "([":
            depth += 1
        elif character in ")]":
            depth -= 1
        elif character == "|" and depth == 0:
            alternatives.append(pattern[start:position])
            start = position + 1
    return [*alternatives, pattern[start:]]


@pytest.mark.parametrize(("pattern", "words"), PREFILTERED)
def test_events_every_alternative_holds_a_word(pattern: str, words: tuple[str, ...]) -> None:
    for alternative in _top_level_alternatives(pattern):
        assert any(word in alternative.lower() for word in words), alternative


@pytest.mark.parametrize(
    "text",
    [
        "The forum WAS HELD in Taipei.",
        "Officials met on Monday.",
        "论坛于昨日举行",
        "APEC论坛 was held 昨日",
        "It is under way.",
        "",
    ],
)
def test_events_prefiltered_pattern_finds_what_the_whole_finds(text: str) -> None:
    whole = re.compile(f"{lexicon.REPORT_CUES_ZH}|{lexicon.REPORT_CUES_EN}", re.IGNORECASE)
    pattern = BilingualPattern(
        lexicon.REPORT_CUES_ZH, lexicon.REPORT_CUES_EN, re.IGNORECASE, lexicon.REPORT_CUES_EN_WORDS
    )
    expected = whole.search(text)
    found = pattern.search(text)
    assert (found.span() if found else None) == (expected.span() if expected else None)
    assert [m.span() for m in pattern.finditer(text)] == [m.span() for m in whole.finditer(text)]
