"""中央社 (Central News Agency, cna.com.tw): Taiwan's wire service, and the conventions of the Taiwanese
press that its copy spreads: every paper reprints CNA stories with the wire's dateline
``（中央社記者邱俊欽桃園19日電）`` and closing line ``（編輯：陳清芳）1090703`` intact.

:class:`TaiwanNewsProfile` reads those conventions for every Taiwanese outlet's profile: reporters named in
a byline (``記者林怡君／臺北報導``), a bracketed lead (``〔記者林怡君／臺北報導〕``) or a CNA dateline and the
editor and date code closing a wire story.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from crawler.cleaner.blocks import Block
from crawler.cleaner.credits import credited_wire
from crawler.cleaner.dom import Element, text_of
from crawler.cleaner.metadata import clean_byline
from crawler.cleaner.page import Extraction, Page
from crawler.cleaner.profiles.registry import register
from crawler.cleaner.profiles.selectors import SelectorProfile, select_all
from crawler.cleaner.trace import Trace

_NAME_CHARS = r"[^\s/／╱|｜】〕\]）)(（〔【\[、，,：:]"
# 記者 (reporter), 編譯 (translator), 特派員 (correspondent) before the names in a byline.
_REPORTER = re.compile(
    rf"(?:記者|編譯|特派員)\s*(?P<who>{_NAME_CHARS}{{2,}}(?:\s*、\s*{_NAME_CHARS}{{2,}})*)"
)
# The wire's dateline: reporters, then the place, then the day: 記者邱俊欽桃園19日電 (a correspondent's
# 駐華盛頓特派員張三18日專電 names no place after the name).
_CNA_DATELINE = re.compile(
    r"^[（(]\s*中央社(?P<role>記者|駐\S{1,8}?特派員)(?P<who>[^）)\d]{2,40}?)\d{1,2}日(?:專|綜合外)?電"
)
# A byline paragraph: 記者林悅／台南報導, 實習記者A、B／台北報導, or a desk (政治中心／台北報導, no name).
_BYLINE_LINE = re.compile(
    r"^(?:(?:實習)?記者\s*(?P<who>[^／/\s]{2,40}?)|[^／/\s]{2,10}?(?:中心|小組))\s*[／/]\s*\S{0,15}?"
    r"(?:報導|編譯|專訪)$"
)
# A lead that opens with its bracketed byline: 〔記者林縉明／台北報導〕.
_BRACKET_BYLINE = re.compile(r"^[〔［【\[]\s*(?:實習)?記者\s*(?P<who>[^／/╱〕］】\]]{2,40}?)\s*[／/╱]")
# The wire's closing line: the editor and the ROC date code, （編輯：陳清芳）1090703.
_EDITOR_LINE = re.compile(r"^[（(]\s*(?:責任)?編輯\s*[:：]\s*(?P<name>[^）)]{1,30}?)\s*[）)]\s*\d{6,8}$")
# A story's closing credit, alone on its line: "(中時 )", "（旺報）", "（完）".
# A photo credit ("（圖／記者林悅攝）", "（翻攝自臉書）") is not one.
_CLOSING_CREDIT = re.compile(r"^[（(]\s*(?P<name>(?:(?![攝圖照翻])[^\s（）()／/:：]){1,10})\s*[）)]$")
# CNA's notice (本網站之文字、圖片及影音，非經授權，不得轉載), reprinted by others too.
_NOTICE = re.compile(r"非經授權.{0,4}不得轉載")
_NOTICE_MAX_LENGTH = 100
_SOURCE_LABEL = re.compile(r"^.*?(?:來源|来源|稿源|出處)\s*[:：]\s*")
_WORD_SEPARATOR = re.compile(r"[\s|｜/／╱【】\[\]〔〕（）()]+")
_DATE_OR_TIME = re.compile(
    r"\d{2,4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?|\d{1,2}:\d{2}(?::\d{2})?(?:\s*[ap]\.?m\.?)?",
    re.IGNORECASE,
)
_REPORTER_MARK = re.compile(r"記者|編譯|特派員|報導|電$")
# Captions and subheads may come before the lead that carries the bracketed byline or the dateline.
_LEAD_BLOCKS = 5
# Credits that are not a person: a byline element may hold only a wire's or paper's name
# ("中央社", "聯合新聞網 / 綜合報導").
_NOT_PEOPLE = frozenset(
    {
        "中央社", "中央通訊社", "綜合報導", "綜合外電", "聯合報", "聯合新聞網", "經濟日報", "聯合晚報",
        "中時新聞網", "中時電子報", "中國時報", "工商時報", "旺報", "自由時報", "ETtoday新聞雲", "udn",
    }
)  # fmt: skip
# A Chinese name is 2-3 characters and a CNA dateline's place follows it directly (邱俊欽桃園), so the
# last reporter keeps three characters when at least two are left for the place, else two.
_USUAL_NAME, _SHORT_NAME, _SHORTEST_PLACE = 3, 2, 2


def reporter_in(text: str) -> str | None:
    """The reporters a byline names: ``聯合報 / 記者林良齊／台北即時報導`` -> ``林良齊``."""
    match = _REPORTER.search(text)
    return re.sub(r"\s*、\s*", "、", match["who"]) if match else None


def dateline_reporter(paragraph: str) -> str | None:
    """The reporters of a CNA dateline: ``（中央社記者邱俊欽桃園19日電）`` -> ``邱俊欽``."""
    match = _CNA_DATELINE.match(paragraph.strip())
    if match is None:
        return None
    names = match["who"].split("、")
    if match["role"] == "記者":  # the place follows the last name
        last = names[-1]
        keep = _USUAL_NAME if len(last) - _USUAL_NAME >= _SHORTEST_PLACE else _SHORT_NAME
        names[-1] = last[:keep]
    return "、".join(name for name in names if name) or None


@dataclass(frozen=True, eq=False)
class TaiwanNewsProfile(SelectorProfile):
    """A Taiwanese outlet's template, with the reporter, editor and promo lines its text carries.

    ``promo`` matches whole paragraphs of the body that are the outlet's own promotions (ETtoday's
    ``►`` links); they go with the byline paragraph, the wire's editor line and CNA's notice.
    """

    promo: re.Pattern[str] | None = None

    def extract(self, page: Page, trace: Trace | None = None) -> Extraction | None:
        extraction = super().extract(page, trace)
        if extraction is None:
            return None
        blocks = list(extraction.blocks)
        author = extraction.author
        editor = extraction.editor
        credit = extraction.credit
        kept: list[Block] = []
        for index, block in enumerate(blocks):
            text = " ".join(block.text.split())
            byline = _BYLINE_LINE.match(text) if index < _LEAD_BLOCKS and block.kind == "paragraph" else None
            closing = _EDITOR_LINE.match(text)
            if byline is not None:
                author = author or _person(byline["who"])
                _note(trace, "byline", text)
            elif closing is not None:
                editor = editor or closing["name"].strip()
                _note(trace, "wire-editor", text)
            elif index >= len(blocks) - 2 and (closing_credit := _CLOSING_CREDIT.match(text)):
                # A wire named here outranks the page's source line, as it would in core's credit rule.
                if closing_credit["name"] != "完":
                    credit = credited_wire([text]) or credit or closing_credit["name"]
                _note(trace, "closing-credit", text)
            elif _NOTICE.search(text) and len(text) <= _NOTICE_MAX_LENGTH:
                _note(trace, "reprint-notice", text)
            elif self.promo is not None and self.promo.search(text):
                _note(trace, "promo", text)
            else:
                kept.append(block)
        author = author or _lead_reporter(kept[:_LEAD_BLOCKS])
        return replace(
            extraction,
            blocks=kept,
            author=author,
            editor=editor,
            # A story with no source line and no wire dateline is the outlet's own.
            credit=credit or self.outlet,
        )

    def _author(self, root: Element) -> str | None:
        for element in select_all(root, self.author):
            text = text_of(element)
            name = _person(reporter_in(text) or clean_byline(text))
            if name:
                return name
        return None

    def _source(self, root: Element) -> str | None:
        # Source lines here are also date and byline lines ("2019-03-18 23:59 聯合報 記者陳嘉寧／桃園報導",
        # "【聯合晚報╱記者邱瓊平/台北報導】"): the credit is the first word before the reporter's.
        for element in select_all(root, self.source):
            line = _DATE_OR_TIME.sub(" ", _SOURCE_LABEL.sub("", text_of(element)))
            for word in _WORD_SEPARATOR.split(line):
                if _REPORTER_MARK.search(word):
                    break
                if word and not any(character.isdigit() for character in word) and len(word) <= 30:
                    return word
        return None


def _person(name: str | None) -> str | None:
    return name if name and name not in _NOT_PEOPLE else None


def _lead_reporter(blocks: list[Block]) -> str | None:
    for block in blocks:
        text = block.text.strip()
        bracket = _BRACKET_BYLINE.match(text)
        found = _person(bracket["who"]) if bracket else dateline_reporter(text)
        if found:
            return found
    return None


def _note(trace: Trace | None, rule: str, text: str) -> None:
    if trace is not None:
        trace.removed("profile-line", rule, text)


TITLE = ("div.centralContent h1 span", "div.centralContent h1")
DATE = ("div.updatetime span", "div.updatetime", "div.timeBox")
# The first .paragraph is the story; later ones hold the share bar and ads.
BODY = ("article.article div.centralContent div.paragraph", "div.centralContent div.paragraph")
BODY_BOILERPLATE = (
    "div.moreArticle", ".BtnShareGroup", ".articleADbox", ".advertiseBox", ".fbShareBox", ".toolBox",
    ".shareBar", ".paragraph-share", ".articlekeywordGroup", ".keywordTag",
)  # fmt: skip
# Archive stories past the free period end with a paywall notice instead of their remaining text.
PAYWALL = re.compile(r"^您所瀏覽的新聞已過查詢時效")
SIGNATURE = ("article.article div.centralContent", "div.centralContent div.paragraph", "div.updatetime")

CNA = register(
    TaiwanNewsProfile(
        name="cna",
        domains=("cna.com.tw",),
        body=BODY,
        title=TITLE,
        published=DATE,
        drop=BODY_BOILERPLATE,
        signature=SIGNATURE,
        outlet="中央社",
        promo=PAYWALL,
    )
)
