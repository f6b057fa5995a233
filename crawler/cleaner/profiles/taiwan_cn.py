"""中国台湾网 (taiwan.cn, formerly chinataiwan.cn / chinataiwan.org): TRS WCM pages. The news template
(``#main``, the ``#infoAFun`` date line, ``#contentArea .TRS_Editor``) and the channel template of
y.taiwan.cn and the feature sites (``#mainContent``, ``.titleAndPanel``, ``.contentArea``)."""

from __future__ import annotations

import re

from crawler.cleaner.dom import Element, text_of
from crawler.cleaner.metadata import clean_byline
from crawler.cleaner.profiles.registry import register
from crawler.cleaner.profiles.selectors import SelectorProfile, select_all

# TRS nests one .TRS_Editor in another; the first (outer) one holds the whole text.
BODY = (
    "#contentArea .TRS_Editor",
    ".contentArea .TRS_Editor",
    "div.TRS_Editor",
    "div#content",
    "div.content",
)
TITLE = ("#main h1", "#mainContent h1", ".title h1", "h1.title", "div.title")
# The date line: time, 来源, 作者 and 编辑 side by side, labelled, in spans or bare text.
INFO = ("#infoAFun span", "#infoAFun", ".titleAndPanel span", ".titleAndPanel", ".info span", ".info",
        ".time")  # fmt: skip
EDITOR = ("#contentArea .editor", ".contentArea .editor", "div.editor", *INFO)
# Inside the body: share buttons some channels put under the text (TRS's <style> block goes as noise).
BODY_BOILERPLATE = (".bdsharebuttonbox", ".share")
# .TRS_Editor is every TRS site's; the date-line containers and the links home are this site's.
SIGNATURE = (
    "#contentArea .TRS_Editor, .contentArea .TRS_Editor",
    "#infoAFun, .titleAndPanel",
    "a[href*='taiwan.cn'], a[href*='chinataiwan']",
)
_BYLINE = re.compile(r"(?:作者|记者)\s*[:：]\s*([^:：]{1,40}?)(?:\s+(?:编辑|责任编辑|来源)\s*[:：]|$)")


class _TaiwanCnProfile(SelectorProfile):
    """The date line's parts are told apart by their labels, not by their position."""

    def _author(self, root: Element) -> str | None:
        for element in select_all(root, self.author):
            line = _BYLINE.search(text_of(element))
            name = clean_byline(line.group(1)) if line else None
            if name:
                return name
        return None


TAIWAN_CN = register(
    _TaiwanCnProfile(
        name="taiwan_cn",
        domains=("taiwan.cn", "chinataiwan.cn", "chinataiwan.org"),
        body=BODY,
        title=TITLE,
        published=INFO,
        published_meta=("PubDate", "article:published_time"),
        author=INFO,
        editor=EDITOR,
        source=INFO,
        drop=BODY_BOILERPLATE,
        signature=SIGNATURE,
        outlet="中国台湾网",
    )
)
