"""Exports (review.exports) from a real SQLite file and the PostgreSQL server, built with the storage
functions a crawl uses: the rows of a filter, and CSV, JSON Lines and Atom read back with the csv module,
json and feedparser."""

from __future__ import annotations

import csv
import html
import io
import itertools
import json
import os
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import feedparser
import pytest
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from dedup.fingerprints import canonical_url, content_hash
from dedup.neardup import fingerprint
from review.export_formats import (
    CHUNK_SIZE,
    atom_chunks,
    csv_chunks,
    export_chunks,
    inert_cell,
    jsonl_chunks,
    spreadsheet_link,
    story_entry_id,
    write_export,
)
from review.exports import COLUMNS, ExportRow, export_filter, export_rows, row_json
from storage.articles import ArticleRecord, TopicScore, ensure_source, save_article
from storage.inbox import InboxFilter
from storage.models import Story
from storage.review import mark
from tests.conftest import REQUIRE_SERVERS_ENV
from tests.review_data import add_hostile_stories

T0 = datetime(2026, 11, 20, 2, 0, tzinfo=UTC)
TAIPEI = ZoneInfo("Asia/Taipei")
NEW_YORK = ZoneInfo("America/New_York")
FORUM_URL = "https://www.gov.taipei/News_Content.aspx?n=F0DDAF49B89E9413&s=A1B2"
FORMULA_URL = "https://example.com/=cmd?a=-1&b=@x"
FORUM_EVENT = {
    "name": "上海-台北城市論壇", "edition": None, "year": 2026, "start": "2026-12-01", "end": "2026-12-02",
    "city": "臺北", "venue": "臺北晶華酒店", "reasons": ["將於"],
}  # fmt: skip


def text_of(n: int, script: str = "traditional") -> str:
    forum = {
        "traditional": "雙城論壇將於12月1日至2日在臺北舉行",
        "simplified": "双城论坛将于12月1日至2日在台北举行",
        "none": "兩市市長談文化交流",  # no forum in it
    }[script]
    return "\n".join(f"{forum}。第{n}則消息的第{p}段，內容各不相同，編號{n * 100 + p}。" for p in range(4))


def store(
    engine: Engine,
    n: int,
    *,
    title: str,
    source: str = "portal",
    authority: str = "portal",
    url: str | None = None,
    text: str | None = None,
    outlet: str | None = None,
    published: datetime | None = None,
    kind: str | None = "report",
    event: dict[str, Any] | None = None,
    topics: tuple[str, ...] = ("twin-city-forum",),
) -> int:
    """Store article ``n`` as a crawl would; a story it opens is first seen ``n`` minutes after T0."""
    url = url or f"https://{source}.example/news/{n}"
    text = text or text_of(n)
    record = ArticleRecord(
        source_name=source, url=url, canonical_url=canonical_url(url) if url.startswith("http") else f"https://x.example/{n}",
        content_hash=content_hash(text), title=title, text=text, near_dup=fingerprint(text),
        topics=tuple(TopicScore(topic, 5.0, {}) for topic in topics), kind=kind, event=event, outlet=outlet,
        published_at=published,
    )  # fmt: skip
    with Session(engine) as session, session.begin():
        source_id = ensure_source(session, source, "site", f"https://{source}.example/", authority)
        result = save_article(session, record, source_id)
        assert result.story_id is not None
        story = session.get_one(Story, result.story_id)
        if result.joined_by == "first":
            story.created_at = T0 + timedelta(minutes=n)
        return result.story_id


def newsroom(engine: Engine) -> dict[str, int]:
    """A forum announcement with two copies (the official one heads it), a story with no event nor
    publication time, and one whose scraped title, outlet and note read as spreadsheet formulas."""
    forum = store(
        engine, 1, title="雙城論壇12月在臺北舉行", source="taipei-gov", authority="official", url=FORUM_URL,
        outlet="臺北市政府", published=datetime(2026, 11, 20, 1, 30, tzinfo=UTC), kind="announcement",
        event=FORUM_EVENT,
    )  # fmt: skip
    copy = store(
        engine, 2, title="双城论坛12月在台北举行", source="sina", text=text_of(1, "simplified"), outlet="新浪网",
        published=datetime(2026, 11, 20, 3, 0, tzinfo=UTC), kind="announcement", event=FORUM_EVENT,
        topics=("twin-city-forum", "sister-cities"),
    )  # fmt: skip
    assert copy == forum
    plain = store(
        engine, 3, title="Mayors talk culture", source="blog", text=text_of(3, "none"), kind="other",
        topics=("sister-cities",),
    )  # fmt: skip
    formula = store(
        engine, 4, title='=HYPERLINK("http://evil.example","click")', url=FORMULA_URL, outlet="@SUM(1+1)",
        text=text_of(4, "none"), published=datetime(2026, 7, 1, 12, 0, tzinfo=UTC),
    )  # fmt: skip
    with Session(engine) as session, session.begin():
        mark(session, [forum], "relevant", "mei", note="for the Monday brief", now=T0)
        mark(session, [formula], "later", "mei", note="-2+3 and +1", now=T0)
    return {"forum": forum, "plain": plain, "formula": formula}


def rows_of(engine: Engine, filters: InboxFilter | None = None, **options: Any) -> list[ExportRow]:
    with Session(engine) as session:
        return list(export_rows(session, filters or export_filter(), **options))


def csv_records(data: bytes) -> list[dict[str, str]]:
    assert data.startswith(b"\xef\xbb\xbf")
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))


# ---------------------------------------------------------------------------------------------- rows
def test_a_row_carries_the_head_article_and_the_story(engine: Engine) -> None:
    ids = newsroom(engine)
    rows = {row.story_id: row for row in rows_of(engine, zone=TAIPEI)}
    assert list(rows) == [ids["formula"], ids["plain"], ids["forum"]]  # newest first
    forum = rows[ids["forum"]]
    assert (forum.title, forum.url, forum.outlet, forum.source) == (
        "雙城論壇12月在臺北舉行", FORUM_URL, "臺北市政府", "taipei-gov"
    )  # fmt: skip
    assert forum.published == datetime(2026, 11, 20, 9, 30, tzinfo=TAIPEI)
    assert forum.topics == ("sister-cities", "twin-city-forum")  # any copy's
    assert (forum.kind, forum.event_name, forum.event_start, forum.event_end) == (
        "announcement", "上海-台北城市論壇", date(2026, 12, 1), date(2026, 12, 2)
    )  # fmt: skip
    assert (forum.event_city, forum.event_venue) == ("臺北", "臺北晶華酒店")
    assert (forum.status, forum.note, forum.copies, forum.outlets) == (
        "relevant",
        "for the Monday brief",
        2,
        2,
    )
    assert forum.first_seen == T0 + timedelta(minutes=1)
    assert forum.first_seen.utcoffset() == timedelta(hours=8)
    plain = rows[ids["plain"]]
    assert (plain.outlet, plain.published, plain.event_start, plain.event_city, plain.status) == (
        "blog", None, None, None, "new"
    )  # fmt: skip


def test_the_inbox_filters_choose_the_rows(engine: Engine) -> None:
    ids = newsroom(engine)

    def found(filters: InboxFilter, **options: Any) -> list[int]:
        return [row.story_id for row in rows_of(engine, filters, **options)]

    assert found(export_filter(status="relevant")) == [ids["forum"]]
    assert found(export_filter(status="new")) == [ids["plain"]]
    assert found(export_filter(topic="sister-cities")) == [ids["plain"], ids["forum"]]
    assert found(export_filter(source="sina")) == [ids["forum"]]
    assert found(export_filter(kind="announcement")) == [ids["forum"]]
    assert found(export_filter(search="双城论坛")) == [ids["forum"]]  # the head is Traditional
    first_seen = T0 + timedelta(minutes=3)  # the plain story's first minute
    minute = export_filter(since=first_seen, until=first_seen + timedelta(seconds=59), zone=TAIPEI)
    assert found(minute) == [ids["plain"]]
    assert found(export_filter(since=date(2026, 11, 20), until=date(2026, 11, 20), zone=TAIPEI)) == [
        ids["formula"], ids["plain"], ids["forum"]
    ]  # fmt: skip
    assert found(export_filter(since=date(2026, 11, 21), zone=TAIPEI)) == []
    assert found(export_filter(), limit=2) == [ids["formula"], ids["plain"]]


def test_filters_refuse_what_would_silently_export_nothing(engine: Engine) -> None:
    with pytest.raises(ValueError, match="not a review status"):
        export_filter(status="starred")
    with pytest.raises(ValueError, match="not a kind"):
        export_filter(kind="announcements")
    assert export_filter(search="  ", topic="").query is None
    with Session(engine) as session, pytest.raises(ValueError, match="empty search query"):
        export_rows(session, InboxFilter(status="all", query=" "))  # at once, not when read


def test_times_carry_the_offset_of_the_display_zone(engine: Engine) -> None:
    ids = newsroom(engine)
    by_zone = {
        zone: {row.story_id: row_json(row) for row in rows_of(engine, zone=zone)}
        for zone in (UTC, TAIPEI, NEW_YORK)
    }
    forum, formula = ids["forum"], ids["formula"]
    assert by_zone[UTC][forum]["published"] == "2026-11-20T01:30:00+00:00"
    assert by_zone[TAIPEI][forum]["published"] == "2026-11-20T09:30:00+08:00"
    assert by_zone[TAIPEI][forum]["first_seen"] == "2026-11-20T10:01:00+08:00"
    # New York: daylight time in July, standard time in November.
    assert by_zone[NEW_YORK][formula]["published"] == "2026-07-01T08:00:00-04:00"
    assert by_zone[NEW_YORK][formula]["first_seen"] == "2026-11-19T21:04:00-05:00"
    assert by_zone[TAIPEI][forum]["updated"].endswith("+08:00")


# ---------------------------------------------------------------------------------------------- CSV
def test_csv_round_trips_chinese_and_leaves_unknowns_empty(engine: Engine) -> None:
    ids = newsroom(engine)
    data = b"".join(csv_chunks(rows_of(engine, zone=TAIPEI)))
    records = {int(record["story_id"]): record for record in csv_records(data)}
    assert next(csv.reader(io.StringIO(data.decode("utf-8-sig")))) == [*COLUMNS, "link"]
    forum = records[ids["forum"]]
    assert (forum["title"], forum["outlet"], forum["event_city"]) == (
        "雙城論壇12月在臺北舉行",
        "臺北市政府",
        "臺北",
    )
    assert (forum["url"], forum["published"], forum["topics"]) == (
        FORUM_URL, "2026-11-20T09:30:00+08:00", "sister-cities;twin-city-forum"
    )  # fmt: skip
    assert (forum["event_start"], forum["event_end"], forum["copies"]) == ("2026-12-01", "2026-12-02", "2")
    plain = records[ids["plain"]]
    for column in (
        "published",
        "event_name",
        "event_start",
        "event_end",
        "event_city",
        "event_venue",
        "note",
    ):
        assert plain[column] == "", column
    assert "None" not in data.decode("utf-8-sig")


def test_csv_cells_that_read_as_formulas_are_made_inert_but_the_url_keeps_working(engine: Engine) -> None:
    ids = newsroom(engine)
    records = {int(r["story_id"]): r for r in csv_records(b"".join(csv_chunks(rows_of(engine))))}
    formula = records[ids["formula"]]
    assert formula["title"] == """'=HYPERLINK("http://evil.example","click")"""
    assert (formula["outlet"], formula["note"]) == ("'@SUM(1+1)", "'-2+3 and +1")
    assert formula["url"] == FORMULA_URL  # http(s) only, so it never starts like a formula
    for start in ("=", "+", "-", "@", "\t", "\r"):
        assert inert_cell(f"{start}1+1") == f"'{start}1+1"
    assert inert_cell("1-1 雙城論壇") == "1-1 雙城論壇"
    tabbed = hand_made_row(title="\tcmd", outlet="\r=1", note="+x")
    [record] = csv_records(b"".join(csv_chunks([tabbed])))
    assert (record["title"], record["outlet"], record["note"]) == ("'\tcmd", "'\r=1", "'+x")


def test_the_link_column_is_a_spreadsheet_link_that_carries_nothing_else(engine: Engine) -> None:
    ids = newsroom(engine)
    records = {int(r["story_id"]): r for r in csv_records(b"".join(csv_chunks(rows_of(engine))))}
    assert records[ids["forum"]]["link"] == f'=HYPERLINK("{FORUM_URL}","open")'
    assert records[ids["plain"]]["link"].startswith('=HYPERLINK("https://blog.example/')
    # Quotes in a URL cannot end the formula's string; URLs Excel cannot take, and none, give no link.
    assert (
        spreadsheet_link('https://x.example/a"),1+1,("')
        == '=HYPERLINK("https://x.example/a""),1+1,(""","open")'
    )
    assert spreadsheet_link("https://x.example/" + "a" * 300) == ""
    assert spreadsheet_link(None) == ""
    assert spreadsheet_link("javascript:alert(1)") == ""


def test_a_spreadsheet_opens_the_csv_with_working_links(engine: Engine, tmp_path: Path) -> None:
    """LibreOffice, where the machine has it, turns the link column into links (HTML shows them)."""
    soffice = shutil.which("soffice")
    if soffice is None:
        if os.environ.get(REQUIRE_SERVERS_ENV):
            pytest.fail(f"{REQUIRE_SERVERS_ENV} is set but LibreOffice (soffice) is not installed")
        pytest.skip("LibreOffice (soffice) is not installed: Debian's libreoffice-calc-nogui has it")
    newsroom(engine)
    (tmp_path / "stories.csv").write_bytes(b"".join(csv_chunks(rows_of(engine))))
    subprocess.run(
        [soffice, "--headless", "--infilter=CSV:44,34,76,1", "--convert-to", "html", "--outdir", str(tmp_path),
         str(tmp_path / "stories.csv")],
        check=True, capture_output=True, timeout=180, env={**os.environ, "HOME": str(tmp_path)},
    )  # fmt: skip
    page = (tmp_path / "stories.html").read_text(encoding="utf-8", errors="replace")
    assert f'href="{html.escape(FORUM_URL)}"' in page


def test_links_that_are_not_plain_http_are_withheld_in_every_format(
    engine: Engine, database_url: str
) -> None:
    hostile = set(add_hostile_stories(database_url))  # their copies are alike: fewer stories than URLs
    rows = [row for row in rows_of(engine) if row.story_id in hostile]
    assert len(rows) == len(hostile)
    assert all(row.url is None for row in rows)
    assert all(record["url"] == "" for record in csv_records(b"".join(csv_chunks(rows))))
    assert all(json.loads(line)["url"] is None for line in b"".join(jsonl_chunks(rows)).splitlines())
    feed = feedparser.parse(b"".join(atom_chunks(rows)))
    assert not feed.bozo
    assert [entry.get("links", []) for entry in feed.entries] == [[]] * len(rows)
    assert all(entry.content[0].value for entry in feed.entries)  # Atom wants content without a link


# ---------------------------------------------------------------------------------------------- JSON Lines
def test_json_lines_are_one_object_per_story_with_machine_readable_values(engine: Engine) -> None:
    ids = newsroom(engine)
    rows = rows_of(engine, zone=TAIPEI)
    rows.append(hand_made_row(story_id=99, title="line\u2028separator\u2029and\x85next"))
    lines = b"".join(jsonl_chunks(rows)).decode("utf-8").splitlines()  # splits at U+2028 too
    assert len(lines) == len(rows)
    objects = {item["story_id"]: item for item in map(json.loads, lines)}
    assert all(list(item) == list(COLUMNS) for item in objects.values())
    forum = objects[ids["forum"]]
    assert forum["topics"] == ["sister-cities", "twin-city-forum"]
    assert (forum["event_start"], forum["published"], forum["copies"]) == (
        "2026-12-01", "2026-11-20T09:30:00+08:00", 2
    )  # fmt: skip
    assert date.fromisoformat(forum["event_end"]) == date(2026, 12, 2)
    plain = objects[ids["plain"]]
    assert [
        plain[key] for key in ("published", "event_name", "event_start", "event_city", "event_venue")
    ] == [None] * 5
    assert plain["topics"] == ["sister-cities"]
    assert objects[99]["title"] == "line\u2028separator\u2029and\x85next"


# ---------------------------------------------------------------------------------------------- Atom
def test_the_atom_feed_parses_and_links_to_the_articles(engine: Engine) -> None:
    ids = newsroom(engine)
    rows = rows_of(engine, zone=TAIPEI)
    updated = datetime(2026, 11, 21, 8, 0, tzinfo=TAIPEI)
    data = b"".join(
        atom_chunks(
            rows, title="forumwatch: 雙城論壇", updated=updated, self_url="https://r.example/feed?a=1&b=2"
        )
    )
    ET.fromstring(data)  # well-formed, strictly
    feed = feedparser.parse(data)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    assert (feed.feed.title, feed.feed.updated) == ("forumwatch: 雙城論壇", "2026-11-21T08:00:00+08:00")
    entries = {entry.id: entry for entry in feed.entries}
    assert list(entries) == [story_entry_id(row.story_id) for row in rows]
    assert all(entry_id.startswith("urn:uuid:") for entry_id in entries)
    forum = entries[story_entry_id(ids["forum"])]
    assert [(link.rel, link.href) for link in forum.links] == [("alternate", FORUM_URL)]
    assert forum.link == FORUM_URL
    assert (forum.title, forum.author) == ("雙城論壇12月在臺北舉行", "臺北市政府")
    assert forum.published == "2026-11-20T09:30:00+08:00"
    assert forum.updated.endswith("+08:00")
    assert [tag.term for tag in forum.tags] == ["sister-cities", "twin-city-forum"]
    assert forum.summary == (
        "announcement · event: 上海-台北城市論壇, 2026-12-01 to 2026-12-02, 臺北, 臺北晶華酒店"
        " · topics: sister-cities, twin-city-forum"
    )
    formula = entries[story_entry_id(ids["formula"])]
    assert formula.link == FORMULA_URL
    assert formula.title == '=HYPERLINK("http://evil.example","click")'  # Atom is no spreadsheet
    plain = entries[story_entry_id(ids["plain"])]
    assert "published" not in plain
    assert plain.summary == "other · topics: sister-cities"
    assert "None" not in data.decode("utf-8")
    again = b"".join(atom_chunks(rows_of(engine, zone=TAIPEI), updated=updated))
    assert [e.id for e in feedparser.parse(again).entries] == list(entries)  # stable ids


def test_the_atom_feed_escapes_what_pages_and_reviewers_wrote(engine: Engine, database_url: str) -> None:
    hostile = set(add_hostile_stories(database_url))
    rows = [row for row in rows_of(engine) if row.story_id in hostile]
    rows.append(
        hand_made_row(story_id=98, title="a\x00b\ufffec & <d> ]]> \"'", outlet="</name></author><x/>")
    )
    data = b"".join(atom_chunks(rows))
    root = ET.fromstring(data)
    namespace = "{http://www.w3.org/2005/Atom}"
    assert all(element.tag.startswith(namespace) for element in root.iter())  # no payload became markup
    feed = feedparser.parse(data)
    assert not feed.bozo, feed.get("bozo_exception")
    titles = [entry.title for entry in feed.entries]
    assert all("<" in title for title in titles[:-1])  # the payloads, as text
    assert titles[-1] == "abc & <d> ]]> \"'"  # characters XML cannot carry are dropped
    assert feed.entries[-1].author == "</name></author><x/>"


# ---------------------------------------------------------------------------------------------- streaming
def hand_made_row(story_id: int = 7, **changes: Any) -> ExportRow:
    values: dict[str, Any] = {
        "story_id": story_id, "title": "雙城論壇", "url": "https://example.com/a", "outlet": "中央社",
        "source": "cna", "published": T0, "topics": ("twin-city-forum",), "kind": "report",
        "event_name": None, "event_start": None, "event_end": None, "event_city": None, "event_venue": None,
        "status": "new", "copies": 1, "outlets": 1, "first_seen": T0, "updated": T0, "note": "",
    }  # fmt: skip
    return ExportRow(**(values | changes))


@pytest.mark.parametrize("format_name", ["csv", "jsonl", "atom"])
def test_exports_stream_in_chunks_and_never_build_one_string(format_name: Any) -> None:
    endless = itertools.repeat(hand_made_row())  # a store of infinitely many stories
    first = next(export_chunks(format_name, endless))
    assert CHUNK_SIZE <= len(first.decode("utf-8")) < 2 * CHUNK_SIZE


def test_write_export_writes_to_a_binary_file_and_counts(engine: Engine, tmp_path: Path) -> None:
    newsroom(engine)
    rows = rows_of(engine)
    for format_name in ("csv", "jsonl", "atom"):
        path = tmp_path / f"stories.{format_name}"
        with path.open("wb") as out:
            assert write_export(format_name, iter(rows), out, updated=T0) == len(rows)
        assert path.read_bytes() == b"".join(export_chunks(format_name, rows, updated=T0))
    with pytest.raises(ValueError, match="not an export format"):
        export_chunks("xml", rows)  # type: ignore[arg-type]


def test_exports_need_neither_the_crawler_nor_the_command_line() -> None:
    code = (
        "import sys, review.exports; "
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'forumwatch', 'crawler', 'scrapy', 'scheduler'}))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


# -- forumwatch export -----------------------------------------------------------------------------------


def test_the_command_line_exports_to_a_whole_file_in_the_display_zone(
    engine: Engine, database_url: str, tmp_path: Path
) -> None:
    from click.testing import CliRunner

    from forumwatch.cli import main
    from forumwatch.cli.report_commands import _write_whole

    ids = newsroom(engine)
    config = tmp_path / "forumwatch.toml"
    config.write_text(
        f'[database]\nurl = "{database_url}"\n\n[ui]\ntimezone = "Asia/Taipei"\n\n'
        '[[topics]]\nname = "twin-city-forum"\naliases = ["雙城論壇"]\n',
        encoding="utf-8",
    )
    output = tmp_path / "out" / "stories.csv"
    result = CliRunner().invoke(
        main,
        ["export", "--config", str(config), "--status", "relevant", "-o", str(output)],
        catch_exceptions=False,
    )
    assert result.exit_code == 0, result.output
    records = csv_records(output.read_bytes())
    assert [int(r["story_id"]) for r in records] == [ids["forum"]]
    assert records[0]["url"] == FORUM_URL
    assert records[0]["published"] == "2026-11-20T09:30:00+08:00"
    assert "1 stories written" in result.output

    # An export that fails half-way leaves the previous file whole, and no temporary file behind.
    before = output.read_bytes()

    def half_then_fail(stream: Any) -> None:
        stream.write(b"story_id,title\n1,")
        raise OSError("disk full")

    with pytest.raises(OSError, match="disk full"):
        _write_whole(output, half_then_fail)
    assert output.read_bytes() == before
    assert [p.name for p in output.parent.iterdir()] == ["stories.csv"]

    atom = CliRunner().invoke(
        main, ["export", "--config", str(config), "--format", "atom"], catch_exceptions=False
    )
    parsed = feedparser.parse(atom.stdout_bytes)
    assert not parsed.bozo
    assert {entry.link for entry in parsed.entries} >= {FORUM_URL}
