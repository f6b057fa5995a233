"""An article as a list of sentences, each in its original script and folded for matching.

The folded copy has exactly the length of the original, so an offset found in one is valid in the
other: cues are matched on folded text, names and places are sliced out of the original.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from storage.textnorm import fold_script

# Full-width ASCII (０-９, Ａ-Ｚ, （）, －) to ASCII, one character for one, and the ideographic space.
_HALF_WIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}

# A sentence ends at Chinese or Western end punctuation (with any closing quotes after it) or a line
# break; an English full stop only before white space and a capital, a quote or a digit, and not after
# the abbreviations news prose uses (Mr. Ko, Sept. 3).
_CJK_END = re.compile(r"[。！？!?；;]+[”」』\"')）]*|\n")
_EN_END = re.compile(r"(?<!\bMr)(?<!\bMs)(?<!\bDr)(?<!\bSt)(?<!\bNo)(?<![A-Z])\.[\"”']?(?=\s+[A-Z“\"(\d])")
_EN_MONTH_ABBREVIATION = re.compile(r"\b(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)$")


@dataclass(frozen=True)
class Sentence:
    position: int  # reading order: 0 is the title, the body's sentences follow
    in_title: bool
    original: str
    folded: str


def fold(text: str) -> str:
    """Traditional to Simplified and full-width to ASCII, keeping every character's offset."""
    folded = fold_script(text).translate(_HALF_WIDTH)
    if len(folded) == len(text):
        return folded
    # OpenCC changed a length (a phrase mapping): fold character by character, which keeps offsets.
    return "".join(_fold_character(character) for character in text)


def _fold_character(character: str) -> str:
    folded = fold_script(character).translate(_HALF_WIDTH)
    return folded if len(folded) == 1 else character


def sentences_of(title: str, text: str) -> list[Sentence]:
    """The title as one sentence, then the body's sentences, in reading order; empty ones dropped."""
    result: list[Sentence] = []
    if title.strip():
        result.append(Sentence(0, True, title.strip(), fold(title.strip())))
    folded_text = fold(text)
    body_count = 0
    for start, end in _sentence_spans(folded_text):
        original = text[start:end]
        stripped = original.strip()
        if stripped:
            offset = start + original.index(stripped)
            folded = folded_text[offset : offset + len(stripped)]
            body_count += 1
            result.append(Sentence(body_count, False, stripped, folded))
    return result


def _sentence_spans(text: str) -> list[tuple[int, int]]:
    ends = {match.end() for match in _CJK_END.finditer(text)}
    ends |= {
        match.end()
        for match in _EN_END.finditer(text)
        if not _EN_MONTH_ABBREVIATION.search(text, 0, match.start())
    }
    spans: list[tuple[int, int]] = []
    start = 0
    for end in sorted(ends):
        spans.append((start, end))
        start = end
    if start < len(text):
        spans.append((start, len(text)))
    return spans
