"""Kind: announcement, report or other.

With a start date and a publication date, the calendar decides (a start after publication is an
announcement, 開幕 with a future date included); on the publication day, a future cue in the date's
sentence makes it an announcement, else it is under way (a report). Without a date, a part of a month
(10月下旬) decides, else future cues make an announcement, and report cues make a report if something
pins the edition down (a year, an edition, 本届/this year's, a cue in the title); otherwise it is
"other". An opinion piece (by its marker or column, a column's tag above the lead, its byline or
author's note, a headline that judges and names no forum, or, with no date given, a headline that judges
the forum in the writer's voice over a lead with no dateline, or the writer arguing in the first person
plural), a side event the forum frames (its 配套活动, a show 配合 the forum), a look back
over the series or over a year's forums (盘点2033, "2033 in review"), an edition cancelled or postponed
with no new date (具体时间另行通知, "until further notice": the dates it gives are the ones given up), a
forum named by a year long past with no date given (a follow-up on what came of it), and a forum mentioned
in passing make "other" too.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from itertools import pairwise

from crawler.events import gazetteer, lexicon
from crawler.events.attachment import MOVED_TO, TIED
from crawler.events.bilingual import BilingualPattern, known_word
from crawler.events.cues import CLAUSE_END, HOLDING
from crawler.events.date_choice import DateChoice
from crawler.events.date_phrases import find_date_phrases
from crawler.events.main_forum import MainForum
from crawler.events.model import Kind
from crawler.events.sentence_roles import ReadSentence, future_cues
from crawler.events.text import fold, lead_position

_COMMENTARY = re.compile(
    # 時論廣場》, 觀點投書》: a section named after its marker
    rf"^\s*[【\[(（〈《]?\s*(?:{lexicon.OUTLET_BEFORE_MARKER_ZH})?(?:{lexicon.COMMENTARY_MARKERS_ZH})[\u3400-\u9fff]{{0,2}}"
    rf"\s*[】\])）〉》:：|｜丨／/]"
    rf"|^\s*(?:{lexicon.OUTLET_BEFORE_MARKER_EN})?(?:{lexicon.COMMENTARY_MARKERS_EN})\s*[:|—–-]"
    rf"|^\s*\(\s*(?:{lexicon.OUTLET_BEFORE_MARKER_EN})?(?:{lexicon.COMMENTARY_MARKERS_EN})\s*\)"
    # 新华时评：, 央视快评：, 望海楼：: an opinion desk's marker or a column's name after any short name
    rf"|^\s*[【\[(（〈《]?\s*[\u3400-\u9fff]{{0,4}}?(?:{lexicon.OPINION_DESK_MARKERS_ZH}|{lexicon.COMMENTARY_COLUMNS_ZH})"
    r"\s*[】\])）〉》:：|｜丨／/]",
    re.IGNORECASE,
)
_COMMENTARY_TAG = re.compile(f"{lexicon.COMMENTARY_TAG_ZH}|{lexicon.COMMENTARY_TAG_EN}", re.IGNORECASE)
_WE_ARGUE = BilingualPattern(lexicon.WE_ARGUE_ZH, lexicon.WE_ARGUE_EN, re.IGNORECASE)
_SPEECH_BEFORE_WE = BilingualPattern(lexicon.SPEECH_BEFORE_WE_ZH, lexicon.SPEECH_EN, re.IGNORECASE)
_SPEECH_EN = re.compile(lexicon.SPEECH_EN, re.IGNORECASE)
_QUOTED_OR_LABELLED_BEFORE = re.compile(r"[“「『\"‘:：]")
_QUOTE_CLOSED_AFTER = re.compile(r"[”」』\"’]")
_QUESTION = re.compile(lexicon.QUESTION_LABELS, re.IGNORECASE)
_COMMENTARY_SUFFIX = re.compile(
    f"{lexicon.COMMENTARY_SUFFIX_ZH}|{lexicon.COMMENTARY_SUFFIX_EN}", re.IGNORECASE
)
_COMMENTARY_BYLINE = re.compile(lexicon.COMMENTARY_BYLINE_ZH)
_JUDGEMENT_HEADLINE = re.compile(lexicon.JUDGEMENT_HEADLINE_ZH)
_RETROSPECTIVE_TITLE = re.compile(
    f"{lexicon.RETROSPECTIVE_TITLE_ZH}|{lexicon.RETROSPECTIVE_TITLE_EN}", re.IGNORECASE
)
_YEAR_IN_REVIEW_TITLE = re.compile(
    f"{lexicon.YEAR_IN_REVIEW_TITLE_ZH}|{lexicon.YEAR_IN_REVIEW_TITLE_EN}", re.IGNORECASE
)
_SIDE_EVENT = re.compile(lexicon.SIDE_EVENT_ZH)
_SCHEDULE_TITLE = re.compile(lexicon.SCHEDULE_TITLE, re.IGNORECASE)
_SIDE_EVENT_TITLE = re.compile(lexicon.SIDE_EVENT_TITLE_ZH)
_CANCELLED = re.compile(f"{lexicon.CANCELLED_ZH}|{lexicon.CANCELLED_EN}", re.IGNORECASE)
_POSTPONED = BilingualPattern(lexicon.POSTPONED_ZH, lexicon.POSTPONED_EN, re.IGNORECASE)
_MOVED_TO_AFTER = re.compile(lexicon.MOVED_TO_AFTER, re.IGNORECASE)
_NO_NEW_DATE = BilingualPattern(lexicon.NO_NEW_DATE_ZH, lexicon.NO_NEW_DATE_EN, re.IGNORECASE)
_NO_NEW_DATE_AFTER = re.compile(rf"\s*(?:{lexicon.NO_NEW_DATE_EN})", re.IGNORECASE)
_ASKS = re.compile(r"[?？]")
_CANCEL_REACH = 30  # characters between the forum's name and 取消 / called off in one clause
_TITLE_WEIGHT = 2  # a cue in the headline counts twice: it is the story's own summary
IN_PASSING = " is mentioned in passing"
NO_EVENT = ": no event to report"


def classify(
    main: MainForum,
    read: list[ReadSentence],
    date_choice: DateChoice | None,
    published: date | None,
    start: date | None = None,
) -> tuple[Kind, str]:
    """The kind and why. ``start`` is the forum's first day where the chosen date is its last (counted back
    from 明天闭幕 by the length or the day of the forum the text names)."""
    # "the event" refers back to a forum, but a story that only says so may be about another event.
    evidence = [
        r for r in read if r.role == "evidence" and any(m.noun != lexicon.EVENT_NOUN_EN for m in r.mentions)
    ]
    in_title = any(m.sentence.in_title for m in main.mentions)
    lead = _lead_position(read)
    in_lead = (
        any(not r.sentence.in_title and r.sentence.position <= lead for r in evidence)
        or (
            any(r.sentence.position == lead + 1 for r in evidence)
            and (_title_speaks_of(main, read) or _the_trip_was_to_it(main, read, lead))
        )
        or _named_last_with_its_days(main, read, date_choice)
    )
    opening = [r.sentence for r in read if r.sentence.in_title or r.sentence.position == 1]
    title = next((sentence.folded for sentence in opening if sentence.in_title), "")
    within = _held_within(main, read, lead)
    if not (
        in_title or in_lead or len(evidence) >= 2 or (evidence and _SCHEDULE_TITLE.search(title)) or within
    ):
        return "other", f"{main.name}{IN_PASSING}"
    if any(_COMMENTARY.search(sentence.folded) for sentence in opening) or _COMMENTARY_SUFFIX.search(title):
        return "other", f"an opinion piece{NO_EVENT}"
    if any(_COMMENTARY_TAG.fullmatch(r.sentence.folded) for r in _header_lines(read, lead)):
        return "other", f"an opinion piece, by its column's tag above the lead{NO_EVENT}"
    if any(_COMMENTARY_BYLINE.fullmatch(r.sentence.folded) for r in read):
        return "other", f"an opinion piece, by its byline{NO_EVENT}"
    if date_choice is None and _judges_without_naming(read):
        return "other", f"an opinion piece, by its headline{NO_EVENT}"
    if date_choice is None and (judged := _judges_the_forum(read, lead)):
        return "other", f"an opinion piece, by its headline's judgement ({judged}){NO_EVENT}"
    if date_choice is None and (argued := _argues_as_we(read)):
        return "other", f"an opinion piece, argued in the first person plural ({argued}){NO_EVENT}"
    if _SIDE_EVENT_TITLE.search(title) or any(_SIDE_EVENT.search(r.sentence.folded) for r in read):
        return "other", f"a side event of the forum is the story's subject{NO_EVENT}"
    if _RETROSPECTIVE_TITLE.search(title):
        return "other", f"a look back over the series{NO_EVENT}"
    if _YEAR_IN_REVIEW_TITLE.search(title):
        return "other", f"a review of the year's forums{NO_EVENT}"
    if cancelled := _cue_by_the_name(main, evidence, _CANCELLED) or _title_cancels(main, read):
        return "other", f"the edition is cancelled ({cancelled}){NO_EVENT}"
    if postponed := _postponed_with_no_new_date(evidence, read, date_choice, published):
        return "other", f"the edition is postponed with no new date ({postponed}){NO_EVENT}"
    undated = date_choice is None or date_choice.read.role != "evidence"  # a date of something else
    if undated and (postponed := _cue_by_the_name(main, evidence, _POSTPONED, undated=True)):
        return "other", f"the edition is postponed with no new date ({postponed}){NO_EVENT}"
    if date_choice is None and published is not None and (past := _edition_long_past(main, published)):
        return "other", f"named by its year {past}, long before publication: the series' past{NO_EVENT}"
    if date_choice is not None and published is not None:
        return _by_the_calendar(date_choice, published, start)
    if published is not None and (period := _vague_period(evidence, published)):
        text, first, last = period
        if first > published:
            return "announcement", f"in {text} ({first.isoformat()} to {last.isoformat()}), after publication"
        if last < published:
            return "report", f"in {text} ({first.isoformat()} to {last.isoformat()}), before publication"
    if within:
        # The forum takes the tense of the week or fair that holds it: 交流周将于下月举办, "the fair opened".
        evidence += [r for r in read if r.role == "holding" and r.sentence.position <= lead]
    weight = {True: _TITLE_WEIGHT, False: 1}
    future = sum(weight[r.sentence.in_title] for r in evidence if r.future_cue)
    # 雙城論壇年底登場？, 今年論壇何時舉辦？: a headline or a question that asks about a forum reports
    # nothing held.
    report = sum(
        weight[r.sentence.in_title] for r in evidence if r.report_cue and not _ASKS.search(r.sentence.folded)
    )
    if future and future >= report:
        return "announcement", f"future cues outweigh report cues ({future} to {report})"
    pinned = (
        main.year is not None
        or main.edition is not None
        or date_choice is not None
        or any(m.deictic for r in evidence for m in r.mentions)
        or any(r.sentence.in_title and (r.future_cue or r.report_cue) for r in evidence)
    )
    if report and pinned:
        return "report", f"report cues ({report}) and no future cue"
    if report:
        return "other", "report cues, but no year, edition, date or 本届/this year's: about the series"
    return "other", "no cue of a forum to come or held"


# A report comes within weeks of its forum: a forum named by a year that ended longer ago than this (2029年…论坛
# in a story of May 2031) is told as the series' past, in a follow-up on what came of it.
_REPORT_REACH_DAYS = 60


def _edition_long_past(main: MainForum, published: date) -> int | None:
    """The year the forum is named by, where it ended more than a report's reach before publication."""
    if main.year is None or published <= date(main.year, 12, 31) + timedelta(days=_REPORT_REACH_DAYS):
        return None
    return main.year


def _lead_position(read: list[ReadSentence]) -> int:
    """The position of the lead: the body's first sentence, past any header lines above it."""
    return lead_position([r.sentence for r in read])


def _header_lines(read: list[ReadSentence], lead: int) -> list[ReadSentence]:
    """The lines above the lead that are no sentence (a masthead, a column's tag, a byline)."""
    return [r for r in read if not r.sentence.in_title and r.sentence.position < lead]


def _argues_as_we(read: list[ReadSentence]) -> str | None:
    """The words where the writer argues in the first person plural (我们相信, "we must"), not in quotes, not
    after a speech verb or a speaker's label, in a story that is no transcript: an opinion piece's voice."""
    if any(_QUESTION.match(r.sentence.folded) for r in read if not r.sentence.in_title):
        return None  # a transcript's "we" is a spokesperson's
    for item in read:
        if item.sentence.in_title:
            continue
        folded = item.sentence.folded
        for found in _WE_ARGUE.finditer(folded):
            before = folded[: found.start()]
            if _QUOTED_OR_LABELLED_BEFORE.search(before) or _SPEECH_BEFORE_WE.search(before):
                continue
            if _QUOTE_CLOSED_AFTER.search(folded, found.end()) or _SPEECH_EN.search(folded, found.end()):
                continue  # the end of a quote opened in an earlier sentence; "we must ...," he said
            return item.sentence.original[found.start() : found.end()]
    return None


def _postponed_with_no_new_date(
    evidence: list[ReadSentence],
    read: list[ReadSentence],
    date_choice: DateChoice | None,
    published: date | None,
) -> str | None:
    """A postponement in a sentence about the forum where it or the next sentence says the new date is not
    set (延期举办，具体时间另行通知; "postponed until further notice"): the cue, or None. Any date the story
    gives is the one given up, unless it is the date the forum was moved to, or a day already past in
    another sentence (what is put off is then a part of a forum held)."""
    if date_choice is not None and date_choice.attachment == MOVED_TO:
        return None
    for item in evidence:
        folded = item.sentence.folded
        if (
            date_choice is not None
            and published is not None
            and date_choice.read.sentence is not item.sentence
            and date_choice.resolved.start <= published
        ):
            continue
        cues = [
            found
            for found in _POSTPONED.finditer(folded)
            # 延期至11月: moved to a date; but not "postponed until further notice"
            if not _MOVED_TO_AFTER.match(folded, found.end()) or _NO_NEW_DATE_AFTER.match(folded, found.end())
        ]
        if not cues:
            continue
        following = next(
            (
                r.sentence
                for r in read
                if not r.sentence.in_title and r.sentence.position == item.sentence.position + 1
            ),
            None,
        )
        if _NO_NEW_DATE.search(folded) or (
            not item.sentence.in_title and following is not None and _NO_NEW_DATE.search(following.folded)
        ):
            return item.sentence.original[cues[0].start() : cues[0].end()]
    return None


_UMBRELLA = re.compile(f"{lexicon.UMBRELLA_EVENTS_ZH}|{lexicon.UMBRELLA_EVENTS_EN}", re.IGNORECASE)


def _held_within(main: MainForum, read: list[ReadSentence], lead: int) -> str | None:
    """The larger event (an exchange week, a fair, an expo) the story's headline or lead names, where the
    forum is told as one of the events it holds (期间举办了…论坛, 洽谈会暨…论坛, "the fair includes a …
    forum"): the forum is the story's, with the umbrella's dates and place when it has none of its own."""
    if not any(m.within for m in main.mentions):
        return None
    for item in read:
        if item.sentence.position > lead:
            break
        if found := _UMBRELLA.search(item.sentence.folded):
            return item.sentence.original[found.start() : found.end()]
    return None


def _by_the_calendar(date_choice: DateChoice, published: date, start: date | None) -> tuple[Kind, str]:
    """Announcement or report by where the forum's date falls against the publication day."""
    # A closing date still to come says nothing of whether the forum has begun: its first day does.
    if date_choice.closing and start is not None and date_choice.resolved.start > published >= start:
        return "report", f"began {start.isoformat()}, closes after publication"
    day = date_choice.resolved.start
    if day > published:
        return "announcement", f"starts {day.isoformat()}, after publication"
    if day < published:
        return "report", f"started {day.isoformat()}, before publication"
    if date_choice.closing:
        return "report", "closes on the publication day"
    if date_choice.read.future_cue and _told_ahead(date_choice):
        return "announcement", f"starts on the publication day, {date_choice.read.future_cue}"
    return "report", "under way on the publication day"


def _told_ahead(choice: DateChoice) -> bool:
    """Whether a future cue of the date's sentence is the date's: not one in the clause of a later date
    (今天上午開幕式後…，明天下午將簽署…並舉行閉幕式 tells tomorrow's signing ahead, not today's opening), nor one in a
    later clause where the date's own holds its verb (今（8）日在台中登場，…，雙方預計簽署三項備忘錄: the signing
    is to come, the forum opened). A date opening the sentence with no verb of its own (今天下午，論壇將在…登場) takes
    the cue of the clause after it."""
    folded = choice.read.sentence.folded
    bounds = [0, *(found.end() for found in CLAUSE_END.finditer(folded)), len(folded) + 1]
    clauses = list(pairwise(bounds))

    def clause_of(position: int) -> tuple[int, int]:
        return next(span for span in clauses if span[0] <= position < span[1])

    own = clause_of(choice.phrase.start)
    later = {
        clause_of(phrase.start)
        for phrase in find_date_phrases(choice.read.sentence)
        if phrase.start >= choice.phrase.end
    } - {own}
    verb_of_its_own = HOLDING.search(folded, own[0], min(own[1], len(folded))) is not None
    return any(
        start < choice.phrase.start
        or clause_of(start) == own
        or (clause_of(start) not in later and not verb_of_its_own)
        for start, _ in future_cues(folded)
    )


_NAME_WORD_EN = re.compile(r"[a-z][a-z'’-]+")
_PLACE_IN_NAME = re.compile(
    "|".join(re.escape(f) for city in gazetteer.GAZETTEER for f in (*city.forms_zh, *city.forms_en)),
    re.IGNORECASE,
)


def _title_speaks_of(main: MainForum, read: list[ReadSentence]) -> bool:
    """Whether an English headline speaks of the forum without naming it: a word of its name other than a
    place, a descriptor or the noun ("SCO mayors to meet in Tianjin" and the SCO mayors' forum of the
    second sentence). A lead may take two sentences to name the forum it opens with. (Chinese headlines
    name the forum; a shared 城市 or 两岸 says nothing.)"""
    written_title = next((r.sentence.original for r in read if r.sentence.in_title), "")
    title = fold(written_title).lower()
    name = _PLACE_IN_NAME.sub(" ", fold(main.name).lower()).replace(main.noun, " ")
    # A pair's parts are words of their own: "Kazakh, Uzbek mayors" speaks of the Kazakh-Uzbek Mayors Forum (not a
    # descriptor's: twin-city, cross-strait).
    words = {
        part
        for w in _NAME_WORD_EN.findall(name)
        if w not in lexicon.NAME_DESCRIPTORS_EN
        for part in w.split("-")
        if part and part not in lexicon.NAME_DESCRIPTORS_EN
    }
    if any(re.search(rf"\b{re.escape(w)}\b", title) for w in words):
        return True
    # "SCO forum ends ..." for the Shanghai Cooperation Organization forum: headlines write long names by
    # their initials.
    return any(re.search(rf"\b{re.escape(initials)}\b", written_title) for initials in _initials(main.name))


def _named_last_with_its_days(
    main: MainForum, read: list[ReadSentence], date_choice: DateChoice | None
) -> bool:
    """Whether a headline that speaks of the forum without naming it ("Kazakh, Uzbek mayors discuss … in Almaty")
    heads a story that names it only further down, in a sentence that ties its days to it ("The Kazakh-Uzbek Mayors
    Forum, which opened on Tuesday, runs until Thursday"): a closing sentence giving the forum's days tells what the
    story was about."""
    return (
        date_choice is not None
        and date_choice.read.role == "evidence"
        and date_choice.attachment >= TIED
        and any(m.sentence is date_choice.read.sentence for m in main.mentions)
        and _title_speaks_of(main, read)
    )


_DELEGATION = BilingualPattern(lexicon.DELEGATION_ZH, lexicon.DELEGATION_EN, re.IGNORECASE)
_ATTENDED_BEFORE = BilingualPattern(lexicon.ATTENDED_BEFORE_ZH, lexicon.ATTENDED_BEFORE_EN, re.IGNORECASE)


def _the_trip_was_to_it(main: MainForum, read: list[ReadSentence], lead: int) -> bool:
    """Whether the headline or the lead tells a delegation's trip (上海市代表团结束赴台北交流行程) and the sentence
    after the lead names the forum as what it attended (代表团于5日抵达台北，出席了6日…举行的…论坛): the trip's
    forum is the story's, as a lead naming it would make it."""
    if not any(_DELEGATION.search(r.sentence.folded) for r in read if r.sentence.position <= lead):
        return False
    return any(
        m.sentence.position == lead + 1 and _ATTENDED_BEFORE.search(m.sentence.folded, 0, m.start)
        for m in main.mentions
    )


_CAPITALISED_EN = re.compile(r"\b[A-Z][a-z]+")
_MIN_INITIALS = 3  # two letters (CS, TC) stand for too many things


def _initials(name: str) -> set[str]:
    """The initials of an English name's capitalised words, with and without its noun: WEF, SCO."""
    words = _CAPITALISED_EN.findall(name)
    nouns = {noun.lower() for noun in lexicon.FORUM_NOUNS_EN}
    without_noun = [w for w in words if w.lower() not in nouns]
    found = {"".join(w[0] for w in words), "".join(w[0] for w in without_noun)}
    return {initials for initials in found if len(initials) >= _MIN_INITIALS}


def _judges_without_naming(read: list[ReadSentence]) -> bool:
    """Whether the headline judges (不该被关上, 大势不可阻挡) and names no forum: a column's headline."""
    title = next((r for r in read if r.sentence.in_title), None)
    return (
        title is not None
        and not title.mentions
        and _JUDGEMENT_HEADLINE.search(title.sentence.folded) is not None
    )


_JUDGING_THE_FORUM = re.compile(lexicon.JUDGING_THE_FORUM_ZH)
_SPEAKER_OR_QUOTE_BEFORE = re.compile(r"[:：“「『\"]")
_NEWS_DATELINE = re.compile(lexicon.NEWS_DATELINE)


def _judges_the_forum(read: list[ReadSentence], lead: int) -> str | None:
    """The words of a headline that judges the forum it names (双城论坛贵在坚持, 论坛何以越办越好), told in the
    writer's voice: no cue of holding in the headline, no speaker's colon or quote before the words, no wire
    dateline or paper's credit over or in the lead (a report's feature may judge in its headline)."""
    title = next((r for r in read if r.sentence.in_title), None)
    if title is None or title.future_cue or title.report_cue:
        return None
    folded = title.sentence.folded
    found = _JUDGING_THE_FORUM.search(folded)
    if found is None or _SPEAKER_OR_QUOTE_BEFORE.search(folded, 0, found.start()):
        return None
    opening = [r for r in read if not r.sentence.in_title and r.sentence.position <= lead]
    if any(_NEWS_DATELINE.search(r.sentence.folded[:_DATELINE_REACH]) for r in opening):
        return None
    return title.sentence.original[found.start() : found.end()]


_DATELINE_REACH = 60  # characters of the lead a dateline or a credit stands in

_VAGUE_ZH = re.compile(
    r"(?:(?P<month>1[0-2]|[1-9])\s*月|(?P<relative>本月|下月|下个月|这个月))\s*(?P<part>上中旬|中下旬|上旬|中旬|下旬|初|底|中|末)"
)
_VAGUE_EN = re.compile(
    r"\b(?P<part>early|mid|late)[- ](?P<month>January|February|March|April|May|June|July|August|September"
    r"|October|November|December)\b",
    re.IGNORECASE,
)
_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september",
           "october", "november", "december")  # fmt: skip
_PARTS = {  # first and last day of the month's part (31: the month's last day)
    "上旬": (1, 10), "初": (1, 10), "early": (1, 10), "中旬": (11, 20), "中": (11, 20), "mid": (11, 20),
    "下旬": (21, 31), "底": (21, 31), "末": (21, 31), "late": (21, 31), "上中旬": (1, 20), "中下旬": (11, 31),
}  # fmt: skip


def _vague_period(evidence: list[ReadSentence], published: date) -> tuple[str, date, date] | None:
    """A part of a month the forum is said to fall in (10月下旬, 下月中旬, late October): its text and
    first and last days, in the year nearest the publication."""
    for item in evidence:
        folded = item.sentence.folded
        found = _VAGUE_ZH.search(folded) or _VAGUE_EN.search(folded)
        if found is None:
            continue
        groups = found.groupdict()
        if groups.get("relative"):
            shift = 0 if groups["relative"] in ("本月", "这个月") else 1
            index = published.year * 12 + published.month - 1 + shift
            year, month = index // 12, index % 12 + 1
        else:
            written = groups["month"]
            month = int(written) if written.isdigit() else _MONTHS.index(known_word(written, _MONTHS)) + 1
            year = min(
                (published.year - 1, published.year, published.year + 1),
                key=lambda y: abs((date(y, month, 15) - published).days),
            )
        first_day, last_day = _PARTS[known_word(groups["part"], _PARTS)]
        last_of_month = (date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)).day
        first, last = date(year, month, first_day), date(year, month, min(last_day, last_of_month))
        return item.sentence.original[found.start() : found.end()], first, last
    return None


def _title_cancels(main: MainForum, read: list[ReadSentence]) -> str | None:
    """A headline that calls off a forum by its noun alone, in one clause ("Cross-strait forum in Tainan
    called off", 两岸论坛今年喊停): the cue, or None."""
    title = next((r.sentence for r in read if r.sentence.in_title), None)
    if title is None:
        return None
    folded = title.folded
    for noun in re.finditer(re.escape(main.noun), folded, re.IGNORECASE):
        for found in _CANCELLED.finditer(folded, noun.end(), noun.end() + _CANCEL_REACH):
            if not CLAUSE_END.search(folded, noun.end(), found.start()):
                return title.original[found.start() : found.end()]
    return None


def _cue_by_the_name(
    main: MainForum,
    evidence: list[ReadSentence],
    cue: re.Pattern[str] | BilingualPattern,
    undated: bool = False,
) -> str | None:
    """A cue standing by the forum's name in one clause (今年的雙城論壇取消, the forum was called off), or
    None. With ``undated``, not one followed by where it goes (延期至11月, postponed to next month)."""
    for item in evidence:
        folded = item.sentence.folded
        for mention in main.mentions:
            if mention.sentence.position != item.sentence.position:
                continue
            low = max(0, mention.start - _CANCEL_REACH)
            for found in cue.finditer(folded, low, mention.end + _CANCEL_REACH):
                between = folded[min(found.end(), mention.start) : max(found.start(), mention.end)]
                if CLAUSE_END.search(between) or (undated and _MOVED_TO_AFTER.match(folded, found.end())):
                    continue
                if found.end() <= mention.start and "的" in between:
                    continue  # 停辦多年的兩岸媒體人峰會將恢復舉辦: it describes the forum's past
                return item.sentence.original[found.start() : found.end()]
    return None
