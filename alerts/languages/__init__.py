"""The words of alert messages, one module per language (zh_hans, zh_hant, en), kept apart from the code
that puts them together (alerts/messages.py). To change a label, edit its language's module; to add a
language, add a module that fills in a Wording and a tag here.

Labels follow the article: Simplified Chinese for zh in Simplified script (or of unknown script),
Traditional Chinese for zh in Traditional script, English for every other language.
"""

from __future__ import annotations

import re
from typing import Final, Literal

from alerts.languages import en, zh_hans, zh_hant
from alerts.languages.wording import Wording

Tag = Literal["zh-Hans", "zh-Hant", "en"]

WORDINGS: Final[dict[Tag, Wording]] = {
    "zh-Hans": zh_hans.WORDING,
    "zh-Hant": zh_hant.WORDING,
    "en": en.WORDING,
}

_TRADITIONAL_REGIONS = frozenset({"hant", "tw", "hk", "mo"})


def language_tag(language: str | None, script: str | None) -> Tag:
    """The labels' language (BCP 47) for an article: zh-Hant, zh-Hans (zh of unknown script) or en."""
    subtags = re.split(r"[-_]", (language or "").strip().lower())
    if subtags[0] != "zh":
        return "en"
    if (script or "").strip().lower() == "hant":
        return "zh-Hant"
    if script is None and _TRADITIONAL_REGIONS.intersection(subtags[1:]):
        return "zh-Hant"
    return "zh-Hans"
