"""The headline chooser: weighs the title, og:title and the page's headings against the site's name.

Each page here is one template structure, written for the test: the blog whose header <h1> is the blog's
name, the magazine whose og:title is the magazine, the portal whose <title> is only its name, the old
template with no <h1> and no <title>. None of them may come back with the site's name as its headline.
"""

from __future__ import annotations

import pytest

from crawler.cleaner import clean
from crawler.cleaner.titles import Heading, SiteName, choose_headline

BODY = (
    "<p>"
    + "市府今天宣布，上海台北城市論壇將於本月在台北舉行，雙方將就交通、文化與青年交流等議題進行討論。" * 3
    + "</p>"
)
ENGLISH_BODY = (
    "<p>"
    + "The forum brings the two city governments together every year to talk about culture. " * 4
    + "</p>"
)


def page(head: str, body: str, url: str | None = None) -> str:
    return f"<html><head>{head}</head><body>{body}</body></html>"


@pytest.mark.parametrize(
    ("html", "url", "headline"),
    [
        pytest.param(
            page(
                "<title>Four Years Remaining » Blog Archive » Interning of Small Integers</title>",
                '<div class="header"><h1>Four Years Remaining</h1></div>'
                f"<div class='post'><h2>Interning of Small Integers</h2>{ENGLISH_BODY}</div>",
            ),
            "https://fouryears.example/2019/10/interning/",
            "Interning of Small Integers",
            id="blog-name-first-in-title-and-in-header-h1",
        ),
        pytest.param(
            page(
                '<meta property="og:site_name" content="自由時報電子報">'
                '<meta property="og:title" content="自由時報電子報"><title>自由時報電子報</title>',
                f'<header><a class="logo">自由時報電子報</a></header><h1>雙城論壇本月登場</h1>{BODY}',
            ),
            "https://news.example.tw/article/1",
            "雙城論壇本月登場",
            id="og-title-is-the-declared-site-name",
        ),
        pytest.param(
            page(
                "<title>National Rail Enquiries -</title>",
                f'<div class="content"><h2>Rail Replacement Services</h2>{ENGLISH_BODY}</div>',
            ),
            "https://www.nationalrail.example.co.uk/disruptions/1.aspx",
            "Rail Replacement Services",
            id="empty-headline-slot-after-the-site-name",
        ),
        pytest.param(
            page(
                "<title>seelenradio » Nummer zwei: Leo</title>",
                f"<h1>seelenradio</h1><h2>Nummer zwei: Leo</h2>{ENGLISH_BODY}",
            ),
            "http://www.seelenradio.example/nummer-zwei-leo/",
            "Nummer zwei: Leo",
            id="site-named-by-its-host",
        ),
        pytest.param(
            page(
                "", f'<table><tr><td class="logo">台北市政府</td></tr></table><h2>市長出席雙城論壇</h2>{BODY}'
            ),
            None,
            "市長出席雙城論壇",
            id="old-template-without-title-or-h1",
        ),
        pytest.param(
            page(
                '<meta property="og:site_name" content="Taipei Times"><title>Taipei Times</title>',
                '<header class="site-header"><h1 class="logo">Taipei Times</h1></header>'
                f"<article><header><h1>Mayors meet in Shanghai</h1></header>{ENGLISH_BODY}</article>",
            ),
            "https://www.taipeitimes.example/news/1",
            "Mayors meet in Shanghai",
            id="the-article's-own-header-is-not-chrome",
        ),
        pytest.param(
            page(
                "<title>中時新聞網</title>",
                '<div id="logo"><a href="/"><img src="/logo.png" alt="中時新聞網"></a></div>'
                f"<div class='article'><h1>雙北市長出席上海台北雙城論壇</h1>{BODY}</div>",
            ),
            "https://www.chinatimes.example/realtimenews/1",
            "雙北市長出席上海台北雙城論壇",
            id="title-is-only-the-name-in-the-logo-image",
        ),
        pytest.param(
            page(
                '<meta name="application-name" content="新華網"><title>新華網</title>',
                '<table><tr><td class="title">滬台雙城論壇在上海開幕</td></tr>'
                f"<tr><td>{BODY}</td></tr></table>",
            ),
            "http://www.xinhua.example/2005/0425.htm",
            "滬台雙城論壇在上海開幕",
            id="old-table-template-marks-its-headline-by-class-only",
        ),
        pytest.param(
            page("<title>Apple unveils a new iPhone for the twin cities - Apple</title>", ENGLISH_BODY),
            "https://www.apple.example/newsroom/1",
            "Apple unveils a new iPhone for the twin cities",
            id="headline-that-names-the-site-stays",
        ),
        pytest.param(
            page("<title>15 Jahre rete-mirabile.net</title>", ENGLISH_BODY),
            "https://rete-mirabile.example/15-jahre",
            "15 Jahre rete-mirabile.net",
            id="a-hint-of-the-host-never-empties-a-title",
        ),
    ],
)
def test_the_headline_is_never_the_site_name(html: str, url: str | None, headline: str) -> None:
    article = clean(html, url, profile="generic")
    assert article.title == headline


def test_a_page_with_nothing_but_its_site_name_gets_no_headline() -> None:
    site = SiteName(declared=("ICON Magazine",))
    assert choose_headline("ICON Magazine", [Heading("ICON Magazine", 1)], site) == ""


def test_site_name_evidence() -> None:
    site = SiteName(
        declared=("聯合新聞網",), shown=("中時新聞網",), host="www.fouryears.eu", hinted=("Jens Weber",)
    )
    assert site.evidence("聯合新聞網") == 2
    assert site.evidence("Four Years Remaining") == 1  # 9 of 18 letters are the host's
    assert site.evidence("fouryears.eu") == 2
    assert site.evidence("中時新聞網") == 2  # the logo's
    assert site.evidence("Jens Weber") == 1  # a publisher meta tag may name the page's subject
    assert site.evidence("Interning of Small Integers") == 0
    assert SiteName(host="udn.com").evidence("udn") == 0  # labels this short are words, not names


@pytest.mark.parametrize(
    "portal",
    ["某市人民政府门户网站", "臺北市政府全球資訊網", "门户", "新闻中心首页", "某某大学官方网站"],
)
def test_a_title_that_is_a_portals_name_gives_way_to_the_pages_heading(portal: str) -> None:
    # Government portals and JavaScript front ends keep the site's name as every page's <title>.
    body = "市政府今天召开双城论坛筹备会，研究部署今年论坛的各项筹备工作，要求各部门密切配合。" * 4
    html = (
        f"<html><head><title>{portal}</title></head><body><div class='content'>"
        f"<h1>市政府召开双城论坛筹备会</h1><p>{body}</p></div></body></html>"
    )
    assert clean(html, profile="generic").title == "市政府召开双城论坛筹备会"


def test_a_headline_that_merely_ends_in_a_site_word_is_kept() -> None:
    body = "The city launched a new service for residents this week, officials said on Monday. " * 4
    html = (
        "<html><head><title>City opens its new residents portal</title></head><body>"
        f"<article><h1>City opens its new residents portal</h1><p>{body}</p></article></body></html>"
    )
    assert clean(html, profile="generic").title == "City opens its new residents portal"
