"""中時新聞網 (China Times, chinatimes.com and its channels): the template in use since 2019
(``h1.article-title``, ``div.article-body``, the ``.meta-info`` line with time, source and reporter) and the
2013-2018 one still serving the archive (``article.clear-fix`` with a ``header h1``, ``.article_info``
reporter line, the story in an inner ``article.clear-fix`` or ``.arttext``).

Reprinted wire copy names the wire in the ``.source`` of the meta line (中央社) and keeps its dateline.
"""

from __future__ import annotations

from crawler.cleaner.profiles.cna import TaiwanNewsProfile
from crawler.cleaner.profiles.registry import register

TITLE = ("h1.article-title", "article.clear-fix > header > h1", "div.page_container header h1")
# The 2013-2018 <time datetime> holds midnight, the real time is in its text: read the whole line.
DATE = (".meta-info time", ".article_info .reporter", ".article_info time")
AUTHOR = (".meta-info .author", ".article_info .rp_name", ".article_info .reporter cite")
# 中時新聞網, 中國時報, 工商時報, 旺報, or a wire (中央社) for reprints.
SOURCE = (".meta-info .source", ".article-header .source", ".article_info .reporter > a:first-child")
BODY = (
    "div.article-body", "article.arttext", "div.arttext", "div.article_info ~ article.clear-fix",
)  # fmt: skip
# Inside the body: the promo lines, hash tags, ads and the recommendation widgets placed mid-story.
BODY_BOILERPLATE = (
    ".promote-word", ".article-hash-tag", ".ad", ".ad-box", "[id^='div-gpt-ad']", ".recommended-article",
    ".promote-area", ".article-function", ".social-share", ".a_k", ".article-function-bar", ".share_media",
    ".share_icon", ".socialshare", "#dablewidget", "[id^='dablewidget']", ".popin-recommend",
)  # fmt: skip
SIGNATURE = (
    "div.article-body, article.arttext, div.arttext, div.article_info ~ article.clear-fix",
    "h1.article-title, article.clear-fix > header > h1",
    ".meta-info time > span.hour, div.article_info > div.reporter",
)

CHINATIMES = register(
    TaiwanNewsProfile(
        name="chinatimes",
        domains=("chinatimes.com",),
        body=BODY,
        title=TITLE,
        published=DATE,
        author=AUTHOR,
        source=SOURCE,
        drop=BODY_BOILERPLATE,
        signature=SIGNATURE,
        outlet="中時新聞網",
    )
)
