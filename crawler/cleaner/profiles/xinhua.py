"""新华网 (Xinhuanet, xinhuanet.com and news.cn): the ``#detail`` template since 2020, the 2016-2020
``#p-detail`` template and the older ``#content`` one (``h1#title``, ``#pubtime``) still serving the archive."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from crawler.cleaner.dates import parse_date
from crawler.cleaner.dom import select_first, text_of
from crawler.cleaner.page import Page
from crawler.cleaner.profiles.registry import register
from crawler.cleaner.profiles.selectors import SelectorProfile

TITLE = (".head-line h1 .title", ".head-line h1", ".h-title", "h1#title", "#title")
# The mobile header and the old templates write "2021-12-01 22:01:19"; .header-time is handled below.
DATE = (".mheader .info", ".h-info .h-time", ".h-time", "#pubtime", ".info .time")
SOURCE = (".header .source", ".mheader .info span", ".h-info span:not(.h-time)", "em#source", "#source")
BODY = ("#detail #detailContent", "div#detail", "div#p-detail", "div#content")
EDITOR = ("#articleEdit .editor", ".p-right .editor", ".editor", "#articleEdit")
# Inside the body: the 【纠错】 link with its hidden form, share and QR blocks, the pager.
BODY_BOILERPLATE = (
    "#articleEdit", ".tiyi1", ".advise", ".tiyi01", ".p-jc", ".jc", ".xh-share", ".pageShare",
    ".fxd", "#div_currpage", ".zan-wap", ".share", ".bottom-bar",
)  # fmt: skip
SIGNATURE = (
    "#detail span#detailContent, div#p-detail, div#content",
    "#articleEdit, .header-time .year, .h-info .h-time, em#source",
    ".head-line .title, .h-title, h1#title",
)
# The desktop header splits the time: <span class="year"><em>2021</em></span>
# <span class="day"><em>12</em>/<em>01</em></span> <span class="time">22:01:19</span>.
_HEADER_TIME = re.compile(
    r"(?P<year>\d{4})\s+(?P<month>\d{1,2})\s*/\s*(?P<day>\d{1,2})\s+(?P<time>\d{1,2}:\d{2}(?::\d{2})?)"
)


@dataclass(frozen=True, eq=False)
class XinhuaProfile(SelectorProfile):
    def _published(self, page: Page) -> datetime | None:
        header = select_first(page.body, (".header-time",))
        match = _HEADER_TIME.search(text_of(header)) if header is not None else None
        if match:
            stamp = f"{match['year']}-{int(match['month']):02d}-{int(match['day']):02d} {match['time']}"
            parsed = parse_date(stamp, self.zone)
            if parsed is not None:
                return parsed
        return super()._published(page)


XINHUA = register(
    XinhuaProfile(
        name="xinhua",
        domains=("xinhuanet.com", "news.cn"),
        body=BODY,
        title=TITLE,
        published=DATE,
        editor=EDITOR,
        source=SOURCE,
        drop=BODY_BOILERPLATE,
        signature=SIGNATURE,
        outlet="新华网",
    )
)
