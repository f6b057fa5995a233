"""新浪 (Sina): news, finance, tech and the other channels share one article template since 2017; the
pre-2017 template (``#artibodyTitle``, ``.time-source``) still serves the archive."""

from __future__ import annotations

from crawler.cleaner.profiles.registry import register
from crawler.cleaner.profiles.selectors import SelectorProfile

TITLE = ("h1.main-title", "h1#artibodyTitle", "#artibodyTitle")  # current, then pre-2017 template
DATE = (".date-source .date", "#pub_date", ".time-source")
# The outlet a story came from: 央视新闻客户端, 新华社, or 新浪财经 for Sina's own.
SOURCE = (".date-source .source", "#media_name", ".time-source .source", ".time-source a")
# finance and tech keep the body in #artibody; news.sina.com.cn in div#article.article.
BODY = ("div#artibody", "div#article.article", "#artibody")
EDITOR = ("p.article-editor", "p.show_author", ".article-editor", ".show_author")
# Inside the body: QR promos, notices, keyword and related-link blocks.
BODY_BOILERPLATE = (
    ".appendQr_wrap", ".appendQr_normal", ".article-bottom", ".keywords", ".article-notice",
    ".blk-related", ".related", ".relate-news", ".art_related", "#related", ".otherContent_01",
    "[data-sudaclick='blk_related']", ".img_descr:empty", ".ct_hqimg",
)  # fmt: skip
# The template's signature, for Sina pages saved to disk or served from a mirror: the body and a
# Sina headline or date line.
SIGNATURE = (
    "div#artibody, div#article.article",
    "h1.main-title, h1#artibodyTitle, .date-source, .time-source",
)

SINA = register(
    SelectorProfile(
        name="sina",
        domains=("sina.com.cn", "sina.cn"),
        body=BODY,
        title=TITLE,
        published=DATE,
        published_meta=("article:published_time", "weibo: article:create_at"),
        editor=EDITOR,
        source=SOURCE,
        drop=BODY_BOILERPLATE,
        signature=SIGNATURE,
        # No fixed outlet: the title's suffix names the channel that published (新浪财经, 新浪新闻).
    )
)
