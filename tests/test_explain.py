"""`forumwatch explain`: the cleaner's decisions, every topic's score and the event reading of one page,
from a saved file or from a URL (fetched once, over real HTTP, with private addresses refused)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from forumwatch.cli import main
from forumwatch.demo.server import SITE_DIR, DemoServer

EXAMPLE_CONFIG = Path(__file__).resolve().parents[1] / "forumwatch.example.toml"
GBK_ARTICLE = "/sina/finance/doc-imzkprtn3571920.shtml"  # the demo's 2023 announcement, served as GBK
GBK_FILE = SITE_DIR / "sina/finance/doc-imzkprtn3571920.html"


@pytest.fixture(scope="module")
def server() -> Iterator[DemoServer]:
    with DemoServer() as demo:
        yield demo


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["explain", "--config", str(EXAMPLE_CONFIG), *args])
    return result.exit_code, result.stdout, result.stderr


def test_a_saved_page_shows_cleaning_topics_and_event() -> None:
    code, out, _ = run(
        str(GBK_FILE), "--url", "https://finance.sina.com.cn" + GBK_ARTICLE, "--encoding", "gbk"
    )
    assert code == 0, out
    assert "How this page was cleaned:" in out
    assert "- twin-city-forum: matched:" in out
    assert "Event: announcement" in out
    assert "start: 2023-08-29" in out


def test_json_has_every_topic_with_its_reason(tmp_path: Path) -> None:
    code, out, _ = run(str(GBK_FILE), "--encoding", "gbk", "--json")
    assert code == 0
    result = json.loads(out)
    assert {t["topic"] for t in result["topics"]} >= {"twin-city-forum"}
    assert all(t["reason"] for t in result["topics"])
    assert result["event"]["kind"] == "announcement"
    assert result["cleaning"]["notes"]


def test_a_local_url_is_refused_unless_allowed(server: DemoServer) -> None:
    code, out, err = run(server.base_url + GBK_ARTICLE)
    assert code == 1
    assert "private or local address" in err
    assert "--allow-private" in err
    assert "Traceback" not in out + err


def test_a_url_is_fetched_and_decoded_by_its_declared_charset(server: DemoServer) -> None:
    code, out, _ = run(server.base_url + GBK_ARTICLE, "--allow-private")
    assert code == 0, out
    assert "Event: announcement" in out
    assert "- twin-city-forum: matched:" in out


@pytest.mark.parametrize(
    ("page", "message"),
    [
        ("file:///etc/passwd", "no such file"),
        ("ftp://example.com/a.html", "no such file"),
        ("no-such-file.html", "no such file"),
    ],
)
def test_what_is_neither_a_file_nor_an_http_url_is_refused(page: str, message: str) -> None:
    code, out, err = run(page)
    assert code == 2
    assert message in err
    assert "Traceback" not in out + err


def test_a_missing_page_on_the_server_is_reported(server: DemoServer) -> None:
    code, _, err = run(server.base_url + "/no/such/page.html", "--allow-private")
    assert code == 1
    assert "HTTP 404" in err
