"""The command line on the hostile web's edges: stored text with terminal controls is printed escaped by
every command, passwords in URLs are never shown, and a database that cannot be used is one line on
stderr and exit 2, never a traceback."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import unicodedata
from pathlib import Path
from typing import Any

import click
import pytest
from click.testing import CliRunner
from sqlalchemy import update
from sqlalchemy.orm import Session

from dedup.fingerprints import content_hash
from dedup.neardup import fingerprint
from forumwatch.cli import main
from forumwatch.config import load_config
from forumwatch.status import status_text
from forumwatch.terminal import database_url_for_display, json_text, printable, without_password
from storage.articles import ArticleRecord, TopicScore, ensure_source, save_article
from storage.engine import open_database
from storage.health import judge
from storage.models import Alert, Article, ArticleTopic, Story
from storage.outbox import AlertDraft, enqueue, story_subject
from storage.review import mark
from storage.runs import RunStart, record_unstarted_run

# CJK and an emoji family (joined by U+200D) that must survive, then what must not reach a terminal raw:
# an OSC window title ended by BEL, CSI clear-screen and colour, a bare BEL, the 8-bit CSI (U+009B), a
# right-to-left override, an isolate, NUL, DEL, CR LF and the line separator.
KEPT = "双城论坛 👩‍👩‍👧"
HOSTILE = (
    f"{KEPT} \x1b]0;pwned\x07 \x1b[2J\x1b[31mred\x1b[0m \x07bell \x9b31m \u202eevil\u202c"
    " \u2066isolated\u2069 \x00nul \x7fdel \r\ncr \u2028sep"
)
BIDI_CONTROL_CLASSES = {"LRE", "RLE", "PDF", "LRO", "RLO", "LRI", "RLI", "FSI", "PDI"}


def raw_controls(text: str) -> list[str]:
    """What would act on a terminal: controls but newline and tab, bidi controls, line separators."""
    return [
        ch
        for ch in text
        if (unicodedata.category(ch) == "Cc" and ch not in "\n\t")
        or unicodedata.bidirectional(ch) in BIDI_CONTROL_CLASSES
        or ch in "\u061c\u200e\u200f\u2028\u2029"
    ]


CONFIG = """
[database]
url = "{url}"
[[topics]]
name = "twin-city-forum"
aliases = ["双城论坛"]
[[sources]]
name = "portal"
kind = "feed"
url = "https://portal.example/feed"
"""


def write_config(folder: Path, url: str = "sqlite:///forumwatch.db") -> Path:
    config = folder / "forumwatch.toml"
    config.write_text(CONFIG.format(url=url), encoding="utf-8")
    return config


def body(paragraphs: int = 4) -> str:
    return "\n".join(
        f"第{p}段：上海台北双城论坛的消息，内容各不相同，编号{p}，用来区分不同的段落。"
        for p in range(paragraphs)
    )


def store_hostile_story(url: str) -> int:
    """A story whose every stored text carries HOSTILE. The storage guard strips controls from what a
    crawl stores now; a database written before it (or by another tool) still holds them, so they are
    written past it here."""
    engine = open_database(url)
    text = body()
    record = ArticleRecord(
        source_name="portal", url="https://portal.example/1", canonical_url="https://portal.example/1",
        content_hash=content_hash(text), title="plain", text=text, near_dup=fingerprint(text),
        topics=(TopicScore("twin-city-forum", 5.0, {}),), kind="announcement",
    )  # fmt: skip
    event = {"name": HOSTILE, "year": 2026, "start": "2026-12-01", "city": HOSTILE, "venue": HOSTILE}
    with Session(engine) as session, session.begin():
        source_id = ensure_source(session, "portal", "feed", "https://portal.example/feed", "portal")
        result = save_article(session, record, source_id)
        assert result.story_id is not None
        assert result.article_id is not None
        story_id, article_id = result.story_id, result.article_id
        session.execute(
            update(Article)
            .where(Article.id == article_id)
            .values(
                title=HOSTILE,
                text=f"{HOSTILE}\n{text}",
                author=HOSTILE,
                outlet=HOSTILE,
                url=f"https://portal.example/1?{HOSTILE}",
                event=event,
            )
        )
        session.execute(update(Story).where(Story.id == story_id).values(title=HOSTILE, event=event))
        session.execute(
            update(ArticleTopic)
            .where(ArticleTopic.article_id == article_id)
            .values(evidence={"explanation": HOSTILE})
        )
        mark(session, [story_id], "later", f"ann{HOSTILE}", note=HOSTILE)
        run_id = record_unstarted_run(session, RunStart(sources=["portal"]), "failed", HOSTILE)
        judge(session, source_id, "portal", [HOSTILE], run_id)
        draft = AlertDraft(
            story_subject(story_id), "forums", "desk", "new-story", story_id, payload={"title": HOSTILE}
        )
        enqueue(session, draft)
        session.execute(update(Alert).values(status="failed", last_error=HOSTILE))
    return story_id


@pytest.fixture
def hostile(tmp_path: Path) -> tuple[Path, int]:
    """A config file whose database holds a hostile story, and the story's id."""
    url = f"sqlite:///{tmp_path}/forumwatch.db"
    story_id = store_hostile_story(url)
    return write_config(tmp_path, url), story_id


def invoke(*args: str) -> tuple[int, str, str]:
    # color=True: click would otherwise strip CSI sequences itself, as it does for any output that is not
    # a terminal; what is tested here is what forumwatch hands to a terminal.
    result = CliRunner().invoke(main, list(args), color=True)
    return result.exit_code, result.stdout, result.stderr


TEXT_COMMANDS = [
    ["articles"],
    ["stories"],
    ["review", "list", "--status", "all"],
    ["review", "show", "{story}"],
    ["runs"],
    ["status"],
    ["alerts", "list"],
]


@pytest.mark.parametrize("command", TEXT_COMMANDS, ids=" ".join)
def test_stored_controls_are_printed_escaped(hostile: tuple[Path, int], command: list[str]) -> None:
    config, story_id = hostile
    args = [part.format(story=story_id) for part in command]
    code, out, err = invoke(*args, "--config", str(config))
    assert code == 0, err
    assert raw_controls(out + err) == []
    assert KEPT in out
    assert "\\x1b" in out


def test_status_in_colour_keeps_its_own_colours_only(hostile: tuple[Path, int]) -> None:
    config_path, _ = hostile
    config = load_config(config_path)
    text = status_text(open_database(config.database.url), config, color=True)
    assert click.style("FAILING", fg="red", bold=True) in text
    assert raw_controls(re.sub(r"\x1b\[[0-9;]*m", "", text)) == []
    assert "\\x1b]0;pwned\\x07" in text


def test_review_show_keeps_the_body_s_paragraphs_and_escapes_the_rest(hostile: tuple[Path, int]) -> None:
    config, story_id = hostile
    _, out, _ = invoke("review", "show", str(story_id), "--config", str(config))
    assert "\\x1b]0;pwned\\x07 \\x1b[2J" in out
    assert "\\u202eevil\\u202c" in out
    assert "\\r\n" in out  # the body's CR shown, its newline kept
    assert out.count("双城论坛的消息") == 4  # the paragraphs, one a line
    assert "\n第1段" in out


@pytest.mark.parametrize(
    "command",
    [["articles"], ["stories"], ["review", "list", "--status", "all"], ["runs"], ["alerts", "list"]],
    ids=" ".join,
)
def test_json_holds_the_exact_text_with_no_raw_controls(
    hostile: tuple[Path, int], command: list[str]
) -> None:
    config, _ = hostile
    code, out, err = invoke(*command, "--json", "--config", str(config))
    assert code == 0, err
    assert raw_controls(out) == []
    assert HOSTILE in strings_in(json.loads(out))


def strings_in(value: Any) -> set[str]:
    if isinstance(value, str):
        return {value}
    if isinstance(value, dict):
        return set().union(*(strings_in(item) for item in value.values())) if value else set()
    if isinstance(value, list):
        return set().union(*(strings_in(item) for item in value)) if value else set()
    return set()


HOSTILE_PAGE = """<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">
<title>{title}</title></head><body><article><h1>{title}</h1>
<p class="author">作者：{title}</p>
{paragraphs}
</article></body></html>"""


# A NUL byte makes a page binary to the cleaner: the page carries every other control.
PAGE_HOSTILE = HOSTILE.replace(" \x00nul", "")


@pytest.mark.parametrize("command", ["clean", "explain"])
def test_a_hostile_page_is_explained_and_cleaned_escaped(tmp_path: Path, command: str) -> None:
    paragraphs = "\n".join(f"<p>{line} {PAGE_HOSTILE}</p>" for line in body(6).splitlines())
    page = tmp_path / "page.html"
    page.write_text(HOSTILE_PAGE.format(title=PAGE_HOSTILE, paragraphs=paragraphs), encoding="utf-8")
    config = write_config(tmp_path)
    options = ["--config", str(config)] if command == "explain" else []
    url = "https://portal.example/page"
    code, out, err = invoke(command, str(page), "--url", url, *options)
    assert code == 0, out + err
    assert raw_controls(out + err) == []
    # The cleaner drops C0 and C1 controls itself; bidi controls it keeps reach the printer.
    assert "\\u202eevil\\u202c" in out
    assert KEPT in out
    code, out, _ = invoke(command, str(page), "--url", url, "--json", *options)
    assert code == 0
    assert raw_controls(out) == []
    assert any("\u202eevil\u202c" in text for text in strings_in(json.loads(out)))


def test_printable_escapes_controls_and_keeps_text() -> None:
    assert printable("a\x1b[31mb\x07") == "a\\x1b[31mb\\x07"
    assert printable("\u202eevil\x9b") == "\\u202eevil\\x9b"
    assert printable("one\ntwo\tthree\r") == "one\\ntwo\\tthree\\r"
    assert printable("one\ntwo\tthree\r", keep_newlines=True) == "one\ntwo\tthree\\r"
    assert printable(KEPT + " ＡＢ «»") == KEPT + " ＡＢ «»"
    assert printable(printable(HOSTILE)) == printable(HOSTILE)  # escaping twice changes nothing


def test_json_text_escapes_what_json_leaves_raw_and_reads_back_the_same() -> None:
    text = json_text({"title": HOSTILE})
    assert raw_controls(text) == []
    assert json.loads(text) == {"title": HOSTILE}


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        ("https://user:s3cret@host/feed", "https://user:***@host/feed"),
        ("https://user:s3c@ret@host:8080/feed?a=b@c", "https://user:***@host:8080/feed?a=b@c"),
        ("https://user@host/feed", "https://user@host/feed"),
        ("https://host/feed?x=user:s3cret@y", "https://host/feed?x=user:s3cret@y"),
        ("not a url", "not a url"),
    ],
)
def test_without_password(url: str, shown: str) -> None:
    assert without_password(url) == shown


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        ("postgresql+psycopg://u:s3cret@db:5432/news", "postgresql+psycopg://u:***@db:5432/news"),
        ("postgresql+psycopg://u:s3/cr@et@db/news", "postgresql+psycopg://u:***@et@db/news"),
        ("postgresql+psycopg://u@db/news?password=s3cret&x=1", "postgresql+psycopg://u@db/news?password=***&x=1"),
        ("sqlite:///file:/tmp/x.db?mode=ro&uri=true", "sqlite:///file:/tmp/x.db?mode=ro&uri=true"),
        ("no scheme:s3cret@host/x", "***@host/x"),
        ("not sqlalchemy://u:s3cret@host/x", "not sqlalchemy://***@host/x"),
    ],
)  # fmt: skip
def test_database_url_for_display(url: str, shown: str) -> None:
    assert database_url_for_display(url) == shown


def test_explain_hides_the_password_of_a_url_it_cannot_fetch(tmp_path: Path) -> None:
    config = write_config(tmp_path)
    for url in ("http://user:s3cret@127.0.0.1/", "http://[::1/", "http://host:port/"):
        code, out, err = invoke("explain", url, "--config", str(config), "--allow-private")
        assert code == 1
        assert "s3cret" not in out + err
        assert len(err.splitlines()) == 1, err
        assert err.startswith("forumwatch: http://"), err


# The real command, in its own process: what a user sees, exit code and all.
PASSWORD = "s3cretpw"
UNREACHABLE = f"postgresql+psycopg://watcher:{PASSWORD}@127.0.0.1:1/news"


def run_cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "forumwatch", *args],
        capture_output=True, text=True, timeout=120, check=False, cwd=cwd,
    )  # fmt: skip


def assert_one_database_line(done: subprocess.CompletedProcess[str], shown_url: str) -> str:
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr
    assert PASSWORD not in done.stdout + done.stderr
    lines = done.stderr.splitlines()
    assert len(lines) == 1, done.stderr
    assert lines[0].startswith(f"forumwatch: database {shown_url}: "), lines[0]
    return lines[0]


@pytest.mark.parametrize(
    "command",
    [
        ["articles"],
        ["stories"],
        ["review"],
        ["review", "show", "1"],
        ["review", "mark", "relevant", "1"],
        ["runs"],
        ["status"],
        ["restory"],
        ["alerts", "list"],
        ["alerts", "send"],
        ["crawl", "--no-alerts"],
        ["serve", "--open"],
    ],
    ids=" ".join,
)
def test_an_unreachable_server_is_one_line_and_exit_2(tmp_path: Path, command: list[str]) -> None:
    config = write_config(tmp_path, UNREACHABLE)
    line = assert_one_database_line(
        run_cli(*command, "--config", str(config), cwd=tmp_path),
        "postgresql+psycopg://watcher:***@127.0.0.1:1/news",
    )
    assert "Connection refused" in line


@pytest.mark.parametrize("command", [["articles"], ["review", "show", "1"], ["alerts", "send"]], ids=" ".join)
def test_a_directory_as_the_sqlite_file_is_one_line(tmp_path: Path, command: list[str]) -> None:
    write_config(tmp_path)
    url = f"sqlite:///{tmp_path}"
    line = assert_one_database_line(run_cli(*command, "--db", url, cwd=tmp_path), url)
    assert line.endswith("a directory, not an SQLite file")


def test_a_file_that_is_no_database_is_one_line(tmp_path: Path) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("not a database\n" * 100, encoding="utf-8")
    url = f"sqlite:///{notes}"
    line = assert_one_database_line(run_cli("stories", "--db", url, cwd=tmp_path), url)
    assert line.endswith("file is not a database")


def test_a_folder_that_cannot_be_made_is_one_line(tmp_path: Path) -> None:
    write_config(tmp_path)
    (tmp_path / "afile").write_text("", encoding="utf-8")
    url = f"sqlite:///{tmp_path}/afile/sub/forumwatch.db"
    line = assert_one_database_line(run_cli("alerts", "send", "--db", url, cwd=tmp_path), url)
    assert line.endswith(f"Not a directory: {tmp_path}/afile/sub")


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("not-a-url", "Could not parse SQLAlchemy URL"),
        (f"nosuchdb://u:{PASSWORD}@host/x", "Can't load plugin: sqlalchemy.dialects:nosuchdb"),
    ],
)
def test_a_url_that_is_no_database_url_is_one_line(tmp_path: Path, url: str, reason: str) -> None:
    write_config(tmp_path)
    for command in (["articles"], ["alerts", "send"]):
        line = assert_one_database_line(
            run_cli(*command, "--db", url, cwd=tmp_path), database_url_for_display(url)
        )
        assert reason in line


def test_a_read_only_database_is_one_line(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path}/data/forumwatch.db"
    store_hostile_story(url)
    open_database(url).dispose()  # the last connection closed: the WAL is checkpointed and removed
    data = tmp_path / "data"
    if os.geteuid() == 0:
        # Root writes to a read-only file: SQLite is told to open it read-only instead, which fails the
        # same way at the first write.
        done = run_cli(
            "review", "mark", "relevant", "1", "--db", f"sqlite:///file:{data}/forumwatch.db?mode=ro&uri=true",
            cwd=tmp_path,
        )  # fmt: skip
        assert_one_database_line(done, f"sqlite:///file:{data}/forumwatch.db?mode=ro&uri=true")
        return
    for path in data.iterdir():
        path.chmod(0o444)
    data.chmod(0o555)
    try:
        done = run_cli("review", "mark", "relevant", "1", "--db", url, cwd=tmp_path)
    finally:
        data.chmod(0o755)
    # SQLite's reason depends on how far it gets ("attempt to write a readonly database", "unable to
    # open database file"): one line naming the database is the promise.
    assert_one_database_line(done, url)


def test_the_crawl_log_escapes_what_pages_wrote() -> None:
    import io
    import logging

    from scrapy.settings import Settings

    from crawler.runner import format_log_with
    from forumwatch.terminal import EscapingFormatter

    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    logging.root.addHandler(handler)
    try:
        settings = Settings()
        settings.setmodule("crawler.settings")
        format_log_with(EscapingFormatter, settings)
        logging.getLogger("crawler.test").error("source x: %s: no article", "标题\x1b]0;pwned\x07")
    finally:
        logging.root.removeHandler(handler)
    written = stream.getvalue()
    assert "\x1b" not in written
    assert "\x07" not in written
    assert "标题\\x1b]0;pwned\\x07" in written
