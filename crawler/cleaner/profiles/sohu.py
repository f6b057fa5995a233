"""搜狐 (Sohu): ``www.sohu.com/a/`` articles (搜狐号 and the news desks alike) since 2016; news.sohu.com and
the other channels' 2005-2015 template (``#contentText``, ``#pubtime_baidu``) still serves the archive."""

from __future__ import annotations

from crawler.cleaner.profiles.registry import register
from crawler.cleaner.profiles.selectors import SelectorProfile

TITLE = (".text-title h1", "h1[itemprop='headline']", "#contentA h1", ".content-box h1")
DATE = ("#news-time", "#pubtime_baidu", ".time-source .time")
AUTHOR = ("#author_baidu",)  # the old template's "作者：" line; 搜狐号 articles name no reporter
# The credited outlet: the linked name in a reprint's "来源:" span (the same span may instead say
# "发布于：上海市", a location, with no link), the old template's media line, else the 搜狐号 account.
SOURCE = (".article-info [data-role='original-link'] a", "#media_span", "#user-info h4 a")
BODY = (
    "article#mp-editor", "article.article", "#contentText [itemprop='articleBody']", "div#contentText",
    "div#sohu_content",
)  # fmt: skip
EDITOR = ("p[data-role='editor-name']", ".editShare .editUsr", ".editUsr")
# Inside the body: the "返回搜狐，查看更多" link glued to the last paragraph, the hidden original headline, and
# the old template's share bar, player and "相关新闻" blocks.
BODY_BOILERPLATE = (
    "#backsohucom", "p[data-role='original-title']", ".editShare", ".share", "#sohu-play-content",
    ".lookall-box", ".lookall", ".related", ".tag-list",
)  # fmt: skip
# An article body and a Sohu date line or "返回搜狐" link, from either template.
SIGNATURE = (
    "article#mp-editor, #contentText [itemprop='articleBody'], div#sohu_content",
    "#news-time, #backsohucom, #media_span",
)

SOHU = register(
    SelectorProfile(
        name="sohu",
        domains=("sohu.com",),
        body=BODY,
        title=TITLE,
        published=DATE,
        published_meta=("article:published_time", "og:release_date", "datepublished"),
        author=AUTHOR,
        editor=EDITOR,
        source=SOURCE,
        drop=BODY_BOILERPLATE,
        signature=SIGNATURE,
        outlet="搜狐网",
    )
)
