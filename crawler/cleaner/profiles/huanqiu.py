"""环球网 (huanqiu.com and its channels: world., taiwan., mil., china. ...): the article template since 2019,
and the older ``div.conText`` / ``#text`` template still serving the archive.

Since 2019 the page ships the article as data in hidden ``<article><textarea class="article-…">`` fields
(body HTML, title, time in epoch milliseconds, source, author, editor) that scripts render; some pages
also carry the rendered body (``article section``), many only the data. The parser keeps a textarea's
content as text, so the stored body is parsed here when nothing else shows it.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import UTC, datetime

import lxml.etree
import lxml.html

from crawler.cleaner.dom import Element, select, select_first, text_of
from crawler.cleaner.page import Extraction, Page
from crawler.cleaner.profiles.registry import register
from crawler.cleaner.profiles.selectors import SelectorProfile
from crawler.cleaner.trace import Trace

BODY = ("div.l-con article", "div#text", "div.text", "article")
TITLE = (".t-container-title h3", ".t-container h1", ".t-container h3", "h1.tle", ".conText h1",
         "textarea.article-title")  # fmt: skip
DATE = (".metadata-info .time", ".la_tool .la_t_a", ".la_t_a")
SOURCE = (".metadata-info .source", ".la_tool .la_t_b", ".la_t_b")
EDITOR = (".l-con .editor", ".editorSign", ".editor")
# Inside the body: related-topic and share blocks (the data fields go with the body noise, the 责编 line
# with the editor selectors).
BODY_BOILERPLATE = (".reTopics", ".spTopic", ".la_share")
SIGNATURE = (
    "article textarea.article-content, .t-container .metadata-info, .conText .la_tool",
    "a[href*='huanqiu.com']",
)
_STORED_BODY = "textarea.article-content"
_LABEL = re.compile(r"^\s*(?:责编|作者|来源)\s*[:：]\s*")


class _HuanqiuProfile(SelectorProfile):
    def extract(self, page: Page, trace: Trace | None = None) -> Extraction | None:
        # Read the data fields first: they sit in the body and go with the body noise.
        stored_time = _stored_time(page.body)
        editor = _stored_text(page.body, "article-editor-name")
        author = _stored_text(page.body, "article-author")
        source = _stored_text(page.body, "article-source-name")
        if _unpack_stored_body(page.body) and trace is not None:
            trace.note("huanqiu: body parsed from the page's article-content data field")
        extraction = super().extract(page, trace)
        if extraction is None:
            return None
        return replace(
            extraction,
            published=extraction.published or stored_time,
            editor=extraction.editor or editor,
            author=extraction.author or author,
            credit=extraction.credit or source,
        )


def _stored_text(root: Element, field: str) -> str | None:
    """A data field as plain text: the source field holds a link, the others may keep their label."""
    stored = select_first(root, (f"textarea.{field}",))
    raw = str(stored.text or "").strip() if stored is not None else ""
    if not raw:
        return None
    text = text_of(_parse_fragment(raw)) if "<" in raw else raw
    return _LABEL.sub("", text).strip() or None


def _stored_time(root: Element) -> datetime | None:
    stamp = _stored_text(root, "article-time") or _stored_text(root, "article-ext-xtime")
    if not stamp or not stamp.isdigit():
        return None
    seconds = int(stamp) / 1000 if len(stamp) > 11 else int(stamp)  # milliseconds, rarely seconds
    return datetime.fromtimestamp(seconds, UTC)


def _unpack_stored_body(root: Element) -> bool:
    """Put the stored body HTML in the page beside its field, unless the page already shows the body."""
    stored = select_first(root, (_STORED_BODY,))
    if stored is None or not str(stored.text or "").strip() or select(stored.getparent(), "p"):
        return False
    stored.addprevious(_parse_fragment(str(stored.text)))
    return True


def _parse_fragment(html: str) -> Element:
    try:
        return lxml.html.fragment_fromstring(html, create_parent="div")
    except (lxml.etree.ParserError, ValueError):
        return lxml.html.fragment_fromstring("<div></div>")


HUANQIU = register(
    _HuanqiuProfile(
        name="huanqiu",
        domains=("huanqiu.com",),
        body=BODY,
        title=TITLE,
        published=DATE,
        editor=EDITOR,
        source=SOURCE,
        drop=BODY_BOILERPLATE,
        signature=SIGNATURE,
        outlet="环球网",
    )
)
