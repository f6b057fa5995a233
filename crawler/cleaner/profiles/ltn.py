"""自由時報 (Liberty Times, ltn.com.tw: news., ec., sports., ent. and the other channels): the template in
use since 2019 (``div.whitecon.article`` with the story in ``div.text[data-desc='內容頁']``), the 2013-2018
one (``div.content > h1``, ``div#newstext``) and the Big5 archive of libertytimes.com.tw
(``td#newsContent`` with ``span#newtitle``).

Stories open with their bracketed byline, ``〔記者林縉明／台北報導〕``, which names the reporter.
"""

from __future__ import annotations

import re

from crawler.cleaner.profiles.cna import TaiwanNewsProfile
from crawler.cleaner.profiles.registry import register

TITLE = ("div.whitecon h1", "div.content > h1", "span#newtitle", "#newtitle")
DATE = ("div.text span.time", "div.whitecon span.time", "div#newstext > span", "td#date", "#date")
BODY = (
    "div.whitecon div.text[data-desc='內容頁']", "div.whitecon div.text", "div#newstext", "#newsContent",
)  # fmt: skip
# Inside the body: the headline (Big5 archive), the date line, the app promos ("不用抽 不用搶 現在用APP看新聞
# 保證天天中獎"), ads and the related-news boxes LTN labels with data-desc.
BODY_BOILERPLATE = (
    "span.time", "div#newstext > span", "p.appE1121", ".appE1121", "[data-desc='相關新聞']",
    "[data-desc='相關']", ".relatednews", ".relatlist", ".related", ".suggest_pc", ".suggest_mobile",
    "[data-desc='廣告']", "[id^='ad-']", ".ad_innerbox", ".before_ir", ".after_ir", "#newsad", ".ad",
    ".fb_like", ".share", ".boxInput", "p.gotop", ".rate", "#K3", "span#newtitle",
)  # fmt: skip
# The same app and fan-page promos when they come as plain paragraphs.
PROMO = re.compile(r"^(?:不用抽 ?不用搶|還?想看更多新聞嗎|看更多！請加入自由時報粉絲團|點我下載APP)")
SIGNATURE = (
    "div.whitecon div.text[data-desc='內容頁'], div.content > div#newstext.text, td#newsContent",
    "div.whitecon h1, div.content > h1, span#newtitle",
)

LTN = register(
    TaiwanNewsProfile(
        name="ltn",
        domains=("ltn.com.tw", "libertytimes.com.tw"),
        body=BODY,
        title=TITLE,
        published=DATE,
        drop=BODY_BOILERPLATE,
        signature=SIGNATURE,
        outlet="自由時報",
        promo=PROMO,
    )
)
