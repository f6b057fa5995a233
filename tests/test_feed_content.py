"""Full-text feed items: cleaned like a page, titled like the feed.

Feeds written for these tests (a Chinese blog, a portal item with its QR promo and editor line, an
English blog in Atom) are served over HTTP on 127.0.0.1 and crawled by `forumwatch crawl` into a real
SQLite file; the stored titles and texts are then read back.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import feedparser
import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from crawler.cleaner import clean
from crawler.cleaner.boilerplate import judge_line
from crawler.feed_parsing import FEED_PARSE_OPTIONS
from crawler.spiders.feed import entry_info, full_text
from forumwatch.demo.server import DemoServer
from storage.engine import open_database
from storage.models import Article

FILLER = "两市代表围绕城市治理、青年交流与文化合作深入讨论，并就下一阶段的合作项目交换了意见。"
# Each item has a text of its own: the same text twice would be stored once, as one story's copy.
SENTENCES = [
    "论坛首日安排了四场分论坛，议题涵盖智慧交通、长者照护、防灾韧性与文创产业。",
    "台北代表团参观了滨江步道更新工程，对老旧厂房改造为公共空间的做法很感兴趣。",
    "会后双方确认明年轮由台北主办，具体日期将视疫情与交通安排另行公布。",
    "与会学者指出，两市在地铁运营、垃圾分类和社区营造方面都有可以互相借鉴的经验。",
    "不少年轻创业者在交流会上分享了跨城市合作的经历，也谈到了融资和人才方面的难处。",
]
COVER = (
    "<p>十五年来，论坛从最初的几场座谈发展成两市固定的年度交流机制，参与的部门和团体越来越多。"
    "本期封面回顾了历届论坛签署的备忘录，从公共交通票证互通到图书馆资源共享，不少成果已进入市民生活。"
    "我们也采访了三位多次参会的基层工作者，听他们讲述会场之外的故事。"
    "其中一位社区规划师说，每次交流回来，她都会把对方的做法整理成笔记，在街道的例会上和同事们讨论。</p>"
)
PORTAL_TEXT = (
    "本次签署的合作备忘录共六项，内容包括医疗卫生人才培训、垃圾分类经验交流、历史建筑保护与活化利用，"
    "以及青少年夏令营和体育赛事互访等，有效期均为三年，由两市相关部门分别负责落实。"
    "据介绍，这些项目大多延续了往届论坛的合作基础，今年新增的两项分别涉及数字治理和港口物流。"
)
INTRO = "<p>" + "".join(SENTENCES[:3]) + "</p>"
SECOND = "<p>" + "".join(SENTENCES[2:]) + "</p>"

BLOG_RSS = f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>城事漫谈</title><link>@@BASE@@/blog/</link><description>城市随笔</description>
<item><title>参加双城论坛的几点感受</title><link>@@BASE@@/blog/2024/ganshou/</link>
<pubDate>Mon, 06 May 2024 02:00:00 GMT</pubDate>
<content:encoded><![CDATA[<h2>一、前言</h2>{INTRO}<h2>二、论坛见闻</h2>{SECOND}
<h3>相关文章</h3><ul><li><a href="/blog/a">城市更新的三个问题</a></li><li><a href="/blog/b">友城交流二十年回顾</a></li></ul>
]]></content:encoded></item>
<item><title>封面故事：双城论坛十五年</title><link>@@BASE@@/blog/2024/fengmian/</link>
<pubDate>Tue, 07 May 2024 02:00:00 GMT</pubDate>
<content:encoded><![CDATA[<p>{FILLER}</p><h2>封面</h2>{COVER}]]></content:encoded></item>
<item><title>双城论坛的会场设计</title><link>@@BASE@@/blog/2024/huichang/</link>
<pubDate>Wed, 08 May 2024 02:00:00 GMT</pubDate>
<content:encoded><![CDATA[<h1>双城论坛的会场设计</h1><p>{SENTENCES[4] * 2}</p>{SECOND}
<p>审核：李晓明 编辑：周文静</p>]]></content:encoded></item>
</channel></rss>"""

PORTAL_RSS = f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>神州财经</title><link>@@BASE@@/news/</link><description>全文订阅</description>
<item><title>双城论坛签署合作备忘录</title><link>@@BASE@@/news/doc-1.shtml</link>
<pubDate>Wed, 01 Dec 2021 06:00:00 GMT</pubDate>
<content:encoded><![CDATA[<div><p>　　{FILLER}</p><p>　　{PORTAL_TEXT}</p><!-- 正文下广告 -->
<script>var ad = {{slot: "bottom"}}; document.write("&#60;div&#62;");</script>
<style>.promo_box&#123;border:1px solid #eee;&#125; .promo_box img&#123;width:74px;&#125;</style>
<div class="promo_box"><img src="https://img.example/20200514/app.png"><span>扫码下载神州财经客户端，随时随地看新闻</span></div>
<div><img src="https://img.example/erweima/wx.jpg" alt="二维码"><p>关注我们，获取每日要闻</p></div>
<p class="editor">责任编辑：陈思远 NE0012</p></div>]]></content:encoded></item>
</channel></rss>"""

ENGLISH_ATOM = f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>City Notes</title><id>urn:city-notes</id>
<updated>2024-05-06T02:00:00Z</updated><link href="@@BASE@@/notes/"/>
<entry><title type="html">Notes from the &lt;em&gt;Twin-City Forum&lt;/em&gt; &amp;amp; after</title>
<id>urn:city-notes:1</id><link href="@@BASE@@/notes/1"/><updated>2024-05-06T02:00:00Z</updated>
<content type="html">&lt;h2&gt;Background&lt;/h2&gt;&lt;p&gt;{"The delegations met for two days of talks on transport, housing and youth exchange. " * 4}&lt;/p&gt;
&lt;p&gt;Posted by admin&lt;/p&gt;&lt;h3&gt;Related Posts&lt;/h3&gt;&lt;ul&gt;&lt;li&gt;&lt;a href="/n/2"&gt;A walk by the river&lt;/a&gt;&lt;/li&gt;&lt;/ul&gt;</content>
</entry></feed>"""

TITLES = {
    "/blog/2024/ganshou/": "参加双城论坛的几点感受",
    "/blog/2024/fengmian/": "封面故事：双城论坛十五年",
    "/blog/2024/huichang/": "双城论坛的会场设计",
    "/news/doc-1.shtml": "双城论坛签署合作备忘录",
    "/notes/1": "Notes from the Twin-City Forum & after",
}
# What page debris looks like in a stored text.
DEBRIS = re.compile(
    r"\{|\}|@media|<[a-zA-Z/!]|>|document\.write|二维码|扫码|客户端|责任编辑|編輯|编辑|审核|Posted by|Related"
)
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _site(directory: Path) -> Path:
    pages = {"blog.xml": BLOG_RSS, "portal.xml": PORTAL_RSS, "notes.atom": ENGLISH_ATOM}
    manifest = []
    for name, text in pages.items():
        (directory / name).write_text(text, encoding="utf-8")
        kind = "atom+xml" if name.endswith(".atom") else "rss+xml"
        manifest.append(
            {"path": f"/feeds/{name}", "file": name, "content_type": f"application/{kind}; charset=utf-8",
             "encoding": "utf-8"}
        )  # fmt: skip
    (directory / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    return directory


def _config(base_url: str, db_url: str) -> str:
    sources = "".join(
        f'\n[[sources]]\nname = "{name}"\nkind = "feed"\nurl = "{base_url}/feeds/{name}.{ext}"\n'
        for name, ext in (("blog", "xml"), ("portal", "xml"), ("notes", "atom"))
    )
    return (
        f'[database]\nurl = "{db_url}"\n\n[crawl]\ndownload_delay = 0.0\nautothrottle_start_delay = 0.0\nkeep_unmatched = true\nallow_private = ["127.0.0.1"]\n\n'
        '[[topics]]\nname = "twin-city-forum"\naliases = ["双城论坛", "Twin-City Forum"]\n' + sources
    )


@pytest.fixture(scope="module")
def stored(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Article]:
    """The articles stored by one crawl of the three feeds, by URL path."""
    directory = tmp_path_factory.mktemp("feeds")
    db_url = f"sqlite:///{directory / 'feeds.db'}"
    with DemoServer(site_dir=_site(directory)) as server:
        config = directory / "forumwatch.toml"
        config.write_text(_config(server.base_url, db_url), encoding="utf-8")
        done = subprocess.run(
            [sys.executable, "-m", "forumwatch", "crawl", "--config", str(config), "--no-alerts"],
            capture_output=True,
            text=True,
            timeout=180,
            check=False,
        )
        assert done.returncode == 0, done.stderr
        base = server.base_url
    with Session(open_database(db_url)) as session:
        articles = session.scalars(select(Article)).all()
        session.expunge_all()
    return {article.url.removeprefix(base): article for article in articles}


def test_every_item_is_titled_by_its_entry(stored: dict[str, Article]) -> None:
    assert {path: article.title for path, article in stored.items()} == TITLES


def test_a_subheading_stays_a_subheading(stored: dict[str, Article]) -> None:
    blog = stored["/blog/2024/ganshou/"]
    assert blog.text.startswith("一、前言\n")
    assert "<h2>一、前言</h2>" in blog.html
    assert "二、论坛见闻" in blog.text
    cover = stored["/blog/2024/fengmian/"]
    assert cover.text.split("\n")[:2] == [FILLER, "封面"]


def test_a_heading_repeating_the_entry_title_is_dropped_as_an_echo(stored: dict[str, Article]) -> None:
    echo = stored["/blog/2024/huichang/"]
    assert "双城论坛的会场设计" not in echo.text
    assert echo.text.startswith(SENTENCES[4])


def test_related_lists_credits_promos_css_and_scripts_are_gone(stored: dict[str, Article]) -> None:
    for path, article in stored.items():
        assert not DEBRIS.search(article.text), (path, article.text)
        assert not CONTROL.search(article.title + article.text), path
        assert not re.search(r"<!--|<script|<style", article.html), path
    assert "城市更新的三个问题" not in stored["/blog/2024/ganshou/"].text
    assert stored["/news/doc-1.shtml"].text == f"{FILLER}\n{PORTAL_TEXT}"


def test_editor_lines_name_the_editor(stored: dict[str, Article]) -> None:
    assert stored["/news/doc-1.shtml"].editor == "陈思远"
    assert stored["/blog/2024/huichang/"].editor == "周文静"


def test_an_html_title_is_stored_as_text() -> None:
    entry = feedparser.parse(ENGLISH_ATOM.encode(), **FEED_PARSE_OPTIONS).entries[0]
    assert entry_info(entry).title == "Notes from the Twin-City Forum & after"


def test_unsanitised_content_keeps_style_whole_for_the_cleaner() -> None:
    """feedparser's sanitiser would leave the style's character references behind as "{}{}"."""
    entry = feedparser.parse(PORTAL_RSS.encode(), **FEED_PARSE_OPTIONS).entries[0]
    content = full_text(entry)
    assert content is not None
    assert "<style>" in content
    assert "{" not in clean(content, "https://news.example/doc-1.shtml").text


def test_plain_text_content_becomes_paragraphs() -> None:
    lines = ["First line of a plain-text entry, <b> is not markup here. " * 3, "Second line. " * 10]
    atom = (
        '<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title><id>i</id><entry><title>Plain</title>'
        f'<id>e</id><link href="https://a.example/1"/><content type="text">{"&#10;".join(lines)}'
        "</content></entry></feed>"
    ).replace("<b>", "&lt;b&gt;")
    entry = feedparser.parse(atom.encode(), **FEED_PARSE_OPTIONS).entries[0]
    content = full_text(entry)
    assert content is not None
    assert clean(content).paragraphs == tuple(line.strip() for line in lines)


def test_a_teaser_with_a_big_style_block_is_not_full_text() -> None:
    rss = (
        '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>t</title>'
        "<item><title>x</title><link>https://a.example/1</link><content:encoded><![CDATA[<style>"
        + ".a{color:red}" * 40
        + "</style><p>两句话的摘要。</p>]]></content:encoded></item></channel></rss>"
    )
    entry = feedparser.parse(rss.encode(), **FEED_PARSE_OPTIONS).entries[0]
    assert full_text(entry) is None


@pytest.mark.parametrize(
    ("line", "rule", "value"),
    [
        ("审核：李晓明 编辑：周文静", "staff-credits", "周文静"),
        ("文/张三 | 编辑/李四", "staff-credits", "李四"),
        ("校对：王五；监制：赵六", "staff-credits", None),
        ("海量资讯、精准解读，尽在神州财经APP", "app-promo", None),
        ("微信扫一扫，关注我们", "app-promo", None),
        ("{}{}{}{}", "css", None),
        (".appendQr_wrap{border:1px solid #E6E6E6;padding:8px;} .x img{width:74px;}", "css", None),
        ("@media screen and (max-width: 600px) {", "css", None),
        ("相关文章", "related-heading", None),
    ],
)
def test_structural_line_rules(line: str, rule: str, value: str | None) -> None:
    verdict = judge_line(line)
    assert (verdict.rule.name if verdict.rule else None, verdict.value) == (rule, value)


@pytest.mark.parametrize(
    "line",
    [
        "编辑说，这件事情很重要：我们要做好准备",
        "这是一个{测试}",
        "const options = {a: 1}",
        "他打开手机应用查看了论坛的日程安排，并下载了会议资料。",
    ],
)
def test_prose_is_not_taken_for_debris(line: str) -> None:
    assert judge_line(line).rule is None
