"""Drop pinyin that a converter appended after Chinese characters: ``10時(shí)在`` -> ``10時在``.

Only a parenthesised *single pinyin syllable* right after a CJK character is an artifact, so real
parentheses stay: ``(雙城論壇)``, ``(Cisco Systems)``, ``(SCO)``, ``（1日）``.
"""

from __future__ import annotations

import re
import unicodedata

from dedup.textnorm import HAN

# The syllable grammar: an optional initial and a final. It accepts a few combinations that Mandarin does
# not use (``fun``); that is harmless because the candidate must also sit in parentheses after a hanzi.
_INITIALS = "zh|ch|sh|b|p|m|f|d|t|n|l|g|k|h|j|q|x|r|z|c|s|y|w"
_FINALS = (
    "iang|iong|uang|ueng|ang|eng|ing|ong|iao|ian|uai|uan|van|üan|ai|ei|ao|ou|an|en|er|ia|ie|io|iu"
    "|in|ua|ue|uo|ui|un|ve|üe|vn|ün|a|o|e|ê|i|u|v|ü"
)
_SYLLABLE = re.compile(rf"(?:{_INITIALS})?(?:{_FINALS})[1-5]?")
# Interjection syllables without a vowel: ``ń``, ``ňg``, ``hm``.
_VOWELLESS = frozenset({"n", "ng", "m", "hm", "hng"})

_HANZI = f"[{HAN}]"
# A letter run (Latin with its accented forms, combining marks) in ASCII or full-width parentheses.
_ANNOTATION = re.compile(
    rf"(?<={_HANZI})[(（]\s*(?P<syllable>[a-zA-Z\u00c0-\u024f\u0300-\u036f]{{1,7}}[1-5]?)\s*[)）]"
)
# Combining tone marks (macron, acute, caron, grave); the diaeresis of ü is a letter, not a tone.
_TONE_MARKS = frozenset({"\u0304", "\u0301", "\u030c", "\u0300"})


def _strip_tones(syllable: str) -> tuple[str, bool]:
    """The syllable without tone marks, and whether it carried any."""
    decomposed = unicodedata.normalize("NFD", syllable)
    plain = "".join(ch for ch in decomposed if ch not in _TONE_MARKS)
    return unicodedata.normalize("NFC", plain), plain != decomposed


def is_pinyin_syllable(candidate: str) -> bool:
    """True for one lower-case pinyin syllable, tone-marked (``shí``), numbered (``shi2``) or plain."""
    if not candidate or candidate != candidate.lower():
        return False  # converters write lower case; upper case in brackets is an acronym: (SCO)
    plain, toned = _strip_tones(candidate)
    numbered = plain[-1].isdigit()
    if plain.rstrip("12345") in _VOWELLESS:
        return toned or numbered
    if not _SYLLABLE.fullmatch(plain):
        return False
    # A bare single vowel in brackets is far more often an enumeration, "(a)", than a pinyin artifact.
    return toned or numbered or len(plain) > 1


def drop_pinyin_annotations(text: str) -> str:
    """Remove every parenthesised pinyin syllable that directly follows a CJK character."""
    if "(" not in text and "（" not in text:
        return text

    def replace(match: re.Match[str]) -> str:
        return "" if is_pinyin_syllable(match.group("syllable")) else match.group(0)

    return _ANNOTATION.sub(replace, text)
