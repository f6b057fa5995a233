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

_SCRIPT_AND_STYLE_TEXT = lxml.etree.XPath("//script/text() | //style/text()", smart_strings=False)
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
    visible = _visible_text(page.tree)
    if "&" in visible:  # a <textarea> or <noscript> keeps its markup as text, references undecoded
        visible = html.unescape(visible)
    structured = "\n".join(_STRUCTURED_DATA(page.tree))
    if "\\u" in structured:
        structured = _JS_ESCAPE.sub(lambda match: chr(int(match.group(1), 16)), structured)
    return ScreeningText(visible, "\n".join([*_META_VALUES(page.tree), structured]))


def _visible_text(tree: lxml.etree._Element) -> str:
    """Every text node of the tree but those of scripts and styles, joined with nothing between them.

    The tree's whole text comes out of libxml2 in one pass, and the scripts' and styles' texts are cut
    out of it in document order: a third of the time of an XPath that asks every text node for its
    parent. A script of white space alone is left in, where cutting could take the white space before
    it instead; so the text may differ from the XPath's in white space, never in words (checked on the
    pages of ../shared/eval, of bench/crawl.py's site and of the tests).
    """
    whole = lxml.etree.tostring(tree, method="text", encoding=str, with_tail=False)
    kept: list[str] = []
    position = 0
    for hidden in _SCRIPT_AND_STYLE_TEXT(tree):
        if hidden.isspace():
            continue
        found = whole.find(hidden, position)
        if found >= 0:
            kept.append(whole[position:found])
            position = found + len(hidden)
    kept.append(whole[position:])
    return "".join(kept)
