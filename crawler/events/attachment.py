"""What a date phrase is the date of, from the words right around it.

A date told as the day something was said (市府今（5）日宣布, announced on Tuesday) or as the one given up
(原訂8月29日, originally set for Aug. 29) is not the forum's; the date it moved to (延至9月10日, pushed back
to Sept. 10) is, and so is one tied to the holding verb (將於本月28日登場, will be held Aug. 28-29). A
date tied to a closing verb, or one the forum runs until, is its last day. A date a correction withdraws
("An earlier version of this article said … Sept 14", 誤植為) is none of the forum's.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from crawler.events import lexicon
from crawler.events.bilingual import BilingualPattern, english_pattern, may_match_english
from crawler.events.cues import CLAUSE_END, HOLDING, NOTICE_LABEL, TRAVEL
from crawler.events.date_patterns import ZH_LEAD_MARKER
from crawler.events.date_phrases import DatePhrase, find_date_phrases
from crawler.events.text import Sentence

_CLOSING_AFTER_ZH = re.compile(
    rf"(?:[^，。,；;]{{0,10}}?|{lexicon.AT_THE_VENUE_ZH})(?:{lexicon.CLOSING_VERBS_ZH})"
)
_CLOSING_EN = re.compile(lexicon.CLOSING_VERBS_EN, re.IGNORECASE)
# 12月3日至4日在沪举行的…论坛刚刚落下帷幕: the date is of the holding verb of a clause describing the forum
# (举行的, 召开的), not of the closing the sentence goes on to tell.
_HELD_THEN_ZH = re.compile(r"(?:举行|举办|召开|开幕|登场|揭幕)的")
_AS_IT_CLOSED_AFTER_EN = re.compile(
    rf"\s*,?\s+(?:as|when)\s+[^.;,]{{0,60}}?(?:{lexicon.CLOSING_VERBS_EN})", re.IGNORECASE
)
RUNS_UNTIL_BEFORE = re.compile(
    f"{lexicon.RUNS_UNTIL_BEFORE_ZH}|{lexicon.RUNS_UNTIL_BEFORE_EN}", re.IGNORECASE
)
_CLAUSE_BEFORE_EN = re.compile(r"[^,;.:]+$")
# "which runs through Friday", "continues until Sunday": told in the present (or the future), the day a forum
# runs until is still to come, or today.
_RUNS_ON_UNTIL_EN = english_pattern(
    r"\b(?:runs|running|continues|continuing|lasts|lasting|will\s+(?:run|continue|last))\s+(?:through|until|till|to)"
    r"\s+(?:on\s+)?$",
    re.IGNORECASE,
)
_RUNS_ON_REACH = 40
# "concluded in Fuzhou, capital of east China's Fujian Province, on Wednesday": a closing verb, the place
# and its apposition, then the date (looked for further back than the verb right before the date).
_CLOSED_IN_A_PLACE_BEFORE_EN = english_pattern(
    rf"(?:{lexicon.CLOSING_VERBS_EN})\s+in(?:[\s,]+[\w.'’-]+){{1,14}}?,\s+(?:on\s+)?$", re.IGNORECASE
)
# What that pattern ends with, looked for first in the few characters before the date: most dates have none.
_COMMA_BEFORE_EN = re.compile(r",\s+(?:on\s+)?$", re.IGNORECASE)
_COMMA_REACH = 8
_CLAUSE_REACH = 160
_FINAL_DAY_AFTER = re.compile(f"{lexicon.FINAL_DAY_AFTER_ZH}|{lexicon.FINAL_DAY_AFTER_EN}", re.IGNORECASE)
# Another meeting's day: a press conference's, a council session's (议会今天进行总质询).
_PRESS_EVENT_ZH = re.compile(lexicon.PRESS_EVENTS_ZH)
# The meeting right before the date is the subject its date is of: 辯論會今晚登場, 記者會今天上午舉行.
_PRESS_EVENT_BEFORE_ZH = re.compile(rf"(?:{lexicon.PRESS_EVENTS_ZH})\s*$")
_MEETING_DAY_BEFORE_EN = english_pattern(lexicon.MEETING_DAY_BEFORE_EN, re.IGNORECASE)
_SPEECH_ZH = re.compile(
    r"宣布|表示|指出|说|称|透露|公布|发布|证实|确认|强调|致函|回应|受访|获悉|了解到|得知|获知|采访"
    r"|通知|提醒"  # 主辦單位今天通知與會媒體: the day of a notice
    r"|核准|批准|核定|许可"  # 陸委會昨天核准: the day of an approval
)
_SPEECH_BEFORE_EN = re.compile(
    r"\b(?:announced|announces|said|says|told|stated|confirmed|unveiled|revealed|reported|noted|learned|learnt"
    r"|warned|warns|urged|urges|reminded|reminds)"
    r"(?:\s+\w+){0,1}\s+(?:on\s+)?$",
    re.IGNORECASE,
)
# "on Tuesday announced"; with a comma only when the date opens the sentence ("On Tuesday, the city
# announced ..."): a comma elsewhere ends the date's clause, and ", the office said" is the sentence's.
_SPEECH_AFTER_EN = re.compile(
    r"\s+(?:(?:also|formally|officially)\s+)?(?:announced|announces|said|says|told|confirmed|unveiled"
    r"|approved|approves|authorized|authorised|rejected"  # the day of an approval, not the forum's
    r"|warned|warns|urged|urges|reminded|reminds)\b",  # "on Tuesday warned journalists against attending"
    re.IGNORECASE,
)
_SPEECH_AFTER_OPENING_EN = re.compile(
    r",\s+(?:[\w'’.-]+\s+){0,5}?(?:announced|announces|said|says|told|confirmed|unveiled)\b", re.IGNORECASE
)
# The date opens the sentence, or what follows its dateline ("TAIPEI (Reuters) - On Tuesday, ..."); not
# a clause after a comma ("opens in Xiamen, China, tomorrow, the party said").
_OPENING_EN = re.compile(r"(?:^|[-–—:)]\s+)\s*(?:on\s+)?$", re.IGNORECASE)
# A date between "the" and a noun names that noun's day: "the Nov. 24 mayoral vote", "the Aug. 4 drills";
# but "the Aug. 29-30 forum" is the forum's.
_THE_BEFORE_EN = re.compile(r"\bthe\s+$", re.IGNORECASE)
_OTHER_NOUN_AFTER_EN = re.compile(
    r"\s+(?!(?:forum|dialogue|dialog|summit|event|opening|closing|meeting|session|gathering)s?\b)[a-z][\w-]*"
)
# "The forum came ahead of trade talks of the China-Central Asia mechanism, which will open in Lanzhou on July 2": a
# relative clause whose antecedent is another event (meetings, talks, a conference, an election; not a fair or a
# week, which may hold the forum, nor a ceremony or a visit, which may be its opening or its guests') tells that
# event's day. A forum's noun after it makes the forum the antecedent ("the meetings of the Silk Road Mayors Forum,
# which opens on Monday").
_WHICH_CLAUSE_EN = re.compile(r",\s+(?:which|where)\b(?:(?!,\s+(?:which|where)\b)[^.;])*$", re.IGNORECASE)
_OTHER_EVENT_ANTECEDENT_EN = re.compile(
    r"\b(?:meetings?|talks|conferences?|games|elections?|votes?|hearings?)\b"
    r"(?:(?!\b(?:forum|summit|dialogue|dialog|event)s?\b)[^,;.])*$",
    re.IGNORECASE,
)
_WHICH_REACH = 140  # characters before a date its relative clause's "which" may stand
_ANTECEDENT_REACH = 80  # characters before "which" the antecedent's noun may stand
_GIVEN_UP_ZH = re.compile(r"(?:原定|原订|原本|原先|原计划|原预定|本来)(?:于|在)?\s*$")
_GIVEN_UP_EN = re.compile(
    r"\b(?:originally|initially|previously|first)\s+(?:\w+\s+){0,2}?(?:scheduled|set|planned|slated|due)"
    r"\s+(?:for|on|to\s+(?:be\s+held|open|take\s+place)(?:\s+on)?)\s+$",
    re.IGNORECASE,
)
# "has postponed the Straits Heritage Cities Forum, which was scheduled for Aug. 4 and 5, to Oct. 20-21": in a sentence
# that puts the forum off, the day it "was set" for is the one given up, and the day after the object's closing
# comma and "to" is the one it moved to.
_WAS_SET_FOR_EN = re.compile(
    r"\b(?:was|were|had\s+been)\s+(?:originally\s+|initially\s+)?(?:set|scheduled|slated|planned|due)\s+"
    r"(?:for|on|to\s+(?:be\s+held|open|take\s+place|run)(?:\s+(?:on|from))?)\s+$",
    re.IGNORECASE,
)
_PUT_OFF_VERBS_EN = r"postpon(?:e|es|ed|ing)|pushed\s+back|put\s+off|delayed|deferred|rescheduled"
_PUT_OFF_EN = re.compile(rf"\b(?:{_PUT_OFF_VERBS_EN})\b", re.IGNORECASE)
_PUT_OFF_THEN_TO_EN = re.compile(
    rf"\b(?:{_PUT_OFF_VERBS_EN}|moved)\b[^.;]{{0,160}}?,\s+(?:to|until|till)\s+(?:on\s+)?$", re.IGNORECASE
)
_PUT_OFF_REACH = 200
_SET_WORDS_EN = ("set", "scheduled", "slated", "planned", "due")
_TO_AFTER_A_COMMA_EN = re.compile(r",\s+(?:to|until|till)\s+(?:on\s+)?$", re.IGNORECASE)
_TO_REACH = 16


def _put_off_from(folded: str, before: str) -> bool:
    """Whether the date is the one a sentence putting the forum off says it "was set" for."""
    return (
        any(word in before for word in _SET_WORDS_EN)
        and _WAS_SET_FOR_EN.search(before) is not None
        and _PUT_OFF_EN.search(folded) is not None
    )


def _put_off_to(folded: str, before: str, start: int) -> bool:
    """Whether the date follows a put-off forum's object and its closing comma ("postponed the forum, which …, to")."""
    return (
        _TO_AFTER_A_COMMA_EN.search(before, max(0, len(before) - _TO_REACH)) is not None
        and _PUT_OFF_THEN_TO_EN.search(folded, max(0, start - _PUT_OFF_REACH), start) is not None
    )


_MOVED_TO_ZH = re.compile(
    r"(?:延至|延后至|延后到|延到|延期至|延期到|顺延至|改至|改到|改为|改在|改期至|改期于|改于|推迟至|推迟到|提前至|提前到)\s*$"
)
_MOVED_TO_EN = re.compile(
    r"\b(?:postponed|pushed\s+back|moved|rescheduled|delayed|put\s+off|brought\s+forward|deferred)"
    r"\s+(?:\w+\s+){0,2}?(?:to|until|till|for)\s+(?:on\s+)?$",
    re.IGNORECASE,
)
_TIED_BEFORE_ZH = re.compile(
    rf"(?:于|在|定于|订于|拟于|将于|将在|预计于|预定于|预计在)\s*$|{lexicon.CORRECTED_TO_ZH}"
)
_CORRECTED_TO_EN = re.compile(lexicon.CORRECTED_TO_EN, re.IGNORECASE)
_WITHDRAWN_BEFORE = BilingualPattern(lexicon.WITHDRAWN_BEFORE_ZH, lexicon.WITHDRAWN_BEFORE_EN, re.IGNORECASE)
_WITHDRAWN_AFTER_ZH = re.compile(lexicon.WITHDRAWN_AFTER_ZH)
_CORRECTED_TO = BilingualPattern(lexicon.CORRECTED_TO_ZH, lexicon.CORRECTED_TO_EN, re.IGNORECASE)
_TIED_BEFORE_EN = re.compile(
    rf"(?:{lexicon.HOLDING_VERBS_EN}|\bbe\s+held|\bruns?|\bbegin(?:s|ning)?|\bbegan|\bstart(?:s|ed|ing)?)"
    r"(?:\s+\w+){0,3}?\s+(?:on|from|between)?\s*$"
    # "will open in Qingdao, East China's Shandong Province, on Thursday": the place and its apposition
    # between the verb and "on"
    rf"|(?:{lexicon.HOLDING_VERBS_EN})\s+in(?:[\s,]+[\w.'’-]+){{1,7}}?,?\s+on\s+$"
    # "is scheduled for Dec. 18-20": the day a forum is set for
    r"|\b(?:scheduled|set|slated|planned|due)\s+(?:for|on)\s+$",
    re.IGNORECASE,
)
# "will be held in Nanning, capital of south China's Guangxi Zhuang Autonomous Region, between Wednesday
# and Friday": a place with a long apposition between the holding verb and the date (looked for further
# back than the other patterns).
_HELD_IN_A_PLACE_BEFORE_EN = re.compile(
    rf"(?:{lexicon.HOLDING_VERBS_EN}|\bbe\s+held)\s+in(?:[\s,]+[\w.'’-]+){{1,14}}?,\s+(?:on|between|from)\s+$",
    re.IGNORECASE,
)
_HELD_IN_A_PLACE_REACH = 140
# "opened the World Cities Summit Mayors Forum at Capella Singapore on Sunday (June 18)": a verb of holding with
# a long object, then "on" and the day (and the date a weekday's brackets give, as Singapore and Malaysian copy
# writes it), in one clause: the date is the verb's.
_HOLDING_EN = re.compile(lexicon.HOLDING_VERBS_EN, re.IGNORECASE)
_ON_THE_DAY_EN = re.compile(r"\bon\s+(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day\s*\(\s*)?$", re.IGNORECASE)
# "the forum opens on the 18th": a holding verb right before the date ties it, whatever journey follows.
_HELD_ON_BEFORE = re.compile(
    rf"(?:{lexicon.HOLDING_VERBS_ZH}|{lexicon.HOLDING_VERBS_EN})\s*(?:on|于|在)?\s*$", re.IGNORECASE
)
# 12月20日上午，2027台北上海城市论坛在台北开幕: a lead opens with its date and a comma, then tells what
# happened that day; the date is the holding verb's, a clause later, where that clause's subject is a forum
# (not 7月8日，国务院台办举行例行新闻发布会).
_OPENS_THE_SENTENCE_ZH = re.compile(
    rf"^(?:上午|下午|中午|晚上|晚间|早上)?\s*[，,]\s*[^。；;，,]{{0,40}}?(?:{'|'.join(lexicon.FORUM_NOUNS_ZH)})"
    rf"[^。；;，,]{{0,30}}?(?:{lexicon.HOLDING_VERBS_ZH})"
)
# 6月16日下午，為期兩天的海峽論壇在廈門閉幕: the clause after a date opening the sentence tells the forum
# closing that day (an opening before the closing, 开幕…并于…闭幕, leaves the date the opening's).
_CLOSES_THE_SENTENCE_ZH = re.compile(
    rf"(?:上午|下午|中午|晚上|晚间|早上|傍晚)?\s*[，,]\s*[^。；;，,]{{0,40}}?(?:{'|'.join(lexicon.FORUM_NOUNS_ZH)})"
    rf"[^。；;，,]{{0,30}}?(?:{lexicon.CLOSING_VERBS_ZH})"
)
_OPENING_VERB_ZH = re.compile(r"开幕(?!式)|揭幕|登场|开始")
# 今天起一連兩天在新加坡濱海灣金沙會展中心舉行, 6日起为期三天在…举办: the run told from the date (起, its length) may
# stand between the date and the venue.
_RUN_FROM_THE_DATE_ZH = r"(?:起\s*(?:(?:一连|连续|为期)\s*[两二三四五六七八九十\d]{1,2}\s*[天日]\s*)?)?"
_TIED_AFTER_ZH = re.compile(
    rf"^(?:[^，。,；;：:]{{0,12}}?|{_RUN_FROM_THE_DATE_ZH}{lexicon.AT_THE_VENUE_ZH})(?:{lexicon.HOLDING_VERBS_ZH})"
)
# "will travel to the Chinese city of Xiamen on Wednesday": the journey's day, however far its verb.
_TRAVEL_BEFORE_EN = re.compile(
    rf"(?:{lexicon.TRAVEL_VERBS_EN})(?:\s+[\w.]+){{0,7}}?\s+(?:on\s+)?$", re.IGNORECASE
)
# "to attend a forum on Thursday", "the event on June 6": the noun's own day.
_NOUN_BEFORE_EN = re.compile(
    r"\b(?:forum|summit|dialogue|dialog|event)\s+(?:on|from|between)\s+$", re.IGNORECASE
)
_ANOTHER_DAY = re.compile(
    r"\d{1,2}\s*[日号]|[今明后昨前]天|[今明昨]日|次日|翌日|隔天|第二天|当天|周[一二三四五六日天]|星期|礼拜"
    r"|\b(?:today|tomorrow|yesterday|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b",
    re.IGNORECASE,
)
GIVEN_UP = -1
WITHDRAWN = -3  # a correction's withdrawn date: never the forum's, not even "as planned"
TIED = 2  # tied to the holding verb (將於本月28日登場)
MOVED_TO = 3  # postponed to, brought forward to: the date the forum now has
_SAID = -2


def with_next_starts(phrases: Sequence[DatePhrase]) -> list[tuple[DatePhrase, int | None]]:
    """Each phrase with where the next one starts (None for the last)."""
    return [
        (phrase, phrases[i + 1].start if i + 1 < len(phrases) else None) for i, phrase in enumerate(phrases)
    ]


def runs_on_until(folded: str, phrase: DatePhrase) -> bool:
    """Whether the phrase is the day a forum still runs until ("the five-day event, which runs through
    Friday"): a day not before publication."""
    return _RUNS_ON_UNTIL_EN.search(folded, max(0, phrase.start - _RUNS_ON_REACH), phrase.start) is not None


def is_closing(folded: str, phrase: DatePhrase, next_start: int | None = None) -> bool:
    """Whether the phrase is the forum's last day. A closing verb after it counts up to the next date only
    (週六開幕、週日閉幕: the closing is Sunday's)."""
    closing_after = _CLOSING_AFTER_ZH.match(
        folded, phrase.end, len(folded) if next_start is None else next_start
    )
    if closing_after and not _HELD_THEN_ZH.search(folded, phrase.end, closing_after.end()):
        return True
    if RUNS_UNTIL_BEFORE.search(folded, 0, phrase.start) or _FINAL_DAY_AFTER.match(folded, phrase.end):
        return True
    # English puts the verb first, with the place and an apposition between it and the date: "concluded in
    # Nanjing, Jiangsu province, on Wednesday". The last verb before the date decides; up to the phrase's
    # end, as "and close the following day" looks ahead into it.
    before = folded[max(0, phrase.start - 60) : phrase.end]
    closing = [m.end() for m in _CLOSING_EN.finditer(before)]
    if closing and not HOLDING.search(before, closing[-1]):
        return True
    if (
        _COMMA_BEFORE_EN.search(folded, max(0, phrase.start - _COMMA_REACH), phrase.start)
        and (
            found := _CLOSED_IN_A_PLACE_BEFORE_EN.search(
                folded, max(0, phrase.start - _HELD_IN_A_PLACE_REACH), phrase.start
            )
        )
        and not HOLDING.search(found.group())
    ):
        return True
    # "wrapped up a two-day forum on East Asian urbanization at Academia Sinica in Nangang on Saturday": a
    # long object, but one clause with no other verb of holding; the closing verb is the date's.
    clause = _CLAUSE_BEFORE_EN.search(folded, max(0, phrase.start - _CLAUSE_REACH), phrase.start)
    if (
        clause
        and (found := _CLOSING_EN.search(clause.group()))
        and not HOLDING.search(clause.group(), found.end())
    ):
        return True
    # "signed four MOUs on Wednesday as the two-day forum came to a close": the clause the date opens
    # says what happened the day the forum closed.
    if _AS_IT_CLOSED_AFTER_EN.match(folded, phrase.end):
        return True
    if _closes_after_opening_date(folded, phrase, next_start):
        return True
    return _closing_verb_after(folded, phrase, next_start)


# What stands between a closing verb and a day of its own: "closed on Wednesday", "closed Wednesday".
_ON_BEFORE_A_DAY_EN = re.compile(r"\s+(?:on\s+)?", re.IGNORECASE)


def _closing_verb_after(folded: str, phrase: DatePhrase, next_start: int | None) -> bool:
    """ "The mayors on Friday concluded the forum": a closing verb right after the date is its verb, unless a
    day of its own follows it ("opened in Chengdu on Monday closed on Wednesday": Monday is the opening's)."""
    after = folded[phrase.end : phrase.end + 40]
    stripped = after.lstrip()
    found = _CLOSING_EN.match(stripped)
    if found is None:
        return False
    verb_end = phrase.end + len(after) - len(stripped) + found.end()
    return next_start is None or _ON_BEFORE_A_DAY_EN.fullmatch(folded, verb_end, next_start) is None


def _closes_after_opening_date(folded: str, phrase: DatePhrase, next_start: int | None) -> bool:
    """Whether the date opens the sentence (after an outlet's marker, if any) and the clause after its comma
    tells a forum closing, with no opening told before the closing and no other date between."""
    if not ZH_LEAD_MARKER.fullmatch(folded, 0, phrase.start):
        return False
    end = len(folded) if next_start is None else next_start
    found = _CLOSES_THE_SENTENCE_ZH.match(folded, phrase.end, end)
    return found is not None and _OPENING_VERB_ZH.search(found.group()) is None


def _held_in_its_clause_en(folded: str, phrase: DatePhrase) -> bool:
    """Whether "on" and the date end a clause whose verb is one of holding, with no closing after it."""
    if not _ON_THE_DAY_EN.search(folded, max(0, phrase.start - _ON_REACH), phrase.start):
        return False
    clause = _CLAUSE_BEFORE_EN.search(folded, max(0, phrase.start - _CLAUSE_REACH), phrase.start)
    if clause is None:
        return False
    verbs = list(_HOLDING_EN.finditer(clause.group()))
    return bool(verbs) and not _CLOSING_EN.search(clause.group(), verbs[-1].end())


_ON_REACH = 16  # "on Wednesday (" before a date


def attachment_of(folded: str, phrase: DatePhrase) -> int:
    """What the phrase is the date of: see :data:`GIVEN_UP` and the patterns above it."""
    before = folded[max(0, phrase.start - 60) : phrase.start]
    after = folded[phrase.end : phrase.end + 60]
    if withdrawn(folded, phrase.start, phrase.end):
        return WITHDRAWN
    if _GIVEN_UP_ZH.search(before) or _GIVEN_UP_EN.search(before):
        return GIVEN_UP
    english = may_match_english(folded)
    if english and _put_off_from(folded, before):
        return GIVEN_UP
    if (
        _MOVED_TO_ZH.search(before)
        or _MOVED_TO_EN.search(before)
        or (english and _put_off_to(folded, before, phrase.start))
    ):
        return MOVED_TO
    clause_end = CLAUSE_END.search(after)
    clause = after[: clause_end.start()] if clause_end else after
    if _PRESS_EVENT_ZH.search(clause) or _PRESS_EVENT_BEFORE_ZH.search(before):
        # 今天上午举行例行新闻发布会, 电视辩论会今晚登场: the day of the briefing or the debate, not of the forum
        return _SAID
    speech = _SPEECH_ZH.search(clause)
    holding = HOLDING.search(clause)
    if speech and (holding is None or speech.start() < holding.start()):
        return _SAID
    if _SPEECH_BEFORE_EN.search(before) or _SPEECH_AFTER_EN.match(after):
        return _SAID
    if _MEETING_DAY_BEFORE_EN.search(folded, max(0, phrase.start - _CLAUSE_REACH), phrase.start):
        return _SAID  # "a preparatory meeting for the forum was held in Fuzhou on Tuesday": the meeting's day
    if _THE_BEFORE_EN.search(before) and _OTHER_NOUN_AFTER_EN.match(after):
        return _SAID  # "the Nov. 24 mayoral vote": the date of another event
    if english and _of_another_events_clause(folded, phrase.start):
        return _SAID  # "ahead of trade talks …, which will open on July 2": the talks' day
    if _OPENING_EN.search(folded, 0, phrase.start) and _SPEECH_AFTER_OPENING_EN.match(after):
        return _SAID
    if _NOUN_BEFORE_EN.search(before):
        return TIED
    # 預計明天離臺, arrived on Monday: the date of a journey, not of the forum
    # (but not 今日先赴新北出席…，下午回到臺北主持開幕式: the sentence goes on to the forum itself)
    travel = TRAVEL.search(clause)
    if travel is None and not HOLDING.search(clause) and not _HELD_ON_BEFORE.search(before):
        # 本週五（22日）率團員…，搭乘小三通前往福州，出席23日起舉行的論壇: the date's own clause says
        # nothing; the journey follows before the next date.
        travel = TRAVEL.search(_until_the_next_date(folded, phrase))
    if (travel and not _goes_on_to_the_forum(folded, phrase.end + travel.end())) or _TRAVEL_BEFORE_EN.search(
        before
    ):
        return 0
    if (
        _TIED_BEFORE_ZH.search(before)
        or _TIED_AFTER_ZH.match(after)
        or _TIED_BEFORE_EN.search(before)
        or _CORRECTED_TO_EN.search(before)
        or NOTICE_LABEL.fullmatch(before)
        or (ZH_LEAD_MARKER.fullmatch(folded, 0, phrase.start) and _opens_with_the_forum(after))
        or _HELD_IN_A_PLACE_BEFORE_EN.search(
            folded, max(0, phrase.start - _HELD_IN_A_PLACE_REACH), phrase.start
        )
        or (english and _held_in_its_clause_en(folded, phrase))
    ):
        return TIED
    return 1


def _of_another_events_clause(folded: str, start: int) -> bool:
    """Whether the date stands in a relative clause (", which …") on another event than the forum."""
    low = max(0, start - _WHICH_REACH)
    if "which" not in folded[low:start] and "where" not in folded[low:start]:
        return False
    clause = _WHICH_CLAUSE_EN.search(folded, low, start)
    if clause is None:
        return False
    return (
        _OTHER_EVENT_ANTECEDENT_EN.search(folded, max(0, clause.start() - _ANTECEDENT_REACH), clause.start())
        is not None
    )


_WITHDRAWN_REACH = 120  # characters before a date or place its correction's words may stand


def withdrawn(folded: str, start: int, end: int) -> bool:
    """Whether a correction withdraws the date or place at ``start:end`` ("An earlier version of this
    article said the forum would be held on Sept 14", 原稿誤植為9月14日, 9月14日有誤); not the corrected one
    after it (應為9月18日)."""
    low = max(0, start - _WITHDRAWN_REACH)
    if _CORRECTED_TO.search(folded, low, start):
        return False
    return (
        _WITHDRAWN_BEFORE.search(folded, low, start) is not None
        or _WITHDRAWN_AFTER_ZH.match(folded, end) is not None
    )


def _opens_with_the_forum(after: str) -> bool:
    """Whether the clause after a date opening the lead tells a forum held that day (not 论坛新闻发布会在福州
    召开, the day of the forum's press conference)."""
    found = _OPENS_THE_SENTENCE_ZH.match(after)
    return found is not None and not _PRESS_EVENT_ZH.search(found.group())


def _until_the_next_date(folded: str, phrase: DatePhrase) -> str:
    """The text after a date phrase up to the next one, and up to the first holding verb."""
    phrases = find_date_phrases(Sentence(0, False, folded, folded))
    end = min((p.start for p in phrases if p.start >= phrase.end), default=len(folded))
    holding = HOLDING.search(folded, phrase.end, end)
    return folded[phrase.end : holding.start() if holding else end]


def _goes_on_to_the_forum(folded: str, position: int) -> bool:
    """Whether the sentence goes on from a journey to the forum held the same day: a holding verb
    follows with no other day named before it (出席後天開幕的論壇 names its own day)."""
    holding = HOLDING.search(folded, position)
    return holding is not None and not _ANOTHER_DAY.search(folded, position, holding.start())
