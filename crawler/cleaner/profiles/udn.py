"""聯合新聞網 (udn.com: 聯合報, 經濟日報 at money.udn.com, and the other channels): the template in use
since 2020 (``h1.article-content__title``, ``section.article-content__editor``), the 2015-2019 one
(``#story_body_content`` with ``h1#story_art_title`` and the ``.story_bady_info_author`` line) and the
Big5 pages of the 2012-2014 site (``#story_title``, ``#story_author``, ``#story``) still served for
archive stories.
"""

from __future__ import annotations

import re

from crawler.cleaner.profiles.cna import TaiwanNewsProfile
from crawler.cleaner.profiles.registry import register

TITLE = ("h1.article-content__title", "h1#story_art_title", "#story_art_title", "#story_title")
# The 2012 site writes "2013.06.29 04:17 pm": TaiwanNewsProfile reads the 12-hour clock.
DATE = (
    "time.article-content__time", ".article-content__info time", ".story_bady_info_author > span",
    "#story_bady_info time", "#story_update",
)  # fmt: skip
# "聯合報 / 記者林良齊／台北即時報導", "2019-03-18 聯合報 記者陳嘉寧／桃園機場報導", "【聯合晚報╱記者邱瓊平/台北報導】"
AUTHOR = (
    ".article-content__author",
    ".article-content__authors-name",
    ".story_bady_info_author",
    "#story_author",
)
# The paper (聯合報, 經濟日報, 聯合晚報) or the wire (中央社): the first word of the byline line, before the
# reporter's ("聯合報 / 記者林良齊／台北即時報導", "【聯合晚報╱記者邱瓊平/台北報導】").
SOURCE = (".article-content__author", ".story_bady_info_author", "#story_author", "#source_name")
BODY = ("section.article-content__editor", "div#story_body_content", "div#story_body", "div#story")
# Inside the body: inline ads, the 延伸閱讀 (further reading) blocks, tags, share bars and the old
# templates' date line and promos (their headline, also inside, goes as the title's echo).
BODY_BOILERPLATE = (
    ".inline-ads", ".ad_readmore", "[id^='div-gpt-ad']", ".udn-ads", ".story-list__holder",
    ".article-content__related", ".story-also", "#story_also", "#story_tags", ".story_tags",
    ".article-content__tags", ".hashtag", ".story-promote", ".udn-promote", ".only_mobile .inline-ad",
    "#story_bar", ".story_bar_new", "#story_bady_info", "#story_related", ".social_bar", "#set_font_size",
    ".photo_pop", ".photo_pop_icon", "#mvouter", "#mpromote", "#ft", "#bq",
)  # fmt: skip
# The further-reading list udn closes a story with, inside the body as plain paragraphs: "延伸閱讀" and
# its "▪ headline" links.
PROMO = re.compile(r"^▪|^延伸閱讀\s*[:：]?$")
SIGNATURE = (
    "section.article-content__editor, div#story_body_content, div#story.story",
    "h1.article-content__title, h1#story_art_title, #story_title",
    "time.article-content__time, .article-content__author, .story_bady_info_author, #story_author",
)

UDN = register(
    TaiwanNewsProfile(
        name="udn",
        domains=("udn.com",),
        body=BODY,
        title=TITLE,
        published=DATE,
        author=AUTHOR,
        source=SOURCE,
        drop=BODY_BOILERPLATE,
        signature=SIGNATURE,
        outlet="聯合新聞網",
        promo=PROMO,
    )
)
