"""Each sentence's role in the article: evidence about the main forum, a holding verb only, another
edition, the series' past, another forum, or none; and its future and report cues."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Literal

from crawler.events import lexicon
from crawler.events.bilingual import BilingualPattern, english_pattern
from crawler.events.cues import CLAUSE_END, HOLDING, NOTICE_LABEL, NOTICE_LINE
from crawler.events.date_resolution import Direction
from crawler.events.main_forum import MainForum
from crawler.events.mention import Mention
from crawler.events.text import Sentence

Role = Literal["evidence", "holding", "other edition", "background", "another topic", "another forum", "none"]
_FUTURE = BilingualPattern(
    lexicon.FUTURE_CUES_ZH, lexicon.FUTURE_CUES_EN, re.IGNORECASE, lexicon.FUTURE_CUES_EN_WORDS
)
_REPORT = BilingualPattern(
    lexicon.REPORT_CUES_ZH, lexicon.REPORT_CUES_EN, re.IGNORECASE, lexicon.REPORT_CUES_EN_WORDS
)
_HEADLINE_REPORT = english_pattern(
    lexicon.HEADLINE_REPORT_CUES_EN, re.IGNORECASE, lexicon.HEADLINE_REPORT_CUES_EN_WORDS
)
_BACKGROUND = BilingualPattern(
    lexicon.BACKGROUND_ZH, lexicon.BACKGROUND_EN, re.IGNORECASE, lexicon.BACKGROUND_EN_WORDS
)


@dataclass(frozen=True)
class ReadSentence:
    sentence: Sentence
    mentions: tuple[Mention, ...]
    role: Role
    future_cue: str | None
    report_cue: str | None  # only where no future cue stands in the same sentence
    referring: tuple[Mention, ...] = ()  # the mentions that refer to the main forum


# Sentences that may speak of the edition the story is about (not of another one, nor of the series' past).
THIS_EDITION = ("evidence", "holding", "none")


def read_sentence(main: MainForum, sentence: Sentence, mentions: list[Mention]) -> ReadSentence:
    folded = sentence.folded
    referring = tuple(m for m in mentions if main.is_referred_to(m)) if mentions else ()
    role: Role
    if (
        any(main.is_other_edition(m) for m in mentions) and not any(main.is_this_edition(m) for m in mentions)
    ) or _opens_on_another_edition(main, folded):
        role = "other edition"
    elif _speaks_of_the_past(folded):
        role = "background"
    elif referring:
        role = "evidence"
    elif mentions and _names_another_forum(main, mentions):
        role = "another forum"
    elif HOLDING.search(folded) or NOTICE_LABEL.match(folded):
        role = "holding"
    else:
        role = "none"
    future = _FUTURE.search(folded)
    # A notice's line (【活动安排】上午举行主论坛, 时间：…) tells a programme, not a forum held.
    report = None if future or NOTICE_LINE.match(folded) else _REPORT.search(folded)
    if report is None and future is None and sentence.in_title:
        report = _HEADLINE_REPORT.search(folded)
    return ReadSentence(
        sentence=sentence,
        mentions=tuple(mentions),
        role=role,
        future_cue=sentence.original[future.start() : future.end()] if future else None,
        report_cue=sentence.original[report.start() : report.end()] if report else None,
        referring=referring,
    )


def _names_another_forum(main: MainForum, mentions: list[Mention]) -> bool:
    """Whether the sentence names a forum of another series (另据了解，第十届海峡两岸城市发展论坛将于6月在福州举行;
    "Separately, … the Kaohsiung Harbour Cities Forum … would take place on Nov. 20") and none that
    refers to the story's: its dates and places are that forum's. Only where the body names the story's forum by
    its own name too: a body naming it only otherwise ("the ASEAN Forum of City Heads" under a headline's "ASEAN
    mayors' forum") may be naming it in words the headline did not use."""
    if not any(m.name and m.key and not main.is_referred_to(m) and not m.within for m in mentions):
        return False
    return any(not m.sentence.in_title for m in main.mentions if m.name)


def future_cues(folded: str) -> list[tuple[int, int]]:
    """Where a sentence's future cues stand (start, end)."""
    return [found.span() for found in _FUTURE.finditer(folded)]


# "The next edition of the forum will take place in …", "The 2030 edition was held in …": a sentence that opens
# on another edition than the story's (a year other than the forum's).
_ANOTHER_EDITION_EN = re.compile(
    r"\W*(?:the\s+)?(?:(?P<which>next|previous|last|prior|following|upcoming)|(?P<year>(?:19|20)\d{2}))\s+"
    r"(?:edition|meeting|session|round|instal?lment)\b",
    re.IGNORECASE,
)


def _opens_on_another_edition(main: MainForum, folded: str) -> bool:
    found = _ANOTHER_EDITION_EN.match(folded)
    if found is None:
        return False
    return found.group("which") is not None or (
        main.year is not None and int(found.group("year")) != main.year
    )


_ATTRIBUTIVE_TO_A_FORUM = re.compile(
    rf"[^，。,；;：:]*?的[^，。,；;：:]{{0,20}}?(?:{'|'.join(lexicon.FORUM_NOUNS_ZH)})"
)


# 去年12月在台北举行的…论坛上, 前年举办的论坛: a forum told as held in a year past is an earlier edition,
# whatever the words describe (a follow-up on what came of it); a date written in full is not caught by the
# cue (去年12月28日举行的论坛 may be the one a January report is about).
_PAST_YEAR = re.compile(r"去年|前年")


def _speaks_of_the_past(folded: str) -> bool:
    """Whether the sentence is about the series' past or habits: a cue in its first clause. A later
    clause adds to what the sentence says ("opened on Friday, the first time the island has hosted
    it"), and a cue inside a clause that only describes the forum (由两市轮流主办的城市交流论坛，今年…)
    does not make the sentence background, unless it dates the forum to a year past."""
    first_clause = CLAUSE_END.search(folded)
    first_clause_end = first_clause.start() if first_clause else len(folded)
    for found in _BACKGROUND.finditer(folded):
        if found.start() >= first_clause_end:
            return False  # as does every cue after it: no need to scan the sentence to its end
        if not _ATTRIBUTIVE_TO_A_FORUM.match(folded, found.end()) or _PAST_YEAR.match(found.group()):
            return True
    return False


_QUESTION = re.compile(lexicon.QUESTION_LABELS, re.IGNORECASE)
_BROADCAST = re.compile(lexicon.BROADCAST_LABELS, re.IGNORECASE)
_QUESTIONS_OF_A_TRANSCRIPT = 2


def set_aside_other_answers(main: MainForum, read: list[ReadSentence]) -> list[ReadSentence]:
    """In a press conference's transcript (记者：… 发言人：…, "Q: … A: …") each answer speaks of what its
    question asks: the sentences answering a question that does not refer to the main forum are about
    another topic, whatever forum noun or date they hold (上周举行的洽谈会, 今年论坛的具体时间 of another
    series). A transcript asks several questions: one label alone may be a byline (记者：王小明). A
    broadcast's transcript (主播：…, 记者：…, 同期声：…) asks none: its 记者 is the reporter's voice."""
    questions = {
        r.sentence.position for r in read if not r.sentence.in_title and _QUESTION.match(r.sentence.folded)
    }
    if len(questions) < _QUESTIONS_OF_A_TRANSCRIPT:
        return read
    if any(_BROADCAST.match(r.sentence.folded) for r in read if not r.sentence.in_title):
        return read
    result = []
    other_topic = False
    for item in read:
        if item.sentence.position in questions:
            other_topic = not any(main.is_referred_to(m) for m in item.mentions)
        if other_topic and item.role in THIS_EDITION:
            item = replace(item, role="another topic")
        result.append(item)
    return result


def tense_of(item: ReadSentence) -> Direction:
    """The tense a yearless or weekday date is read in. Headlines drop 将 and write the bare verb
        (29日開幕, 周五在滬舉行) for a forum to come as for one held, and so do a schedule's lines (上午9时
    …论坛开幕式): only a future cue counts there."""
    if item.future_cue:
        return "future"
    headline_like = item.sentence.in_title or item.sentence.under_heading
    return "past" if item.report_cue and not headline_like else "nearest"
