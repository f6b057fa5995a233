"""Every text the demo crawl stores is free of page debris: the demo site served on 127.0.0.1, crawled by
`forumwatch crawl` into a real SQLite file, and every stored article's title and text read back, as
`forumwatch review show` prints them."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from forumwatch.demo.run import demo_config_text
from forumwatch.demo.server import DemoServer
from storage.articles import list_stories
from storage.engine import open_database
from storage.models import Article

DEBRIS = {
    "css": re.compile(r"[{}]|@media|@font-face"),
    # A tag, not a bare ">": the sister-cities seed says "1+1+1>3".
    "markup": re.compile(r"<[a-zA-Z/!?][^<>]*>|&[a-z]+;|&#\d+;"),
    "comment": re.compile(r"<!--|-->"),
    "script": re.compile(r"document\.write|function\s*\(|\bvar\s+\w+\s*="),
    "promo": re.compile(
        r"扫描二维码|掃描二維碼|二维码|二維碼|扫码|掃碼|海量资讯|下[载載].{0,20}(?:APP|App|客户端|客戶端)"
    ),
    "editor": re.compile(r"责任编辑|責任編輯|编辑[:：]|編輯[:：]"),
    "control": re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]"),
}


def forumwatch(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "forumwatch", *args], capture_output=True, text=True, timeout=180, check=False
    )


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    directory = tmp_path_factory.mktemp("demo")
    db_url = f"sqlite:///{directory / 'demo.db'}"
    with DemoServer() as server:
        config = directory / "forumwatch.toml"
        config.write_text(demo_config_text(server.base_url), encoding="utf-8")
        # The feed first: the Sina site and its feed lead to the same article, and whichever crawler
        # stores it first wins; the feed item is the one this file is about.
        for only in (["--source", "sina-finance-feed"], []):
            done = forumwatch("crawl", "--config", str(config), "--db", db_url, "--no-alerts", *only)
            assert done.returncode == 0, done.stderr
    return db_url


def test_every_stored_title_and_text_is_free_of_page_debris(demo_db: str) -> None:
    with Session(open_database(demo_db)) as session:
        articles = session.scalars(select(Article)).all()
        found = [
            (article.url, kind, match.group())
            for article in articles
            for kind, pattern in DEBRIS.items()
            if (match := pattern.search(f"{article.title}\n{article.text}"))
        ]
        assert len(articles) >= 8  # every story and its copies (forumwatch/demo/site/README.md)
    assert found == []


def test_the_feed_item_of_the_seed_is_titled_and_cleaned_like_its_page(demo_db: str) -> None:
    """The Sina seed as a full-text feed item: the seven paragraphs, the headline, the editor's name."""
    with Session(open_database(demo_db)) as session:
        [article] = [
            article
            for article in session.scalars(select(Article)).all()
            if "doc-ikyamrmy6175870" in article.url
        ]
    assert "utm_source=rss" in article.url  # the feed's item, not the page
    paragraphs = article.text.split("\n")
    assert article.title == "2021上海-台北城市论坛以视频形式举行"
    assert len(paragraphs) == 7
    assert paragraphs[0].startswith("2021上海-台北城市论坛今天（1日）")
    assert paragraphs[-1] == "（总台央视记者 盛瑾瑜 郭恩友）"
    assert article.editor == "王翔"


def test_review_show_ends_with_the_last_paragraph(demo_db: str, tmp_path: Path) -> None:
    with Session(open_database(demo_db)) as session:
        [story] = [s for s in list_stories(session) if "2021上海-台北城市论坛" in s.title]
    shown = forumwatch(
        "review", "show", str(story.id), "--db", demo_db, "--config", str(tmp_path / "none.toml")
    )
    assert shown.returncode == 0, shown.stderr
    assert "（总台央视记者 盛瑾瑜 郭恩友）" in shown.stdout
    assert not DEBRIS["css"].search(shown.stdout)
    assert "海量资讯" not in shown.stdout
    assert "责任编辑" not in shown.stdout
