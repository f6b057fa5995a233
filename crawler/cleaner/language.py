"""Language and script of the cleaned text."""

from __future__ import annotations

import re

from dedup.textnorm import HAN, detect_script

_CJK = re.compile(f"[{HAN}]")
_LATIN_LETTER = re.compile(r"[A-Za-z\u00c0-\u024f]")
_CJK_LANGUAGES = frozenset({"zh", "ja", "ko"})
# A hanzi carries about as much text as a short English word (4-6 letters), so Chinese text with English
# names and terms still has a CJK share well above this; English text quoting a few names stays below.
_CHINESE_SHARE = 0.2


def language_by_script(text: str) -> str | None:
    """Return "zh" when CJK characters make up a real share of the letters, "en" for Latin text."""
    cjk = len(_CJK.findall(text))
    latin = len(_LATIN_LETTER.findall(text))
    if cjk + latin == 0:
        return None
    return "zh" if cjk / (cjk + latin) > _CHINESE_SHARE else "en"


def choose_language(declared: str | None, text: str) -> str | None:
    """``<html lang>`` when the text agrees with it; the script decides when it does not.

    Templates often keep a default ``lang="en"`` on Chinese pages, so a Latin-script declaration does not
    outvote Chinese text.
    """
    detected = language_by_script(text)
    if declared is None or detected is None:
        return declared or detected
    if declared == detected:
        return declared
    if detected == "zh":
        return declared if declared in _CJK_LANGUAGES else detected
    return declared if declared not in _CJK_LANGUAGES else detected


def script_of(text: str) -> str | None:
    """ISO 15924 script of Chinese text ("Hans"/"Hant"); None for text without (enough) hanzi."""
    return detect_script(text)
