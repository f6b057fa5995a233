"""澎湃新闻 (The Paper, thepaper.cn): the Next.js template since 2022, whose CSS-module class names carry a
build hash (``index_cententWrap__Jv8jK``, the typo is theirs) that changes with each release, hence the
substring selectors; and the older template (``div.news_txt``, ``div.news_about``) still serving the
archive."""

from __future__ import annotations

import re

from crawler.cleaner.dates import find_date
from crawler.cleaner.dom import Element, text_of
from crawler.cleaner.metadata import clean_byline
from crawler.cleaner.profiles.registry import register
from crawler.cleaner.profiles.selectors import SelectorProfile, select_all

# "index_cententWrap__" leaves out the wrapper box around the body (index_cententWrapBox__...).
BODY = ("div[class*='index_cententWrap__']", "div.news_txt")
TITLE = ("h1[class*='index_title__']", "h1.news_title", "div.newscontent h1")
HEADER = "[class*='index_headerContent'] [class*='index_left']"
DATE = (f"{HEADER} .ant-space-item", ".news_about p")
SOURCE = DATE  # the 来源 line shares its element with the time
# The byline is the header's first line; a wire story has none, and then the date line comes first.
AUTHOR = (f"{HEADER} > div:not(.ant-space)", ".news_about > p:first-child")
EDITOR = ("[class*='index_editor'] p", "[class*='index_editor']", ".news_editor p", ".news_editor")
# Inside the body: the 澎湃号 disclaimer ("特别声明：本文为澎湃号作者…") and the comment list.
BODY_BOILERPLATE = (".statement", ".comment-list")
SIGNATURE = (
    "div[class*='index_cententWrap__'], div.news_txt",
    "[class*='index_headerContent'], div.news_about",
    "a[href*='thepaper.cn']",
)
# "澎湃新闻记者 王晓", "澎湃新闻首席记者 王晓": the paper's staff title before the name.
_STAFF_TITLE = re.compile(r"^澎湃新闻\s*(?:首席|特约|实习)?记者\s*")


class _ThePaperProfile(SelectorProfile):
    def _author(self, root: Element) -> str | None:
        for element in select_all(root, self.author):
            text = _STAFF_TITLE.sub("", text_of(element))
            if "来源" in text or find_date(text) is not None:
                continue  # a story without a byline: this is the date line
            name = clean_byline(text)
            if name:
                return name
        return None


THEPAPER = register(
    _ThePaperProfile(
        name="thepaper",
        domains=("thepaper.cn",),
        body=BODY,
        title=TITLE,
        published=DATE,
        author=AUTHOR,
        editor=EDITOR,
        source=SOURCE,
        drop=BODY_BOILERPLATE,
        signature=SIGNATURE,
        outlet="澎湃新闻",
    )
)
