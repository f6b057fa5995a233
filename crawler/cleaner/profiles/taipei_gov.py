"""臺北市政府 (Taipei City Government): the news pages (News_Content.aspx) of www.gov.taipei, of
english.gov.taipei and of the departments' sites on the same CMS: the story in ``div.area-essay
div.essay``, a detail list with the post date and the publishing agency (發布機關, "Publishing Agency"),
which is whom the story is credited to.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from crawler.cleaner.dates import find_date
from crawler.cleaner.dom import Element, select, text_of
from crawler.cleaner.page import Page
from crawler.cleaner.profiles.registry import register
from crawler.cleaner.profiles.selectors import SelectorProfile

# The headline is an h3 in the essay; the h2 of .simple-text outside it names the section (市政新聞).
TITLE = (
    "div.area-essay h3.caption", "div.area-essay .simple-text.title h3", "div.area-essay .simple-text.title h2",
    "div.area-essay > h3",
)  # fmt: skip
# The detail list: 發布日期 / 更新日期 / 發布機關, "Post Date" / "Update Date" / "Publishing Agency".
DETAILS = "ul.list-text.detail li"
BODY = ("div.area-essay div.essay", "div.area-essay .page-content")
BODY_BOILERPLATE = ("a.accesskey", ".share", ".back", ".list-file", ".file-download", ".area-editor .print")
# The CMS is shared by other governments' sites: a link to the Taipei sites tells this one apart.
SIGNATURE = (
    "div.area-essay div.essay",
    "ul.list-text.detail",
    "a[href*='gov.taipei'], a[href*='taipei.gov.tw']",
)
_POSTED = re.compile(
    r"^\s*(?:發布日期|發佈日期|公告日期|Post Date|Posted|Release Date)\s*[:：]?\s*", re.IGNORECASE
)
_AGENCY = re.compile(
    r"^\s*(?:發布機關|發佈機關|發布單位|Publishing Agency|Publisher)\s*[:：]?\s*", re.IGNORECASE
)
_ROC_DATE = re.compile(r"^\d{2,3}(?=[-/.]\d{1,2}[-/.]\d{1,2}\b)")
_LONGEST_AGENCY = 100


@dataclass(frozen=True, eq=False)
class TaipeiGovProfile(SelectorProfile):
    """Date and agency are read from the detail line their label names (not by position: pages differ
    in which lines they show), and the agency is the whole value: "Secretariat, Taipei City Government"."""

    def _published(self, page: Page) -> datetime | None:
        posted = _detail(page.body, _POSTED)
        if posted:
            # The Chinese site writes ROC years without 民國: 發布日期：113-12-23.
            posted = _ROC_DATE.sub(lambda m: f"民國{m[0]}", posted)
        return (find_date(posted, self.zone) if posted else None) or super()._published(page)

    def _source(self, root: Element) -> str | None:
        agency = _detail(root, _AGENCY)
        return agency if agency and len(agency) <= _LONGEST_AGENCY else None


def _detail(root: Element, label: re.Pattern[str]) -> str | None:
    for item in select(root, DETAILS):
        text = text_of(item)
        if label.match(text):
            return label.sub("", text).strip() or None
    return None


TAIPEI_GOV = register(
    TaipeiGovProfile(
        name="taipei_gov",
        domains=("gov.taipei", "taipei.gov.tw"),
        body=BODY,
        title=TITLE,
        published=(DETAILS,),
        drop=BODY_BOILERPLATE,
        signature=SIGNATURE,
    )
)
