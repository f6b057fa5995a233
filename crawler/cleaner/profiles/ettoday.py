"""ETtoday新聞雲 (ettoday.net and its channels): the template in use since 2016 (``h1.title``,
``div.story[itemprop='articleBody']``, ``time.date``) and the 2012-2015 one (``h2.title``,
``span.news-time``, the story in ``div.story``).

The reporter is named in the story's own first paragraphs (``記者林悅／台南報導``), and ``►`` lines inside
the story link to other ETtoday stories.
"""

from __future__ import annotations

import re

from crawler.cleaner.profiles.cna import TaiwanNewsProfile
from crawler.cleaner.profiles.registry import register

TITLE = ("h1.title[itemprop='headline']", "header h1.title", "h2.title[itemprop='headline']")
DATE = (
    "time.date[datetime]", "time[itemprop='datePublished']", "span.date time", "span.news-time", ".news-time",
)  # fmt: skip
BODY = ("div.story[itemprop='articleBody']", "div.subject_article div.story", "div.story")
# Inside the story: ads ("請繼續往下閱讀..."), tags, related and recommended news, event promos.
BODY_BOILERPLATE = (
    ".ad_in_news", ".ad_readmore", "[id^='div-gpt-ad']", ".tag", ".related-news", "#related-news",
    ".test-keyword", ".recom-events", ".editor-choice", ".part_pictures_list", ".et_social", ".sharebox_2",
)  # fmt: skip
# "►雙城論壇登場" links and "▶" video prompts.
PROMO = re.compile(r"^[►▶]")
SIGNATURE = (
    "div.story[itemprop='articleBody'], div.story [itemprop='articleBody']",
    "h1.title[itemprop='headline'], h2.title[itemprop='headline']",
    "time[itemprop='datePublished'], span.news-time",
)

ETTODAY = register(
    TaiwanNewsProfile(
        name="ettoday",
        domains=("ettoday.net",),
        body=BODY,
        title=TITLE,
        published=DATE,
        drop=BODY_BOILERPLATE,
        signature=SIGNATURE,
        outlet="ETtoday新聞雲",
        promo=PROMO,
    )
)
