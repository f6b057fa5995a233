"""An article as a list of sentences, each in its original script and folded for matching.

The folded copy has exactly the length of the original, so an offset found in one is valid in the
other: cues are matched on folded text, names and places are sliced out of the original.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from dedup.textnorm import fold_script

# Full-width ASCII (０-９, Ａ-Ｚ, （）, －) to ASCII, one character for one, and the ideographic space.
_HALF_WIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}

# A sentence ends at Chinese or Western end punctuation (with any closing quotes after it) or a line
# break; an English full stop only before white space and a capital, a quote or a digit, and not after
# the abbreviations news prose uses (Mr. Ko, Sept. 3). The full stop opens the pattern, the words before
# it looked behind from after it: a pattern that opens with a character is scanned for much faster.
_CJK_END = re.compile(r"[。！？!?；;]+[”」』\"')）]*|\n")
_EN_END = re.compile(
    r"\.(?<!\bMr\.)(?<!\bMs\.)(?<!\bDr\.)(?<!\bSt\.)(?<!\bNo\.)(?<![A-Z]\.)[\"”']?(?=\s+[A-Z“\"(\d])"
)
_EN_MONTH_ABBREVIATION = re.compile(r"\b(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)$")
# Characters before a full stop the abbreviation is looked for in: its four letters, and the line break
# `$` may stand before. Looking no further keeps the check from rescanning the text for every full stop.
_EN_MONTH_ABBREVIATION_REACH = 6


# "By Chen Cheng-yu / Staff reporter" opening the body names the writer: it is no sentence, and the lead
# is the line after it.
_BYLINE_EN = re.compile(r"By\s+[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3}(?:\s*[/,|]\s*[\w ,]{0,40})?")


@dataclass(frozen=True)
class Sentence:
    position: int  # reading order: 0 is the title, the body's sentences follow
    in_title: bool
    original: str
    folded: str
    # A line under a schedule's day heading: telegraphic as a headline (开幕式, 出席), whatever its tense.
    under_heading: bool = False


def fold(text: str) -> str:
    """Traditional to Simplified, full-width to ASCII and dates in Chinese numerals to digits, keeping
    every character's offset."""
    folded = fold_script(text).translate(_HALF_WIDTH)
    if len(folded) != len(text):
        # OpenCC changed a length (a phrase mapping): fold character by character, which keeps offsets.
        folded = "".join(_fold_character(character) for character in text)
    return _NUMERAL_DATE.sub(_numeral_as_digits, folded)


# Dates written in Chinese numerals (二〇二五年八月二十九日, 十二月三十日至三十一日), as releases and
# papers of record write them. Only where a date needs the number: a year of four digits before 年, a
# month before 月, a day after 月 or a range sign (or alone, below); 为期两日, 第三日 and 三月份的 are not dates.
_DIGIT_VALUES = {
    "〇": 0,
    "零": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_NUMERAL_DATE = re.compile(
    # Every alternative opens with one of these numerals: looking ahead for one first skips the other
    # characters quickly.
    r"(?=[〇零一二三四五六七八九十廿卅])"
    r"(?:(?P<year>[〇零一二三四五六七八九]{4})(?=\s*年)"
    r"|(?P<month>十[一二]?|[一二三四五六七八九])(?=\s*月)"
    r"|(?<=[月至到\-~—–])(?P<day>[一二三四五六七八九]|[十廿卅][一二三四五六七八九]?|[二三]十[一二三四五六七八九]?)"
    r"(?=\s*[日号])"
    # 將於十九日抵金，二十一日返廈: a day of the month alone, after 于/在 or a clause's start; only the tens
    # (十九, 二十一), as 三日 alone is as often three days.
    r"|(?<=[于在，,、；])(?P<day_alone>[十廿卅][一二三四五六七八九]|[二三]十[一二三四五六七八九]?)"
    r"(?=\s*(?:[日号]|[两二]\s*[日天]))"
    # 十八、十九兩日: the first day of a list of two, the mark written once after both.
    r"|(?<![第〇零一二三四五六七八九十廿卅])(?P<list_first>[十廿][一二三四五六七八九]|[二三]十[一二三四五六七八九]?)"
    r"(?=\s*、\s*(?:[十廿卅][一二三四五六七八九]?|[二三]十[一二三四五六七八九]?)\s*(?:[日号]|[两二]\s*[日天]))"
    # 上海十五日電, 論壇十五日在上海開幕: the tens of a day alone before 日 wherever a day in digits may stand
    # (the date patterns then keep it only where a dateline or a holding verb ties it); not a count of days
    # (为期十五日, 历时二十日, 第二十一日, 十五日内, 二十日元).
    r"|(?<![第期连历共近逾约数余多每个前头〇零一二三四五六七八九十廿卅百千万])"
    r"(?P<day_told>[十廿卅][一二三四五六七八九]|[二三]十[一二三四五六七八九]?)"
    r"(?=\s*[日号](?!\s*(?:内|之内|以内|以上|之久|左右|元|游|后|之后|以后)))"
    # 今（十八）日, 昨（五）日: the day a relative word glosses in brackets (the bracket makes any numeral a day).
    # 十二月六日及七日, 6日和七日: a day joined to a day before it by 及, 和 or 与 (a second day of the month).
    r"|(?<=[一二三四五六七八九十廿卅\d][日号][及和与])"
    r"(?P<day_joined>[一二三四五六七八九]|[十廿卅][一二三四五六七八九]?|[二三]十[一二三四五六七八九]?)"
    r"(?=\s*[日号](?!\s*(?:内|之内|以内|以上|之久|左右)))"
    r"|(?<=[今明昨前后]\()(?P<glossed>[一二三四五六七八九]|[十廿卅][一二三四五六七八九]?|[二三]十[一二三四五六七八九]?)"
    r"(?=\)\s*日)"
    r")"
)


def _numeral_as_digits(match: re.Match[str]) -> str:
    """The number in digits, right-aligned in the numeral's width (二十九 -> ' 29'), offsets kept."""
    numeral = match.group()
    if match.group("year"):
        return "".join(str(_DIGIT_VALUES[character]) for character in numeral)
    digits = str(_chinese_number(numeral))
    # 十 (10) has one character for two digits: it stays, and the date patterns read it (dates.py).
    return digits.rjust(len(numeral)) if len(digits) <= len(numeral) else numeral


def _chinese_number(numeral: str) -> int:
    """1-39 in Chinese numerals: 九, 十, 十二, 二十, 廿九, 三十一."""
    tens = {"十": 1, "廿": 2, "卅": 3}
    if numeral[0] in tens:
        return tens[numeral[0]] * 10 + (_DIGIT_VALUES[numeral[1]] if len(numeral) > 1 else 0)
    if len(numeral) > 1:  # 二十, 三十一
        return _DIGIT_VALUES[numeral[0]] * 10 + (_DIGIT_VALUES[numeral[2]] if len(numeral) > 2 else 0)
    return _DIGIT_VALUES[numeral]


def _fold_character(character: str) -> str:
    folded = fold_script(character).translate(_HALF_WIDTH)
    return folded if len(folded) == 1 else character


def sentences_of(title: str, text: str) -> list[Sentence]:
    """The title as one sentence, then the body's sentences, in reading order; empty ones dropped. Under a
    line that is a date alone (a schedule's 11月21日（周三）), each line carries that date before it."""
    result: list[Sentence] = []
    if title.strip():
        result.append(Sentence(0, True, title.strip(), fold(title.strip())))
    folded_text = fold(text)
    body_count = 0
    heading: tuple[str, str] | None = None
    for start, end in _sentence_spans(folded_text):
        original = text[start:end]
        stripped = original.strip()
        if stripped and not (body_count == 0 and _BYLINE_EN.fullmatch(stripped)):
            offset = start + original.index(stripped)
            folded = folded_text[offset : offset + len(stripped)]
            body_count += 1
            if _DATE_HEADING.fullmatch(folded):
                heading = (stripped, folded)
            elif heading is not None and text[start - 1 : start] == "\n":
                stripped, folded = f"{heading[0]} {stripped}", f"{heading[1]} {folded}"
                result.append(Sentence(body_count, False, stripped, folded, under_heading=True))
                continue
            else:
                heading = None  # the schedule has ended: prose follows
            result.append(Sentence(body_count, False, stripped, folded))
    return result


# A line before the lead that is no sentence: an outlet's masthead or a digest's slug (某某日报 · 要闻速览
# （9月5日）), an account's name and posting time, "点击蓝字关注我们", a byline (联合早报 记者 某某), a broadcast's
# header (【某某新闻】2029年9月18日). It is short and ends with no sentence's punctuation; the lead is the
# first line after such lines.
_SENTENCE_END = re.compile(r"[。！？!?；;.…:：][”」』\"'’)）]*$")
_HEADER_LINE_LENGTH = 40


def lead_position(sentences: list[Sentence]) -> int:
    """The position of the lead: the body's first sentence, past any header lines above it."""
    for sentence in sentences:
        if sentence.in_title:
            continue
        if len(sentence.original) > _HEADER_LINE_LENGTH or _SENTENCE_END.search(sentence.original):
            return sentence.position
    return 1


# A schedule's day heading: 11月21日（周三）, 118年12月3日（星期一）, 2029年11月19日 (on folded text).
_DATE_HEADING = re.compile(
    r"(?:\d{2,4}\s*年\s*)?\d{1,2}\s*月\s*\d{1,2}\s*日\s*(?:[(（]\s*(?:周|星期|礼拜)[一二三四五六日天]\s*[)）])?"
)


def _sentence_spans(text: str) -> list[tuple[int, int]]:
    ends = {match.end() for match in _CJK_END.finditer(text)}
    ends |= {
        match.end()
        for match in _EN_END.finditer(text)
        if not _EN_MONTH_ABBREVIATION.search(
            text, max(0, match.start() - _EN_MONTH_ABBREVIATION_REACH), match.start()
        )
    }
    spans: list[tuple[int, int]] = []
    start = 0
    for end in sorted(ends):
        spans.append((start, end))
        start = end
    if start < len(text):
        spans.append((start, len(text)))
    return spans
