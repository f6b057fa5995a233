"""Site-profile registry and selection, the Sina profile, and the block walker they share."""

from __future__ import annotations

from pathlib import Path

import lxml.html
import pytest

from crawler.cleaner import clean
from crawler.cleaner.blocks import blocks_from_element
from crawler.cleaner.generic import densest_element
from crawler.cleaner.page import parse_page
from crawler.cleaner.profiles import (
    SiteProfile,
    get_profile,
    profile_for_page,
    profile_for_url,
    register,
)
from crawler.cleaner.profiles.selectors import SelectorProfile
from crawler.cleaner.profiles.sina import SINA

PAGES = Path(__file__).parent / "cleaner_pages"


@pytest.mark.parametrize(
    ("url", "name"),
    [
        ("https://finance.sina.com.cn/china/2021-12-01/doc-ikyamrmy6175870.shtml", "sina"),
        ("https://news.sina.com.cn/c/2021-12-01/doc-x.shtml", "sina"),
        ("https://sina.com.cn/", "sina"),
        ("https://finance.sina.cn/2021-12-01/detail-x.d.html", "sina"),
        ("https://notsina.com.cn/a.html", None),
        ("https://sina.com.cn.example.org/a.html", None),
        ("http://127.0.0.1:8765/a.html", None),
        (None, None),
    ],
)
def test_profiles_match_a_domain_and_its_subdomains(url: str | None, name: str | None) -> None:
    profile = profile_for_url(url)
    assert (profile.name if profile else None) == name


def test_sina_page_is_recognised_by_its_signature() -> None:
    page = parse_page((PAGES / "sina-forum.html").read_text(encoding="utf-8"), "http://127.0.0.1/a")
    assert page is not None
    profile = profile_for_page(page)
    assert profile is not None
    assert profile.name == "sina"


@pytest.mark.parametrize(
    "name", ["twin-city-forum.zh-Hant.html", "sco-mayors-dialogue.blog.html", "sina-forum.feed-item.html"]
)
def test_other_pages_do_not_carry_the_sina_signature(name: str) -> None:
    page = parse_page((PAGES / name).read_text(encoding="utf-8"), None)
    assert page is not None
    assert profile_for_page(page) is None


def test_artibody_alone_is_not_a_sina_signature() -> None:
    page = parse_page("<html><body><div id='artibody'><p>正文</p></div></body></html>", None)
    assert page is not None
    assert not SINA.matches_page(page)


def test_sina_url_without_the_template_falls_back_to_generic() -> None:
    html = (
        "<html><head><title>新浪专题</title></head><body><nav>首页 新闻</nav><article>"
        + "<p>2021上海-台北城市论坛今天以视频形式举行，两市市长出席论坛并致辞，双方签署合作备忘录。</p>" * 3
        + "</article></body></html>"
    )
    article = clean(html, "https://finance.sina.com.cn/zt/forum.shtml")
    assert article.extractor == "generic"
    assert article.paragraphs


def test_profile_registry_refuses_duplicate_names() -> None:
    with pytest.raises(ValueError, match="already registered"):
        register(SelectorProfile(name="sina", domains=("example.org",), body=("article",)))

    assert get_profile("sina") is SINA
    assert get_profile("generic") is None
    assert isinstance(SINA, SiteProfile)


def _walk(html: str) -> list[tuple[str, str]]:
    root = lxml.html.fragment_fromstring(html, create_parent="div")
    return [(block.kind, " ".join(block.text.split())) for block in blocks_from_element(root)]


def test_walker_keeps_headings_items_rows_and_line_breaks() -> None:
    blocks = _walk(
        "<h2>一、是什么?</h2><p>第一行<br>第二行</p>"
        "<ol><li><b>前期筹备:</b><ul><li>联合发起</li></ul></li><li>会务安排</li></ol>"
        "<table><tr><th>友城</th><th>合作领域</th></tr><tr><td>旧金山</td><td>经济</td></tr></table>"
        "<script>var x = 1;</script><style>p{}</style><p>尾段 <a href='#'>链接</a> 文字</p>"
    )
    assert blocks == [
        ("heading", "一、是什么?"),
        ("paragraph", "第一行 第二行"),
        ("item", "前期筹备:"),
        ("item", "联合发起"),
        ("item", "会务安排"),
        ("row", "友城 | 合作领域"),
        ("row", "旧金山 | 经济"),
        ("paragraph", "尾段 链接 文字"),
    ]


def test_layout_tables_are_walked_as_containers() -> None:
    blocks = _walk(
        "<table><tr><td><p>正文第一段</p><p>正文第二段</p></td><td><div>侧栏</div></td></tr></table>"
    )
    assert blocks == [("paragraph", "正文第一段"), ("paragraph", "正文第二段"), ("paragraph", "侧栏")]


def test_density_fallback_picks_the_text_block() -> None:
    root = lxml.html.document_fromstring(
        "<html><body><div id='menu'><a href='/'>首页</a> <a href='/a'>新闻</a></div>"
        "<div id='story'><p>双城论坛今天在上海举行，两市市长出席。</p><p>双方签署了三项合作备忘录。</p></div>"
        "<div id='links'><p><a href='/x'>很长很长很长很长很长很长很长很长的相关链接标题</a></p></div>"
        "</body></html>"
    )
    story = densest_element(root)
    assert story is not None
    assert story.get("id") == "story"


def test_sina_lead_image_is_a_photo_never_the_qr_promo() -> None:
    fragment = (
        '<p>　　正文第一段。</p><div class="clearfix appendQr_wrap"><div class="appendQr_normal">'
        '<img src="https://n.sinaimg.cn/finance/cece9e13/20200514/343233024.png"></div>'
        '<div class="appendQr_normal_txt">海量资讯、精准解读，尽在新浪财经APP</div></div>'
    )
    assert clean(fragment, profile="sina").image is None
    with_photo = '<p><img src="https://n.sinaimg.cn/news/photo.jpg"></p>' + fragment
    assert clean(with_photo, profile="sina").image == "https://n.sinaimg.cn/news/photo.jpg"


def test_a_template_variant_that_wraps_the_body_in_dropped_markup_keeps_every_paragraph() -> None:
    """A profile's drop rules (forms, "related" boxes) must not take the story with them when a variant
    of the template wraps the paragraphs in such markup."""
    paragraphs = [
        f"第{n}段：上海台北城市論壇今天舉行，兩市就交通、文化與青年交流進行討論並簽署備忘錄。" * 2
        for n in range(6)
    ]
    page = (
        "<html><head><title>双城论坛举行_新浪财经_新浪网</title></head><body><h1 class='main-title'>双城论坛举行</h1>"
        "<div id='artibody'><form id='aspnetForm'><div class='related'>"
        + "".join(f"<p>{text}</p>" for text in paragraphs)
        + "</div></form><div class='related'><a href='/1'>相关：另一篇报道</a></div></div></body></html>"
    )
    article = clean(page, "https://finance.sina.com.cn/china/2021-12-01/doc-x.shtml")
    assert article.extractor == "sina"
    assert article.paragraphs == tuple(paragraphs)
