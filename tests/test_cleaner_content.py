"""Our own main-content finder (crawler/cleaner/content.py): structures of templates, written for the test.

Each page is built the way a family of templates lays a story out; none is a copy of a real page.
"""

from __future__ import annotations

import lxml.html
import pytest

from crawler.cleaner import clean
from crawler.cleaner.content import find_article, prepare
from crawler.cleaner.inner_chrome import names_chrome

EN = "The two city governments met again this year and signed agreements on transport and culture, officials said. "
ZH = "上海台北城市论坛今年在台北举行，两市代表就交通、文化与青年交流交换意见，并签署多项合作备忘录。"
MENU = "".join(f"<li><a href='/s/{n}'>Section number {n}</a></li>" for n in range(12))
TEASERS = "".join(
    f"<li><a href='/story/{n}'>Another story of the day with a long headline, number {n}</a></li>"
    for n in range(8)
)


def _found(html: str) -> tuple[str, bool, list[str]]:
    body = lxml.html.document_fromstring(html).find("body")
    prepare(body)
    found = find_article(body)
    assert found is not None
    return (
        found.how,
        found.sure,
        [str(element.get("class") or element.get("id") or element.tag) for element in found.elements],
    )


def test_the_innermost_of_nested_article_bodies_is_taken() -> None:
    # WordPress: <div class="post"> (the whole post, with its meta and share bars) around "entry-content".
    how, sure, elements = _found(
        f"<html><body><ul class='menu'>{MENU}</ul><div class='post'><h1>Forum</h1>"
        f"<div class='entry-content'><p>{EN * 3}</p><p>{EN * 3}</p></div></div>"
        f"<aside><ul>{TEASERS}</ul></aside></body></html>"
    )
    assert sure
    assert "tier 1" in how
    assert elements == ["entry-content"]


def test_a_teaser_box_named_like_a_body_does_not_win_over_the_story() -> None:
    _, sure, elements = _found(
        "<html><body><div id='story'>"
        + "".join(f"<p>{EN * 2}</p>" for _ in range(6))
        + f"</div><div class='sidebar-box'><div class='post-content'><p>{EN * 2}</p></div></div></body></html>"
    )
    assert not sure  # the readings disagree: a second extractor is asked
    assert elements == ["story"]


def test_a_broad_story_wrapper_gives_way_to_the_prose_inside_it() -> None:
    how, sure, elements = _found(
        "<html><body><article>"
        f"<div class='copy'><p>{EN * 3}</p><p>{EN * 3}</p><p>{EN * 3}</p></div>"
        f"<div class='more'><h3>More</h3><ul>{TEASERS}</ul></div></article></body></html>"
    )
    assert sure
    assert how.startswith("text density, inside")
    assert elements == ["copy"]


def test_a_page_wide_name_with_as_much_prose_elsewhere_leaves_the_finder_unsure() -> None:
    _, sure, _ = _found(
        f"<html><body><div id='main'><div class='a'><p>{EN * 3}</p><p>{EN * 3}</p></div></div>"
        f"<div class='b'><p>{EN * 2}</p><p>{EN * 2}</p></div></body></html>"
    )
    assert not sure


def test_density_alone_is_enough_when_nothing_apart_comes_near() -> None:
    # An old portal: tables, no names; the story's cell far ahead of a box of teasers with excerpts.
    teasers = "".join(
        f"<tr><td><a href='/s/{n}'>Another story</a> A line of its text, {n}.</td></tr>" for n in range(4)
    )
    how, sure, _ = _found(
        f"<html><body><table><tr><td><ul>{MENU}</ul></td><td><p>{EN * 3}</p><p>{EN * 3}</p><p>{EN * 3}</p></td>"
        f"<td><table>{teasers}</table></td></tr></table></body></html>"
    )
    assert how == "text density"
    assert sure


def test_a_lead_set_apart_by_the_template_comes_with_the_body() -> None:
    html = (
        "<html><body><article><header><h1>Forum</h1>"
        "<p class='article-intro'>Mayors of both cities opened the annual forum on Tuesday morning.</p></header>"
        f"<div class='article-body'><p>{EN * 3}</p><p>{EN * 3}</p></div></article></body></html>"
    )
    assert "opened the annual forum on Tuesday" in clean(html, profile="generic").text


def test_a_chinese_government_page_in_a_trs_editor_container() -> None:
    html = (
        f"<html><body><table><tr><td><ul>{MENU}</ul></td></tr></table>"
        f"<div class='TRS_Editor'><p>{ZH}</p><p>{ZH * 2}</p><p>{ZH}</p></div>"
        "<div class='bottom'>主办：某市人民政府办公室 版权所有</div></body></html>"
    )
    article = clean(html, profile="generic")
    assert article.text.startswith("上海台北城市论坛")
    assert "版权所有" not in article.text


def test_chrome_inside_the_body_goes_by_its_name_and_markup() -> None:
    html = (
        "<html><body><div class='entry-content'>"
        f"<p>{EN * 3}</p><div class='sharedaddy share-buttons'>Share this: Facebook Twitter</div>"
        f"<figure><img src='/a.jpg'><figcaption>Photo: City Hall</figcaption></figure><p>{EN * 3}</p>"
        "<div style='display:none'>Hidden copy for print</div>"
        f"<div class='jp-relatedposts'><h3>Related</h3><ul>{TEASERS}</ul></div>"
        "<div class='author-bio'>Jane writes about cities. Follow her on Twitter.</div>"
        f"</div></body></html>"
    )
    text = clean(html, profile="generic").text
    for chrome in (
        "Share this",
        "Photo: City Hall",
        "Hidden copy",
        "Related",
        "Another story",
        "Jane writes",
    ):
        assert chrome not in text
    assert text.count("signed agreements") == 6


def test_a_box_class_that_only_contains_a_chrome_word_stays() -> None:
    # A page builder's wrappers ("elementor-widget-wrap") and a field whose label is hidden hold the story.
    html = (
        "<html><body><div class='entry'>"
        f"<div class='elementor-widget-wrap'><p>{EN * 3}</p></div>"
        f"<div class='field field--label-hidden'><p>{EN * 3}</p></div></div></body></html>"
    )
    assert clean(html, profile="generic").text.count("signed agreements") == 6


@pytest.mark.parametrize(
    ("names", "chrome"),
    [
        ("share-bar", True),
        ("post-share", True),
        ("related_posts", True),
        ("entry-meta", True),
        ("article-comments", True),
        ("elementor-widget-wrap", False),
        ("field--label-hidden", False),
        ("commentary", False),
        ("testreport__section--ads", False),
    ],
)
def test_chrome_is_named_by_a_whole_first_or_last_word(names: str, chrome: bool) -> None:
    assert names_chrome(names) is chrome


def test_loose_labels_around_paragraphs_go_but_a_paragraph_without_p_stays() -> None:
    html = (
        "<html><body><div class='article-body'><div class='meta'>By Jane Roe</div>"
        "<div class='info'>5 min read</div>"
        f"<p>{EN * 5}</p><p>{EN * 5}</p><div>{EN * 2}</div></div></body></html>"
    )
    text = clean(html, profile="generic").text
    assert "5 min read" not in text
    assert text.count("signed agreements") == 12


def test_titles_of_boxes_that_went_go_with_them() -> None:
    html = (
        "<html><body><div class='article-content'>"
        f"<p>{EN * 3}</p><p>{EN * 3}</p><h3>Most read</h3><ul>{TEASERS}</ul>"
        "<p><strong>Contact:</strong></p></div></body></html>"
    )
    text = clean(html, profile="generic").text
    assert "Most read" not in text
    assert "Contact" not in text


def test_a_post_rendered_by_script_is_read_from_its_noscript() -> None:
    html = (
        "<html><body><div class='post'><div class='post-body'>"
        "<script type='text/template'>var post = 1;</script>"
        f"<noscript><p>{EN * 3}</p><p>{EN * 3}</p></noscript></div></div></body></html>"
    )
    assert clean(html, profile="generic").text.count("signed agreements") == 6


def test_a_list_of_teaser_cards_goes_with_its_excerpts() -> None:
    cards = "".join(
        f"<li><a href='/s/{n}'>Another story of the week, number {n}</a></li>"
        f"<li>A line of that story's text, cut short where the card ends…</li>"
        for n in range(3)
    )
    html = (
        "<html><body><div class='article-content'>"
        f"<p>{EN * 3}</p><p>{EN * 3}</p><h3>Related posts</h3><ul>{cards}</ul>"
        f"<p>{EN * 2}</p></div></body></html>"
    )
    text = clean(html, profile="generic").text
    assert "cut short where the card ends" not in text
    assert "Related posts" not in text
    assert text.count("signed agreements") == 8


def test_a_short_line_over_a_list_of_links_is_the_lists_title() -> None:
    html = (
        "<html><body><div class='article-content'>"
        f"<p>{EN * 3}</p><p>{EN * 3}</p><p>Zobacz także</p><ul>{TEASERS}</ul>"
        f"<p>{EN * 2}</p></div></body></html>"
    )
    text = clean(html, profile="generic").text
    assert "Zobacz także" not in text
    assert text.count("signed agreements") == 8


def test_the_authors_bio_at_the_end_goes() -> None:
    html = (
        "<html><head><meta name='author' content='Jane Roe'></head><body><div class='article-content'>"
        f"<p>{EN * 3}</p><p>{EN * 3}</p>"
        "<p>Jane Roe is a reporter covering cities and their mayors. Follow her on Twitter.</p>"
        "</div></body></html>"
    )
    article = clean(html, profile="generic")
    assert "covering cities and their mayors" not in article.text
    assert article.text.count("signed agreements") == 6


def test_a_last_paragraph_that_only_names_someone_else_stays() -> None:
    html = (
        "<html><head><meta name='author' content='Jane Roe'></head><body><div class='article-content'>"
        f"<p>{EN * 3}</p><p>{EN * 3}</p>"
        "<p>Janet Rowe, the city's spokeswoman, said the next forum would be held in spring.</p>"
        "</div></body></html>"
    )
    assert "next forum would be held in spring" in clean(html, profile="generic").text


def test_a_question_over_a_list_of_links_is_the_lists_title() -> None:
    html = (
        "<html><body><div class='article-content'>"
        f"<p>{EN * 3}</p><p>{EN * 3}</p><p>Schon gelesen?</p><ul>{TEASERS}</ul></div></body></html>"
    )
    assert "Schon gelesen" not in clean(html, profile="generic").text
