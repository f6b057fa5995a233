"""Boilerplate lines: rules as data, each a named regex that a whole short line must match.

Rules run after every extractor on every paragraph, so a promo that slips through a profile or a feed
fragment still goes. A rule only looks at lines up to its ``max_length``: a real paragraph that merely
mentions 版权所有 or 扫描二维码 is long, a footer line is short.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

CapturedField = Literal["editor", "author"]


@dataclass(frozen=True)
class LineRule:
    """Drop a line that matches ``pattern`` (``re.search``); a named group ``value`` goes to ``captures``."""

    name: str
    pattern: re.Pattern[str]
    max_length: int = 80
    captures: CapturedField | None = None


def _rule(name: str, pattern: str, max_length: int = 80, captures: CapturedField | None = None) -> LineRule:
    return LineRule(name, re.compile(pattern, re.IGNORECASE), max_length, captures)


_OPEN = r"^[\s(（\[【<〔]*"
_CLOSE = r"[\s)）\]】>〕]*$"
# A name is one token (王翔, admin) optionally followed by a staff code such as Sina's "SF009".
_NAME = r"(?P<value>[^\s:：()（）\[\]【】]{1,24})(?:\s+[A-Za-z]{1,4}\d{1,4})?"

LINE_RULES: tuple[LineRule, ...] = (
    _rule("editor", _OPEN + r"(?:责任编辑|責任編輯|责编|責編|编辑|編輯|Editor)\s*[:：]\s*" + _NAME + _CLOSE,
          max_length=40, captures="editor"),
    _rule("byline", r"^(?:(?:By|Posted by|Written by)\s+|作者\s*[:：]\s*)" + _NAME + r"\s*$",
          max_length=40, captures="author"),
    _rule("app-promo", r"尽在新浪财经APP|下载.{0,20}(?:APP|客户端|App)|扫描二维码|扫码(?:关注|下载)"
          r"|(?:长按|识别).{0,6}二维码|掃描二維碼|下載.{0,20}(?:APP|App)", max_length=80),
    _rule("seo-meta", r"^(?:元描述|元關鍵詞|关键词|關鍵詞|关键字|關鍵字|Meta description|Meta keywords"
          r"|SEO (?:title|description))\s*[:：]", max_length=400),
    _rule("tag-line", r"^(?:标签|標籤|Tags?|Tagged)\s*[:：]", max_length=200),
    _rule("comment-prompt", r"^(?:发表回复|發表回覆|發表回復|发表评论|發表評論|我要评论|我要評論"
          r"|Leave a Reply|Leave a comment|Post a comment|Add a comment|\d+\s*条评论)", max_length=40),
    _rule("share-prompt", r"^(?:分享到|分享至|分享：|分享:|Share(?: this)?(?: on)?\s*[:：])", max_length=60),
    _rule("copyright", r"Copyright\s*(?:©|\(c\)|&copy;)?|版权所有|版權所有|All Rights Reserved"
          r"|^©", max_length=160),
    _rule("reprint-notice", r"转载请注明|轉載請註明|未经授权.{0,10}不得转载|未經授權.{0,10}不得轉載",
          max_length=80),
    _rule("skip-link", r"^(?:Jump to the content zone at the center|Skip to (?:main )?content"
          r"|跳到主要內容|跳到主要内容|跳至内容|跳至主要內容|:::)$", max_length=60),
    _rule("prev-next", r"^(?:上一篇|下一篇|上一則|下一則|Previous(?: post| article)?|Next(?: post| article)?)"
          r"\s*[:：]", max_length=80),
    # A line that is nothing but a labelled date is page metadata ("Post Date: 2019-07-03").
    _rule("dateline", r"^(?:(?:Post(?:ed)?|Publish(?:ed)?|Update[d]?|Release)\s*(?:Date|Time|on)?"
          r"|Date|发布时间|發布時間|发布日期|發布日期|更新时间|更新時間|时间|時間|日期)?\s*[:：]?\s*"
          r"(?:(?:中華)?民[國国])?\d{2,4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?"
          r"(?:\s*\d{1,2}:\d{2}(?::\d{2})?)?$", max_length=50),
)  # fmt: skip


@dataclass(frozen=True)
class LineVerdict:
    """What the rules say about one line: the rule that matched, if any, and a captured value."""

    rule: LineRule | None = None
    value: str | None = None

    @property
    def is_boilerplate(self) -> bool:
        return self.rule is not None


def judge_line(line: str, rules: Iterable[LineRule] = LINE_RULES) -> LineVerdict:
    """Check one line against the rules; the first matching rule wins."""
    stripped = line.strip()
    for rule in rules:
        if len(stripped) > rule.max_length:
            continue
        match = rule.pattern.search(stripped)
        if match is None:
            continue
        value = match.groupdict().get("value") if rule.captures else None
        return LineVerdict(rule, value.strip() if value else None)
    return LineVerdict()
