"""The dates of a larger event the forum is held within: once the text says the forum is one of its events
(该论坛是…博览会的配套活动之一, "takes place alongside the … summit"), a clause that goes on about that event
(博览会则于17日至20日举行, "which began on June 2 and ends on June 4") or a later sentence naming no forum that
opens with it (大会于15日开幕，17日闭幕; 本届东博会于17日开幕 after a sentence on the forum's length) gives that
event's days, not the forum's: a forum with its own date keeps it."""

from __future__ import annotations

import re

from crawler.events import lexicon
from crawler.events.date_phrases import find_date_phrases
from crawler.events.sentence_roles import ReadSentence

# The forum is one of a larger event's: 配套活动之一, 系列活动之一, 的配套活动; "alongside", "on the sidelines of".
_PART_OF = re.compile(
    r"(?:配套|周边|系列|重要|主要|平行)活动之一|的(?:重要|主要)?(?:配套|周边|平行)活动"
    # 展期首日同步舉辦「…論壇」, 市长论坛同期举办: held at the same time as the larger event, as one of its events
    r"|(?:同期|同步)(?:举办|举行|召开)"
    r"|\b(?:alongside|on\s+the\s+sidelines\s+of|as\s+(?:a\s+)?part\s+of|is\s+part\s+of)\b",
    re.IGNORECASE,
)
_LARGER_ZH = rf"(?:{lexicon.UMBRELLA_EVENTS_ZH}|大会|峰会|年会)"
# A clause about the larger event: it opens with its noun (，博览会则于…, 大会于…), or its short name (本届旅博会于…),
# or, in English, is a relative clause on it (", which began on …") or opens with "the summit".
_LARGER_CLAUSE_ZH = re.compile(
    rf"(?:^|[，,；;])\s*(?:该|本届|此次|今年的?)?(?:{_LARGER_ZH}|[\u3400-\u9fff]{{1,3}}?(?:{lexicon.UMBRELLA_EVENTS_ZH})"
    # an exhibition by its name in quotes: 「2031智慧城市展」将于…
    r"|[「“『][^」”』，。]{1,24}?(?:展|展览|博览会)[」”』])"
    r"(?:则|也|将|已|于|在|自)"
)
_LARGER_CLAUSE_EN = re.compile(
    r",\s*which\b|(?:^|[,;]\s*)the\s+(?:[\w'’-]+\s+){0,3}?"
    r"(?:summit|congress|expo|exposition|fair|festival|week|convention)\s+(?:itself\s+)?(?:began|opened|runs|ran|will|is|was)\b",
    re.IGNORECASE,
)


def larger_event_dates(read: list[ReadSentence]) -> set[tuple[int, int]]:
    """(sentence position, phrase start) of every date the text gives a larger event the forum is part of."""
    # Most stories make the forum no larger event's: one search of each sentence about the forum says so.
    first_cue = next(
        (
            i
            for i, item in enumerate(read)
            if item.role == "evidence" and _PART_OF.search(item.sentence.folded)
        ),
        None,
    )
    if first_cue is None:
        return set()
    found: set[tuple[int, int]] = set()
    # The larger event may be told of before the sentence that makes the forum one of its events: 本届智博会
    # 将于8月22日至24日…举办。 over 作为智博会系列活动之一，…论坛将于8月23日上午举行 (a clause of a sentence
    # naming no forum, after the lead's "获悉") ...
    for item in read[:first_cue]:
        if item.role != "evidence" and not item.sentence.in_title:
            clause = _LARGER_CLAUSE_ZH.search(item.sentence.folded)
            if clause is not None:
                found |= {
                    (item.sentence.position, p.start)
                    for p in find_date_phrases(item.sentence)
                    if p.start >= clause.start()
                }
    cue_seen = False  # ... or after another sentence on the forum (论坛为期半天。)
    for item in read:
        folded = item.sentence.folded
        cue = _PART_OF.search(folded) if item.role == "evidence" else None
        if cue is not None:
            clause = _LARGER_CLAUSE_ZH.search(folded, cue.end()) or _LARGER_CLAUSE_EN.search(
                folded, cue.end()
            )
            if clause is not None:
                found |= {
                    (item.sentence.position, p.start)
                    for p in find_date_phrases(item.sentence)
                    if p.start >= clause.start()
                }
        elif cue_seen and item.role != "evidence" and _LARGER_CLAUSE_ZH.match(folded):
            found |= {(item.sentence.position, p.start) for p in find_date_phrases(item.sentence)}
        cue_seen = cue_seen or cue is not None
    return found
