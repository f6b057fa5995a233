"""`forumwatch clean --explain`: which profile or extractor ran, and what each rule removed."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from crawler.cleaner import explain
from forumwatch.cli import main

PAGES = Path(__file__).parent / "cleaner_pages"
SINA_URL = "https://finance.sina.com.cn/china/2021-12-01/doc-ikyamrmy6175870.shtml"


def test_explain_names_the_profile_and_every_removal() -> None:
    article, trace = explain((PAGES / "sina-forum.html").read_bytes(), SINA_URL)
    assert article.extractor == "sina"
    assert any("profile sina chosen" in note for note in trace.notes)
    removed = {(r.rule, r.text) for r in trace.removals}
    assert ("p.article-editor", "责任编辑：王翔") in removed
    assert (".appendQr_wrap", "海量资讯、精准解读，尽在新浪财经APP") in removed


def test_explain_shows_how_the_generic_path_found_the_article() -> None:
    _, trace = explain((PAGES / "sco-mayors-dialogue.blog.html").read_bytes(), None)
    assert "no site profile: generic extractor" in trace.notes
    assert "article found by a container named as an article (tier 1)" in trace.notes


def test_explain_shows_the_chrome_taken_out_of_the_article() -> None:
    body = "The two cities signed agreements on transport, culture and youth exchanges this year. " * 6
    page = (
        "<html><body><div class='entry-content'>"
        f"<p>{body}</p><div class='share-bar'>Share on Facebook</div><div class='post-meta'>By the desk</div><p>{body}</p>"
        "<p class='tags'><a rel='tag' href='/t/1'>forum</a> <a rel='tag' href='/t/2'>cities</a></p>"
        "</div></body></html>"
    )
    _, trace = explain(page)
    removed = {(r.stage, r.text) for r in trace.removals}
    assert ("prune", "Share on Facebook") in removed  # the chrome selectors, run on the article
    assert ("prune", "forum cities") in removed
    assert ("extractor", "By the desk") in removed  # named as chrome inside the article


def test_cli_explain_prints_the_trace_then_the_article(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main, ["clean", str(PAGES / "sina-forum.html"), "--url", SINA_URL, "--explain"]
    )
    assert result.exit_code == 0, result.output
    explanation, _, article = result.output.partition("\n\n")
    assert explanation.startswith("How this page was cleaned:")
    assert "p.article-editor  责任编辑：王翔" in explanation
    assert article.startswith("2021上海-台北城市论坛以视频形式举行")


def test_cli_explain_json() -> None:
    result = CliRunner().invoke(main, ["clean", str(PAGES / "sina-forum.html"), "--explain", "--json"])
    assert result.exit_code == 0, result.output
    payload = json.loads(result.output)
    assert payload["extractor"] == "sina"
    assert {"stage": "profile-drop", "rule": "p.article-editor", "text": "责任编辑：王翔"} in payload[
        "explanation"
    ]["removed"]


def test_without_explain_nothing_is_traced() -> None:
    result = CliRunner().invoke(main, ["clean", str(PAGES / "sina-forum.html"), "--json"])
    assert "explanation" not in json.loads(result.output)
