"""The excerpt of a story in an alert: its start, measured so that Chinese and English texts come out
about as long to read, cut at a sentence end where one is near. Pure."""

from __future__ import annotations

import re
from typing import Final

# The excerpt's length in CJK characters; a word of Latin letters counts as three of them (~40 words).
EXCERPT_UNITS: Final = 120

_CJK = (
    "\u2e80-\u2fff\u3040-\u30ff\u3100-\u312f\u3190-\u31ff\u3400-\u4dbf\u4e00-\u9fff"
    "\uac00-\ud7af\uf900-\ufaff\U00020000-\U0003134f"
)
_WIDE_PUNCTUATION = "\u3000-\u303f\ufe30-\ufe4f\uff00-\uffef"
_TOKEN = re.compile(rf"[{_CJK}]|[{_WIDE_PUNCTUATION}]|[^\s{_CJK}{_WIDE_PUNCTUATION}]+")
_CLOSERS = "”’」』）)\"'》〉】"
# After this a sentence has ended: Chinese or Western end punctuation, with any closing quotes.
_SENTENCE_END = re.compile(
    rf"(?:[。！？!?…]|(?<![A-Z])(?<!\bMr)(?<!\bMs)(?<!\bDr)(?<!\bSt)(?<!\bNo)\.)[{_CLOSERS}]*$"
)
_WEAK_END = ",;:，、；：（(“「『‘-—–·/ "
_NEAR = (0.6, 1.2)  # a sentence end this near the budget (as a share of it) is where the excerpt stops
_SLACK = 1.1  # a text at most this much longer than the budget is given whole


def excerpt(text: str, units: int = EXCERPT_UNITS) -> str:
    """The start of ``text``: about ``units`` CJK characters (a Latin word counts as three, so about
    40 English words), ending at a sentence end when one is near, with "…" when the text was cut."""
    flat = _flatten(text)
    spans: list[tuple[int, int]] = []  # (end offset, cumulative cost) after each token
    cost = 0
    for match in _TOKEN.finditer(flat):
        cost += _cost(match.group())
        spans.append((match.end(), cost))
    if cost <= units * _SLACK:
        return flat
    sentence_ends = [
        (end, spent)
        for end, spent in spans
        if units * _NEAR[0] <= spent <= units * _NEAR[1] and _ends_sentence(flat, end)
    ]
    if sentence_ends:
        end, _ = min(sentence_ends, key=lambda span: (abs(span[1] - units), span[1]))
        kept = flat[:end].rstrip()
        return kept + ("…" if is_wide(kept[-1]) else " …")
    end = max((end for end, spent in spans if spent <= units), default=0)
    return flat[:end].rstrip(_WEAK_END) + "…"


def is_wide(character: str) -> bool:
    """Whether ``character`` is written full-width (CJK, wide punctuation, closing quotes): no space is
    put between it and a neighbour of its kind."""
    return bool(re.match(rf"[{_CJK}{_WIDE_PUNCTUATION}{_CLOSERS}“‘]", character))


def _flatten(text: str) -> str:
    """The paragraphs on one line: joined without a space between Chinese ones, with one otherwise."""
    paragraphs = [" ".join(line.split()) for line in text.splitlines()]
    flat = ""
    for paragraph in filter(None, paragraphs):
        if flat and not (is_wide(flat[-1]) and is_wide(paragraph[0])):
            flat += " "
        flat += paragraph
    return flat


def _cost(token: str) -> int:
    if len(token) == 1 and is_wide(token):
        return 1
    if any(character.isalpha() for character in token):
        return 3
    if any(character.isdigit() for character in token):
        return min(3, len(token))
    return 1


def _ends_sentence(text: str, end: int) -> bool:
    if end < len(text) and text[end] in _CLOSERS:
        return False  # the quote the sentence ends in closes after it
    if not _SENTENCE_END.search(text, max(0, end - 12), end):
        return False
    # An English full stop ends a sentence only before a space (or the end), not in 3.5 or U.S.A.
    return end == len(text) or text[end - 1] != "." or text[end].isspace() or is_wide(text[end])
