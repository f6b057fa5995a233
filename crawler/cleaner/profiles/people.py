"""人民网 (People's Daily Online) and its channels (tw., world., politics., local sites): the ``rm_txt``
template since 2020, the 2013-2019 ``text_con`` template (``#rwb_zw.box_con``) and the older ``#p_content``."""

from __future__ import annotations

import re
from dataclasses import dataclass

from crawler.cleaner.dom import Element, text_of
from crawler.cleaner.metadata import clean_byline
from crawler.cleaner.profiles.registry import register
from crawler.cleaner.profiles.selectors import SelectorProfile, select_all

TITLE = (".rm_txt h1", ".text_title h1", "h1#p_title", "#p_title")
# "2019年09月07日08:12 | 来源：人民网－台湾频道" (date and credited source on one line).
DATE = (".channel .col-1-1", ".text_title .box01 .fl", ".box01 .fl", "#p_publishtime")
SOURCE = (".channel .col-1-1", ".text_title .box01 .fl", ".box01 .fl", "#p_origin")
AUTHOR = (".rm_txt .author", ".text_title .author", "#p_author")
BODY = ("div.rm_txt_con", "div#rwb_zw", "div.box_con", "div#p_content")
EDITOR = (".edit", "#p_editor")  # "（责编：王洁、曹昆）"
BODY_BOILERPLATE = (
    ".zdfy", ".paper_num", ".section-common-share-wrap", ".box_pic:empty", ".otitle", ".rm_relevant",
    ".box_news", "center", ".page_n",
)  # fmt: skip
SIGNATURE = (
    "div.rm_txt_con, div#rwb_zw, div#p_content",
    "#rwb_navpath, .rm_txt .channel, .text_title .box01, #p_publishtime",
)

# The byline names the desk before the reporter (本报记者 林雪, 人民网记者 王洋), which the shared byline rule keeps.
_STAFF = re.compile(r"^(?:本报|人民网|人民日报|海外网)?(?:特约|实习)?记者\s*")


@dataclass(frozen=True, eq=False)
class PeopleProfile(SelectorProfile):
    def _author(self, root: Element) -> str | None:
        for element in select_all(root, self.author):
            name = clean_byline(_STAFF.sub("", text_of(element)))
            if name:
                return name
        return None


PEOPLE = register(
    PeopleProfile(
        name="people",
        domains=("people.com.cn", "people.cn"),
        body=BODY,
        title=TITLE,
        published=DATE,
        author=AUTHOR,
        editor=EDITOR,
        source=SOURCE,
        drop=BODY_BOILERPLATE,
        signature=SIGNATURE,
        outlet="人民网",
    )
)
