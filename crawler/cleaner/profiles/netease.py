"""网易 (NetEase): ``www.163.com/news/article/`` (since 2020) and ``news.163.com`` (the ``post_`` template) share
one article layout; the 2010-2016 ``ep-`` template (``#h1title``, ``.ep-time-soure``) still serves the archive."""

from __future__ import annotations

import re
from dataclasses import dataclass

from crawler.cleaner.dom import Element, text_of
from crawler.cleaner.profiles.registry import register
from crawler.cleaner.profiles.selectors import SelectorProfile, select_all

TITLE = ("h1.post_title", ".post_main h1", "#epContentLeft h1", "h1#h1title")
# "2019-09-07 08:12:35　来源: 中国台湾网" in every template.
DATE = (".post_info", ".post_time_source", ".ep-time-soure", ".ep-time-source")
SOURCE = ("#ne_article_source", ".post_info", ".post_time_source", ".ep-time-soure", ".ep-time-source")
BODY = ("div.post_body", "div#endText", "#endText")
# "本文来源：中国台湾网 责任编辑：王晓易_NE0011", as one block or with the editor (and the reporter, as
# "作者：林菁") in its own span.
EDITOR = (".ep-editor", ".post_author", ".ep-source")
AUTHOR = EDITOR
BODY_BOILERPLATE = (
    ".post_top", ".post_top_tie", ".post_top_share", ".post_statement", ".post_btmshare", ".post_next",
    ".gg200x300", ".at_item", ".ad_hover_href", "[adtype]", ".otitle", ".ep-source", ".end-text-foot",
    ".post_recommends", ".post_comment", ".tie-areas",
)  # fmt: skip
SIGNATURE = (
    "div.post_body, div#endText",
    "#ne_article_source, a.post_top_tie_count, .ep-time-soure, .ep-editor, .post_author",
)

# NetEase signs editors with a staff code glued on by an underscore (王晓易_NE0011), which the shared editor
# rule takes for part of the name, and writes reporter and editor on one line after "本文来源：", where
# neither shared rule looks.
_NAME = r"\s*[:：]\s*(?P<name>[^\s_:：()（）\[\]【】]{1,24})"
_EDITOR_LINE = re.compile(r"(?:责任编辑|责编)" + _NAME)
_AUTHOR_LINE = re.compile(r"(?:作者|记者)" + _NAME)


@dataclass(frozen=True, eq=False)
class NeteaseProfile(SelectorProfile):
    def _editor(self, root: Element) -> str | None:
        return _first_match(root, self.editor, _EDITOR_LINE)

    def _author(self, root: Element) -> str | None:
        return _first_match(root, self.author, _AUTHOR_LINE)


def _first_match(root: Element, selectors: tuple[str, ...], pattern: re.Pattern[str]) -> str | None:
    for element in select_all(root, selectors):
        match = pattern.search(text_of(element))
        if match:
            return match["name"]
    return None


NETEASE = register(
    NeteaseProfile(
        name="netease",
        domains=("163.com",),
        body=BODY,
        title=TITLE,
        published=DATE,
        author=AUTHOR,
        editor=EDITOR,
        source=SOURCE,
        drop=BODY_BOILERPLATE,
        signature=SIGNATURE,
        outlet="网易新闻",
    )
)
