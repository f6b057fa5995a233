"""storage.seen: the URLs a source need not download, loaded at once, and what a crawl saw, recorded."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from storage.articles import ensure_source, save_article
from storage.models import SeenUrl
from storage.seen import SeenPage, UrlKeys, load_skippable, remember_seen, topics_version
from tests.test_storage_articles import SIMPLIFIED, record

NOW = datetime(2026, 12, 12, 3, 0, tzinfo=UTC)
TOPICS = topics_version([{"name": "forum", "aliases": ["双城论坛"]}])
NEW_TOPICS = topics_version([{"name": "forum", "aliases": ["双城论坛", "城市论坛"]}])


def sources(engine: Engine) -> tuple[int, int]:
    with Session(engine) as session, session.begin():
        return (
            ensure_source(session, "sina", "site", "https://sina.example/"),
            ensure_source(session, "sohu", "site", "https://sohu.example/"),
        )


def remember(engine: Engine, source_id: int, pages: list[SeenPage], topics: str = TOPICS) -> int:
    with Session(engine) as session, session.begin():
        return remember_seen(session, source_id, pages, topics, NOW)


def skippable(engine: Engine, source_id: int, topics: str = TOPICS, days: int | None = 30) -> UrlKeys:
    not_before = NOW - timedelta(days=days) if days is not None else None
    with Session(engine) as session:
        return load_skippable(session, source_id, topics, not_before)


def test_url_keys_hold_what_they_were_given_in_eight_bytes_each() -> None:
    urls = [f"https://a.example/{n}.html" for n in range(1000)]
    keys = UrlKeys.of(urls)
    assert all(url in keys for url in urls)
    assert "https://a.example/1000.html" not in keys
    assert "https://a.example/1.htm" not in UrlKeys.of(())
    assert keys.nbytes == 8000


def test_topics_version_changes_with_any_topic_key() -> None:
    assert topics_version([{"aliases": ["双城论坛"], "name": "forum"}]) == TOPICS
    assert TOPICS != NEW_TOPICS
    assert topics_version([{"name": "forum", "aliases": ["双城论坛"], "min_score": 2.0}]) != TOPICS


def test_a_source_skips_what_it_stored_and_saw_but_not_another_source_s(engine: Engine) -> None:
    sina, sohu = sources(engine)
    with Session(engine) as session, session.begin():
        save_article(session, record("https://sina.example/stored", SIMPLIFIED), sina)
    remember(engine, sina, [SeenPage("https://sina.example/off", "off_topic")])
    keys = skippable(engine, sina)
    assert "https://sina.example/stored" in keys
    assert "https://sina.example/off" in keys
    assert len(skippable(engine, sohu)) == 0


def test_off_topic_pages_are_due_again_when_the_topics_change_the_others_are_not(engine: Engine) -> None:
    sina, _ = sources(engine)
    remember(
        engine,
        sina,
        [
            SeenPage("https://sina.example/off", "off_topic"),
            SeenPage("https://sina.example/empty", "empty"),
            SeenPage("https://sina.example/gone", "gone"),
        ],
    )
    keys = skippable(engine, sina, NEW_TOPICS)
    assert "https://sina.example/off" not in keys
    assert "https://sina.example/empty" in keys
    assert "https://sina.example/gone" in keys


def test_seen_pages_are_due_again_after_the_recheck_time_or_always(engine: Engine) -> None:
    sina, _ = sources(engine)
    remember(engine, sina, [SeenPage("https://sina.example/empty", "empty")])
    assert "https://sina.example/empty" in skippable(engine, sina, days=30)
    with Session(engine) as session:
        later = load_skippable(session, sina, TOPICS, NOW + timedelta(seconds=1))
    assert "https://sina.example/empty" not in later
    assert "https://sina.example/empty" not in skippable(engine, sina, days=None)


def test_stored_elsewhere_is_kept_only_when_stored_and_never_falls_due(engine: Engine) -> None:
    sina, sohu = sources(engine)
    with Session(engine) as session, session.begin():
        save_article(session, record("https://wire.example/1", SIMPLIFIED), sina)
    written = remember(
        engine,
        sohu,
        [
            SeenPage("https://wire.example/1", "stored_elsewhere"),
            # Its write failed: not stored, so to be downloaded again.
            SeenPage("https://wire.example/2", "stored_elsewhere"),
        ],
    )
    assert written == 1
    assert "https://wire.example/1" in skippable(engine, sohu, days=None)
    assert "https://wire.example/2" not in skippable(engine, sohu)


def test_the_newest_sighting_of_a_url_wins(engine: Engine) -> None:
    sina, _ = sources(engine)
    remember(engine, sina, [SeenPage("https://sina.example/a", "gone")])
    remember(
        engine,
        sina,
        [SeenPage("https://sina.example/a", "off_topic"), SeenPage("https://sina.example/a", "empty")],
    )
    with Session(engine) as session:
        rows = session.execute(select(SeenUrl.outcome, func.count()).group_by(SeenUrl.outcome)).all()
    assert rows == [("empty", 1)]


def test_many_pages_are_written_in_batches(engine: Engine) -> None:
    sina, _ = sources(engine)
    pages = [SeenPage(f"https://sina.example/{n}", "off_topic") for n in range(1234)]
    assert remember(engine, sina, pages) == 1234
    assert len(skippable(engine, sina)) == 1234
