"""Cue patterns shared by the reader's steps: holding, travel and closing verbs, clause ends, notice labels."""

from __future__ import annotations

import re

from crawler.events import lexicon
from crawler.events.bilingual import BilingualPattern

HOLDING = BilingualPattern(
    lexicon.HOLDING_VERBS_ZH, lexicon.HOLDING_VERBS_EN, re.IGNORECASE, lexicon.HOLDING_VERBS_EN_WORDS
)
TRAVEL = BilingualPattern(lexicon.TRAVEL_VERBS_ZH, lexicon.TRAVEL_VERBS_EN, re.IGNORECASE)
CLAUSE_END = re.compile(r"[，。,；;：:！？!?]")
CLOSING_ZH = re.compile(lexicon.CLOSING_VERBS_ZH)
NOTICE_LABEL = re.compile(lexicon.NOTICE_LABELS, re.IGNORECASE)
NOTICE_LINE = re.compile(lexicon.NOTICE_LINE, re.IGNORECASE)
