"""上海市人民政府 (shanghai.gov.cn) and the city's bureau and district sites under sh.gov.cn: one article
template with ``#ivs_title`` / ``#ivs_content`` (the ids the site search indexes), the current layout
(``.Article-time`` with 发布时间 and 来源) and the pre-2020 one (``/nw2/...`` pages, GBK-encoded,
``.PBtime`` / ``#ivs_date``)."""

from __future__ import annotations

from crawler.cleaner.profiles.registry import register
from crawler.cleaner.profiles.selectors import SelectorProfile

BODY = ("#ivs_content", "div.Article_content", ".Article_content")
TITLE = ("#ivs_title", ".Article_title", ".Article-title")
# The date line: 发布时间 and 来源 together, in spans or bare text.
INFO = ("#ivs_date", ".Article-time span", ".Article-time", ".Article_time", ".PBtime", ".Article .time",
        ".Article-source", ".Article .source")  # fmt: skip
# The 打印本页 / 关闭窗口 tools and share buttons, when a layout puts them inside the content block.
BODY_BOILERPLATE = (".Article-tools", ".bdsharebuttonbox")
# Other portals' Epoint pages use the ivs ids too, and link to shanghai.gov.cn among their
# "friend links"; the .Article wrapper around the ids is Shanghai's.
SIGNATURE = (
    ".Article #ivs_title",
    ".Article #ivs_content",
    "a[href*='shanghai.gov.cn'], a[href*='.sh.gov.cn']",
)


SHANGHAI_GOV = register(
    SelectorProfile(
        name="shanghai_gov",
        domains=("shanghai.gov.cn", "sh.gov.cn"),
        body=BODY,
        title=TITLE,
        published=INFO,
        # The government-site standard meta; visible dates are often the day only.
        published_meta=("PubDate", "article:published_time"),
        source=INFO,
        drop=BODY_BOILERPLATE,
        signature=SIGNATURE,
        outlet="上海市人民政府",
    )
)
