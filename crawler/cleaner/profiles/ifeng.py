"""凤凰网 (ifeng.com): the React template of news.ifeng.com/c/... pages since 2019, whose CSS-module class
names end in a build hash (``index_text_D0U1y``), hence the substring selectors; and the older template
(``#artical_topic``, ``#main_content``) of the .shtml archive."""

from __future__ import annotations

import re
from dataclasses import replace

from crawler.cleaner.page import Extraction, Page
from crawler.cleaner.profiles.registry import register
from crawler.cleaner.profiles.selectors import SelectorProfile
from crawler.cleaner.trace import Trace

# "index_text_" and not "index_text": the headline box is index_textTitle_...
BODY = ("div[class*='index_text_']", "div#main_content", "#main_content")
TITLE = ("h1[class*='index_topic']", "h1#artical_topic", "#artical_topic")
DATE = ("[class*='index_timeBref'] a", "[class*='index_timeBref']", "p[class*='index_time'] span",
        "#artical_sth .ss01", ".p_time .ss01")  # fmt: skip
# The outlet a story was taken from (中国新闻网, 澎湃新闻); ifeng's own stories name a 凤凰 channel.
SOURCE = ("[class*='index_sourceTitleText'] a", "[class*='index_sourceTitleText']",
          "[class*='index_source'] a", "#artical_sth .ss03", ".p_time .ss03")  # fmt: skip
AUTHOR = ("#artical_sth .ss04", ".p_time .ss04")
# "[责任编辑：胡俊豪 PK027]" under the old template's body.
EDITOR = ("#artical_real p.iphone_none", "[class*='index_editor']")
# Inside the old template's body: the inline logo after the last sentence, the WeChat QR and share links.
BODY_BOILERPLATE = (".ifengLogo", ".js_wx_qrcod", ".js_content_share_btn")
SIGNATURE = (
    "div[class*='index_text_'], div#main_content",
    "[class*='index_timeBref'], p[class*='index_time'], #artical_sth",
    "a[href*='ifeng.com']",
)
# A reprint's first line names the headline it had at its source: metadata, not text.
_ORIGINAL_TITLE = re.compile(r"^\s*(?:原标题|原標題)\s*[:：]")


class _IfengProfile(SelectorProfile):
    def extract(self, page: Page, trace: Trace | None = None) -> Extraction | None:
        extraction = super().extract(page, trace)
        if extraction is None:
            return None
        kept = []
        for index, block in enumerate(extraction.blocks):
            if index < 2 and _ORIGINAL_TITLE.match(block.text):
                if trace is not None:
                    trace.removed("profile-drop", "ifeng original-title line", block.text)
                continue
            kept.append(block)
        return replace(extraction, blocks=kept)


IFENG = register(
    _IfengProfile(
        name="ifeng",
        domains=("ifeng.com",),
        body=BODY,
        title=TITLE,
        published=DATE,
        published_meta=("og:time", "article:published_time"),
        author=AUTHOR,
        editor=EDITOR,
        source=SOURCE,
        drop=BODY_BOILERPLATE,
        signature=SIGNATURE,
        outlet="凤凰网",
    )
)
