"""Hostile markup: trees too deep for the parser, pages too big to clean, and control characters."""

from __future__ import annotations

import inspect
import re
import sys
from datetime import UTC, datetime
from typing import Any

import lxml.html
import pytest
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from crawler.cleaner import CleanArticle, clean
from crawler.cleaner.nesting import flatten_nesting
from crawler.cleaner.page import MAX_DEPTH, MAX_ELEMENTS, Page, parse_page
from dedup.fingerprints import canonical_url, content_hash
from storage.articles import ArticleRecord, TopicScore, ensure_source, save_article
from storage.models import Article, Story

ARTICLE = (
    "The council approved the new budget on Tuesday after a long debate about the city's schools. "
    "Members said the plan would fund more teachers and repair old buildings across every district. "
)
AFTER = "A second story follows the deep part of the page and must not be lost either."
# Everything control-like that must never be stored: C0 but tab and newline, DEL, C1, and the two
# noncharacters XML forbids.
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ufffe\uffff]")


def deep_page(tag: str, depth: int) -> str:
    # The story's container, then markup nested ever deeper inside it (a broken template, a pasted
    # document), then the rest of the story.
    return (
        "<html><head><title>A deep page</title></head><body><div class='article-body'>"
        + f"<{tag}>" * depth
        + f"<p>{ARTICLE}</p>"
        + f"</{tag}>" * depth
        + f"<p>{AFTER}</p></div></body></html>"
    )


def tree_depth(root: Any) -> int:
    """Levels of elements, the root's included."""
    return 1 + max(sum(1 for _ in element.iterancestors()) for element in root.iter())


def stored_fields(article: CleanArticle) -> dict[str, str | None]:
    return {
        "title": article.title,
        "text": article.text,
        "html": article.html,
        "author": article.author,
        "editor": article.editor,
        "outlet": article.outlet,
        "credit": article.credit,
        "original_title": article.original_title,
    }


# Too deep ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("depth", [256, 5_000, 100_000])
@pytest.mark.parametrize("tag", ["div", "span"])
def test_text_nested_deeper_than_the_parser_goes_is_found(tag: str, depth: int) -> None:
    parsed = parse_page(deep_page(tag, depth), "https://example.com/deep")
    assert isinstance(parsed, Page)
    assert AFTER in parsed.body.text_content()  # nothing after the deep part is lost by the parser
    article = clean(deep_page(tag, depth), "https://example.com/deep")
    assert "council approved the new budget" in article.text
    assert AFTER in article.text


def test_unclosed_tags_thousands_deep_keep_the_text_after_them() -> None:
    # Old forum markup: a <font> per post, never closed.
    posts = "".join(f"<font color=red>post {number} " for number in range(3_000))
    article = clean(f"<html><body>{posts}<p>{ARTICLE}</p></body></html>", "https://example.com/forum")
    assert "council approved the new budget" in article.text
    assert "post 2999" in article.text


def test_a_flattened_tree_is_no_deeper_than_the_cap() -> None:
    page = parse_page(deep_page("div", 5_000), None)
    assert isinstance(page, Page)
    assert tree_depth(page.tree) == 2 + MAX_DEPTH  # html and body, then the divs kept


def test_a_tree_just_under_the_parser_limit_is_walked_from_a_deep_call_stack() -> None:
    # 250 levels are not flattened (libxml2 keeps them); the walkers must not recurse per level, or a
    # caller already deep in Scrapy's and Twisted's frames runs out of recursion limit.
    fragment = "<div>" * 250 + f"<p>{ARTICLE}</p>" + "</div>" * 250
    spare_frames = 300

    def call_at_depth(remaining: int) -> CleanArticle:
        return call_at_depth(remaining - 1) if remaining else clean(fragment)

    frames_now = len(inspect.stack(0))
    article = call_at_depth(sys.getrecursionlimit() - frames_now - spare_frames)
    assert article.empty_reason is None
    assert "council approved the new budget" in article.text


# Too big ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("tag", ["div", "p", "span"])
def test_a_page_of_a_million_elements_is_refused_with_a_reason(tag: str) -> None:
    page = f"<html><body><p>{ARTICLE}</p>" + f"<{tag}>x</{tag}>" * 1_000_000 + "</body></html>"
    article = clean(page, "https://example.com/huge")
    assert article.is_empty
    assert article.empty_reason == f"page too large: about 1,000,003 elements (limit {MAX_ELEMENTS:,})"


def test_many_angle_brackets_that_are_not_elements_do_not_refuse_a_page() -> None:
    script = "<script>" + "if (a<b) { a++; }\n" * (MAX_ELEMENTS + 10_000) + "</script>"
    comments = "<!-- <div> -->" * 20_000
    page = f"<html><head>{script}</head><body>{comments}<p>{ARTICLE}</p></body></html>"
    article = clean(page, "https://example.com/script")
    assert article.empty_reason is None
    assert "council approved the new budget" in article.text


def test_a_text_longer_than_the_parser_buffer_is_refused_with_a_reason() -> None:
    # libxml2 gives up on a text node over 10,000,000 bytes and returns an empty document.
    article = clean("<html><body><p>" + "word " * 2_100_000 + "</p></body></html>")
    assert article.is_empty
    assert article.empty_reason is not None
    assert article.empty_reason.startswith("page too large for the HTML parser")


# The flattening pass ----------------------------------------------------------------------------------


def test_flattening_keeps_the_text_and_drops_the_deep_tags() -> None:
    flat = flatten_nesting("<div><div><div><p>deep</p></div></div></div>after", max_depth=2)
    assert flat.text == "<div><div>\ndeep\n</div></div>after"
    assert (flat.elements, flat.dropped, flat.depth) == (2, 4, 4)


def test_flattening_leaves_shallow_markup_as_it_is() -> None:
    markup = "<html><body><div class='a'><p>one<br>two<img src=x.png/></p></div></body></html>"
    flat = flatten_nesting(markup, max_depth=2)
    assert flat.text is markup
    assert (flat.dropped, flat.depth, flat.elements) == (0, 2, 6)


def test_flattening_reads_tags_as_libxml2_does() -> None:
    markup = (
        "<script>'<div><div><div>'</script>"  # raw text: no elements
        "<!-- <div><div> -->"  # comment
        "<div/><div class=x /><a href=/x/>"  # the divs close themselves; the link stays open
        "<span><div></span>"  # libxml2 ignores </span>: it cannot close the open <div>
        '<b title="a > b">text</b>'
    )
    flat = flatten_nesting(markup, max_depth=10)
    assert flat.depth == 4  # a, span, div, b
    assert flat.elements == 7
    tree = lxml.html.document_fromstring(f"<html><body>{markup}</body></html>")
    assert tree_depth(tree) == 2 + flat.depth  # html and body, then the four


def test_flattening_stops_counting_past_the_budget() -> None:
    flat = flatten_nesting("<i>x</i>" * 100, max_depth=10, max_elements=50)
    assert not flat.complete
    assert flat.elements == 51


# Control characters -----------------------------------------------------------------------------------

# Raw, and as character references the parser decodes after any filter on the raw text. &#x9b; is
# read as "›" (HTML's windows-1252 table), &#x81; and &#x9d; have no such mapping and stay C1 controls.
CONTROLS_WRITTEN = [
    *("\x1b", "\x9b", "\x07", "\x00", "\ufffe"),
    *("&#x1b;", "&#27;", "&#x9b;", "&#x81;", "&#157;", "&#x7f;", "&#xFFFE;", "&#65535;"),
]


@pytest.mark.parametrize("control", CONTROLS_WRITTEN)
def test_control_characters_reach_no_field_of_the_article(control: str) -> None:
    page = (
        "<html><head>"
        f"<title>Council{control}approves budget</title>"
        f'<meta name="author" content="Jane{control} Doe">'
        f'<meta property="og:site_name" content="City{control} News">'
        "</head><body><article>"
        f"<h1>Council{control}approves budget</h1>"
        f"<p>{ARTICLE}{control}{ARTICLE}</p>"
        f"<p>Editor: Wang{control}Wu</p>"
        f"<table><tr><td>cell{control}one</td><td>two</td></tr><tr><td>three</td><td>four</td></tr></table>"
        "</article></body></html>"
    )
    article = clean(page, "https://example.com/controls")
    assert "Council" in article.title
    assert article.author is not None
    assert "Doe" in article.author
    assert "council approved" in article.text
    for field, value in stored_fields(article).items():
        assert not CONTROL.search(value or ""), f"{field}: {value!r}"


def test_a_line_breaking_control_separates_words_instead_of_gluing_them() -> None:
    # Word writes a manual line break as U+000B; deleting it would glue the words around it.
    article = clean(f"<html><body><article><p>{ARTICLE}end\x0bstart &#x0c;next</p></article></body></html>")
    assert "endstart" not in article.text
    assert "end" in article.text
    assert "start" in article.text
    assert not CONTROL.search(article.text)


def test_a_feed_headline_with_controls_is_cleaned() -> None:
    article = clean(
        f"<p>{ARTICLE}</p>", "https://example.com/feed-item", headline="Budget\x1b[31m passes\x85"
    )
    assert article.title == "Budget[31m passes"


# The storage guard ------------------------------------------------------------------------------------


def test_storage_keeps_control_characters_out_of_every_stored_field(engine: Engine) -> None:
    text = f"{ARTICLE}\x1b[0m{ARTICLE}"
    record = ArticleRecord(
        source_name="feed",
        url="https://example.com/stored",
        canonical_url=canonical_url("https://example.com/stored"),
        content_hash=content_hash(text),
        title="Budget\x9b passes\x00",
        text=text,
        html=f"<p>{text}</p>",
        author="Jane\x07 Doe",
        editor="Wang\r\nWu",
        outlet="City\x1b News",
        topics=(TopicScore("budget", 1.0, {"snippet": "the\x1bbudget", "aliases": ["bud\x9bget"]}),),
        event={"place": "Taipei\x1b", "dates": ["2021-12-01"]},
        published_at=datetime(2021, 12, 1, tzinfo=UTC),
    )
    with Session(engine) as session, session.begin():
        source_id = ensure_source(session, "feed", "feed", "https://example.com/feed.xml")
        save_article(session, record, source_id)
    with Session(engine) as session:
        stored = session.scalars(select(Article)).one()
        story = session.scalars(select(Story)).one()
        values = [
            stored.title,
            stored.text,
            stored.html,
            stored.author,
            stored.editor,
            stored.outlet,
            story.title,
        ]
        evidence = [topic.evidence for topic in stored.topics]
    assert not [value for value in values if CONTROL.search(value or "")]
    assert stored.title == story.title == "Budget passes"
    assert stored.editor == "Wang\nWu"
    assert evidence == [{"snippet": "thebudget", "aliases": ["budget"]}]
    assert stored.event == {"place": "Taipei", "dates": ["2021-12-01"]}


def test_json_ld_nested_past_the_stack_or_carrying_controls_loses_nothing_else() -> None:
    deep = "[" * 100_000 + "]" * 100_000
    page = (
        "<html><head><title>Forum opens</title>"
        f'<script type="application/ld+json">{deep}</script>'
        '<script type="application/ld+json">{"@type": "NewsArticle", "author": {"name": "Lin\\u001b[31m Yi"}}'
        "</script></head><body><p>"
        + "The twin-city forum opened in Taipei today. " * 5
        + "</p></body></html>"
    )
    article = clean(page)
    assert article.empty_reason is None
    assert article.author == "Lin[31m Yi"
