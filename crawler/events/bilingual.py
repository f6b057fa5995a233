"""Patterns of Chinese or English words, not run on a text they cannot match.

Chinese patterns look for Chinese characters and English ones for Latin letters, and a sentence is
nearly always in one script: a text with no Latin letter cannot match an English pattern and an
all-ASCII one cannot match a Chinese pattern. Skipping those scans, or searching a pattern of both
(``将于|…|\\bwill\\s+be\\s+held\\b|…``) with the one half a text can match, finds exactly what the whole
pattern finds, and much faster: the English alternatives open with ``\\b``, which keeps the regular
expression engine from skipping ahead to the characters the Chinese ones begin with, so at every position
it tries them all.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache

# The Latin letters, matched as case-insensitive patterns match them (K also matches the Kelvin sign).
_LATIN_LETTER = re.compile("[a-z]", re.IGNORECASE)


def may_match_chinese(text: str) -> bool:
    """Whether a Chinese pattern (each match holds a Chinese character) may match in ``text``."""
    return not text.isascii()


# Sentences whose answers are kept: each step of the reader asks again of the same sentences (a Chinese one
# with no Latin letter is scanned to its end each time).
_SENTENCES_KEPT = 4096


@lru_cache(maxsize=_SENTENCES_KEPT)
def may_match_english(text: str) -> bool:
    """Whether an English pattern (each match holds a Latin letter) may match in ``text``."""
    return _LATIN_LETTER.search(text) is not None


@lru_cache(maxsize=_SENTENCES_KEPT)
def _lowered(text: str) -> str:
    return text.lower()


def may_hold_english_word(text: str, words: tuple[str, ...]) -> bool:
    """Whether a case-insensitive English pattern every match of which holds one of ``words`` (lower case)
    may match in ``text``. An all-ASCII text is looked through for the words; another is taken to hold
    them if it holds a Latin letter, as characters outside ASCII may match one (the Kelvin sign a k)."""
    if text.isascii():
        lowered = _lowered(text)
        return any(word in lowered for word in words)
    return may_match_english(text)


def known_word(word: str, words: Iterable[str]) -> str:
    """The one of ``words`` (lower case) that a case-insensitive pattern found as ``word``. As the pattern
    matched it, not as str.lower() spells it: re.IGNORECASE also takes ſ for s and the Kelvin sign for
    k, so a lookup by word.lower() would fail on "yeſterday" however rare it is."""
    lowered = word.lower()
    if lowered in words:
        return lowered
    return next(known for known in words if re.fullmatch(re.escape(known), word, re.IGNORECASE))


class ScriptPattern:
    """A compiled pattern of one script's words, run only on a text it may match."""

    def __init__(self, pattern: re.Pattern[str], may_match: Callable[[str], bool]) -> None:
        self.pattern = pattern
        self.may_match = may_match

    def search(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self.pattern.search(text, pos, endpos) if self.may_match(text) else None

    def match(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self.pattern.match(text, pos, endpos) if self.may_match(text) else None

    def finditer(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> Iterator[re.Match[str]]:
        return self.pattern.finditer(text, pos, endpos) if self.may_match(text) else iter(())


def _english_words_check(words: tuple[str, ...] | None) -> Callable[[str], bool]:
    """``may_match_english``, or, given the words (lower case) one of which every match of a
    case-insensitive English pattern holds, ``may_hold_english_word`` with them. Speed only: the English
    patterns open their alternatives with ``\\b``, which makes the engine try every one of them at every
    position of a sentence; most English sentences hold none of the words, and a substring test says so
    many times faster than the scan."""
    if words is None:
        return may_match_english
    return lambda text: may_hold_english_word(text, words)


def chinese_pattern(pattern: str, flags: int = 0) -> ScriptPattern:
    """A pattern every match of which holds a Chinese character."""
    return ScriptPattern(re.compile(pattern, flags), may_match_chinese)


def english_pattern(pattern: str, flags: int = 0, words: tuple[str, ...] | None = None) -> ScriptPattern:
    """A pattern every match of which holds a Latin letter (and, where ``words`` are given, one of them:
    see ``_english_words_check``)."""
    return ScriptPattern(re.compile(pattern, flags), _english_words_check(words))


class BilingualPattern:
    """``chinese|english`` compiled, searched as that one pattern would be. Every match of ``chinese`` must
    hold a Chinese character and every match of ``english`` a Latin letter; where ``english_words`` are given,
    every match of ``english`` holds one of them too (see ``_english_words_check``)."""

    def __init__(
        self, chinese: str, english: str, flags: int = 0, english_words: tuple[str, ...] | None = None
    ) -> None:
        self.whole = re.compile(f"{chinese}|{english}", flags)
        self.chinese = re.compile(chinese, flags)
        self.english = re.compile(english, flags)
        self._may_match_english = _english_words_check(english_words)

    def for_text(self, text: str) -> re.Pattern[str] | None:
        """The half (or the whole) that finds every match of the whole pattern in ``text``; None where
        neither half can match (an English text with none of the English half's words)."""
        if not may_match_chinese(text):
            return self.english if self._may_match_english(text) else None
        if not may_match_english(text):
            return self.chinese
        return self.whole

    def search(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        pattern = self.for_text(text)
        return pattern.search(text, pos, endpos) if pattern else None

    def match(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        pattern = self.for_text(text)
        return pattern.match(text, pos, endpos) if pattern else None

    def finditer(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> Iterator[re.Match[str]]:
        pattern = self.for_text(text)
        return pattern.finditer(text, pos, endpos) if pattern else iter(())


# A trie of characters: each key opens the words below it; "" ends a word.
_Trie = dict[str, "_Trie"]


def one_of(words: Iterable[str]) -> str:
    """An alternation of literal words (escaped), as a trie: ``Xi(?:amen|'an)``. The engine tries the words
    sharing an opening only where that opening stands, where a plain alternation tries every word at every
    position: the gazetteer's hundred cities are looked for in most patterns of places. A word that opens a
    longer one is tried after it, as an alternation sorted longest first would."""
    trie: _Trie = {}
    for word in words:
        node = trie
        for character in word:
            node = node.setdefault(character, {})
        node[""] = {}
    return _trie_pattern(trie)


def _trie_pattern(node: _Trie) -> str:
    branches = [re.escape(key) + _trie_pattern(child) for key, child in sorted(node.items()) if key]
    if not branches:
        return ""
    if len(branches) == 1 and "" not in node:
        return branches[0]
    return f"(?:{'|'.join(branches)})" + ("?" if "" in node else "")
