"""Everything of a parsed page that its article's title and text can be made of, for screening it before
extraction (``clean(..., screen=...)``; crawler/topic_screen.py decides).

That is every text node but those of scripts and styles (the body, <title>, a huanqiu-style <textarea>
holding the article's HTML as text), the values of the meta tags (og:title, description) and the JSON-LD
(headline), with character references and JavaScript escapes decoded as the extractors would decode them.
Text nodes are joined with nothing between them, as the cleaner joins inline elements: a word split by
<b> or <span> must stay one word for phrase-level folding.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

import lxml.etree

from crawler.cleaner.page import Page

_VISIBLE_TEXT = lxml.etree.XPath("//text()[not(parent::script or parent::style)]", smart_strings=False)
_META_VALUES = lxml.etree.XPath("//meta/@content", smart_strings=False)
_STRUCTURED_DATA = lxml.etree.XPath(
    "//script[contains(translate(@type, 'LDJSON', 'ldjson'), 'ld+json')]/text()", smart_strings=False
)
_JS_ESCAPE = re.compile(r"\\u([0-9a-fA-F]{4})")


@dataclass(frozen=True)
class ScreeningText:
    visible: str  # what a reader of the page sees: the text a mojibake check reads
    hidden: str  # meta values and structured data

    @property
    def whole(self) -> str:
        return f"{self.visible}\n{self.hidden}"


def screening_text(page: Page) -> ScreeningText:
    visible = "".join(_VISIBLE_TEXT(page.tree))
    if "&" in visible:  # a <textarea> or <noscript> keeps its markup as text, references undecoded
        visible = html.unescape(visible)
    structured = "\n".join(_STRUCTURED_DATA(page.tree))
    if "\\u" in structured:
        structured = _JS_ESCAPE.sub(lambda match: chr(int(match.group(1), 16)), structured)
    return ScreeningText(visible, "\n".join([*_META_VALUES(page.tree), structured]))
