"""Structures the generic path must read right on sites no profile knows (pages written for the test)."""

from __future__ import annotations

from crawler.cleaner import clean

PARAGRAPH = "上海台北城市論壇今年在台北舉行，兩市代表就交通、文化與青年交流交換意見，並簽署多項合作備忘錄。"
ENGLISH = "The two city governments met again this year and signed agreements on transport and culture. "


def test_a_theme_that_wraps_the_whole_page_in_a_banner_landmark_keeps_its_article() -> None:
    page = (
        "<html><body><div role='banner'><div class='top'>FAMA DEPORTES MUNDO</div>"
        f"<article><h1>El foro</h1><p>{ENGLISH * 6}</p><p>{ENGLISH * 5}</p></article></div>"
        "<nav>Home News Sport</nav></body></html>"
    )
    article = clean(page, profile="generic")
    assert ENGLISH.strip() in article.text
    assert "Home News Sport" not in article.text


def test_a_share_box_around_the_post_is_not_removed_with_it() -> None:
    page = (
        f"<html><body><div class='share'><p>{ENGLISH * 8}</p><p>{ENGLISH * 4}</p></div>"
        "<div class='share'>Share on Facebook</div></body></html>"
    )
    article = clean(page, profile="generic")
    assert ENGLISH.strip() in article.text
    assert "Share on Facebook" not in article.text


def test_a_page_that_is_only_a_navigation_bar_has_no_article() -> None:
    assert clean("<html><body><nav><a href='/'>home</a></nav></body></html>", profile="generic").is_empty


def test_a_blog_sidebar_calendar_is_not_article_text() -> None:
    days = "".join(
        "<tr>" + "".join(f"<td>{day}</td>" for day in range(week * 7 + 1, week * 7 + 8)) + "</tr>"
        for week in range(4)
    )
    page = (
        f"<html><body><div class='post'><p>{PARAGRAPH * 4}</p><p>{PARAGRAPH * 3}</p></div>"
        f"<table><tr><td>« Apr</td><td></td><td>»</td></tr><tr><td>一</td><td>二</td><td>三</td><td>四</td>"
        f"<td>五</td><td>六</td><td>日</td></tr>{days}</table></body></html>"
    )
    article = clean(page, profile="generic")
    assert PARAGRAPH in article.text
    assert "15 | 16" not in article.text


def test_a_forum_thread_list_after_the_post_is_not_article_text() -> None:
    replies = "".join(
        f"<p><a href='/t/{n}'>旅行中遇到的第{n}件事，大家來說說</a>【網友{n}】08-1{n % 10} 16:0{n % 10} 298字 [43/8]</p>"
        for n in range(1, 9)
    )
    # A reply whose linked title is one character: the run as a whole is what is link text.
    replies += "<p><a href='/t/9'>賣</a>【網友9】08-23 10:50 40字 [105/0]</p>" + replies
    page = f"<html><body><div id='post'><p>{PARAGRAPH * 5}</p></div><div id='replies'>{replies}</div></body></html>"
    article = clean(page, profile="generic")
    assert PARAGRAPH in article.text
    assert "旅行中遇到的" not in article.text
    assert "賣" not in article.text


def test_a_linked_post_title_over_its_text_stays_a_heading_of_the_post() -> None:
    page = (
        "<html><head><title>City diary: July</title></head><body>"
        "<div class='post'><h2><a href='/2005/07/post'>Twin cities sign a culture pact</a></h2>"
        f"<p>{ENGLISH * 6}</p><h2>What comes next</h2><p>{ENGLISH * 5}</p></div></body></html>"
    )
    assert "Twin cities sign a culture pact" in clean(page, profile="generic").html


def test_a_page_served_without_html_and_body_tags_is_extracted_as_a_page() -> None:
    menu = " | ".join(f"<a href='/c/{n}'>頻道{n}</a>" for n in range(30))
    bare = (
        f"<div id='nav'>{menu}</div><form action='/search'><input name='q'></form>"
        f"<div class='content'><p>{PARAGRAPH * 4}</p><p>{PARAGRAPH * 3}</p></div>"
        f"<div class='links'>{menu}</div>"
    )
    article = clean(bare, profile="generic")
    assert PARAGRAPH in article.text
    assert "頻道1" not in article.text
    # The same HTML given as a feed entry's content is the article as it stands: walked whole.
    assert "頻道1" in clean(bare, profile="generic", fragment=True).text
