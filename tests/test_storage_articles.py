from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import pytest
from sqlalchemy import Engine, bindparam, false, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

import storage.articles
from dedup.fingerprints import canonical_url, content_hash
from dedup.neardup import fingerprint
from storage.articles import (
    ArticleRecord,
    SaveOutcome,
    TopicScore,
    count_rows,
    ensure_source,
    list_articles,
    list_stories,
    save_article,
)
from storage.engine import open_database
from storage.models import Article

SIMPLIFIED = (
    "2021上海-台北城市论坛今天（1日）以视频形式举行。上海市市长龚正、台北市市长柯文哲出席论坛并致辞。"
)
TRADITIONAL = (
    "2021上海-臺北城市論壇今天（1日）以視頻形式舉行。上海市市長龔正、臺北市市長柯文哲出席論壇並致辭。"
)


def record(
    url: str, text: str, source: str = "sina", topics: tuple[str, ...] = ("twin-city-forum",)
) -> ArticleRecord:
    return ArticleRecord(
        source_name=source,
        url=url,
        canonical_url=canonical_url(url),
        content_hash=content_hash(text),
        title=text[:20],
        text=text,
        topics=tuple(TopicScore(t) for t in topics),
        near_dup=fingerprint(text),
        published_at=datetime(2021, 12, 1, 22, 1, 19, tzinfo=timezone(timedelta(hours=8))),
    )


def save(engine: Engine, rec: ArticleRecord) -> SaveOutcome:
    with Session(engine) as session, session.begin():
        source_id = ensure_source(session, rec.source_name, "site", "https://example.com/")
        return save_article(session, rec, source_id).outcome


def test_first_copy_opens_a_story_and_heads_it(engine: Engine) -> None:
    assert save(engine, record("https://a.example/1", SIMPLIFIED)) is SaveOutcome.NEW_STORY
    with Session(engine) as session:
        [story] = list_stories(session)
    assert [a.is_head for a in story.articles] == [True]
    assert story.topics == ("twin-city-forum",)


def test_same_content_in_the_other_script_is_a_copy_in_the_same_story(engine: Engine) -> None:
    save(engine, record("https://a.example/1", SIMPLIFIED))
    assert save(engine, record("https://tw.example/9", TRADITIONAL, source="twnews")) is SaveOutcome.COPY
    with Session(engine) as session:
        stories = list_stories(session)
    assert len(stories) == 1
    assert [(a.source, a.is_head) for a in stories[0].articles] == [("sina", True), ("twnews", False)]


def test_saving_the_same_url_again_stores_nothing(engine: Engine) -> None:
    save(engine, record("https://a.example/1?utm_source=rss", SIMPLIFIED))
    before = count_rows(engine)
    assert save(engine, record("https://a.example/1", SIMPLIFIED)) is SaveOutcome.ALREADY_STORED
    assert save(engine, record("https://a.example/1#comments", "other text")) is SaveOutcome.ALREADY_STORED
    assert count_rows(engine) == before


def test_different_content_is_a_different_story(engine: Engine) -> None:
    save(engine, record("https://a.example/1", SIMPLIFIED))
    save(engine, record("https://a.example/2", "2023上海-台北城市论坛将于8月29日至30日在上海举行。"))
    with Session(engine) as session:
        assert len(list_stories(session)) == 2


def test_a_story_cannot_have_two_heads(engine: Engine) -> None:
    save(engine, record("https://a.example/1", SIMPLIFIED))
    save(engine, record("https://b.example/1", SIMPLIFIED))
    with Session(engine) as session, pytest.raises(IntegrityError):
        session.execute(update(Article).values(is_head=True))


def test_timestamps_come_back_as_aware_utc(engine: Engine) -> None:
    save(engine, record("https://a.example/1", SIMPLIFIED))
    with Session(engine) as session:
        published = session.scalar(select(Article.published_at))
    assert published == datetime(2021, 12, 1, 14, 1, 19, tzinfo=UTC)
    assert published is not None
    assert published.utcoffset() == timedelta(0)


def test_naive_timestamps_are_refused(engine: Engine) -> None:
    bad = record("https://a.example/1", SIMPLIFIED)
    object.__setattr__(bad, "published_at", datetime(2021, 12, 1))
    with pytest.raises(Exception, match="naive datetime"):
        save(engine, bad)


def test_articles_filter_by_topic(engine: Engine) -> None:
    save(engine, record("https://a.example/1", SIMPLIFIED, topics=("twin-city-forum",)))
    save(engine, record("https://a.example/2", "上海友城网络", topics=("sister-cities",)))
    with Session(engine) as session:
        assert [a.url for a in list_articles(session, topic="sister-cities")] == ["https://a.example/2"]
        assert len(list_articles(session)) == 2


def test_ensure_source_is_idempotent_and_follows_the_config(engine: Engine) -> None:
    with Session(engine) as session, session.begin():
        first = ensure_source(session, "sina", "site", "https://a/")
        again = ensure_source(session, "sina", "feed", "https://a/feed.xml")
    assert first == again
    assert count_rows(engine)["sources"] == 1


@pytest.mark.postgres
def test_processes_creating_the_same_source_at_once_get_one_row(postgres_url: str) -> None:
    """Crawl workers started together (and a crawl beside them) create their sources' rows at once."""
    engine = open_database(postgres_url)
    try:
        first = Session(engine)
        first.begin()
        first_id = ensure_source(first, "racing", "site", "https://example.com/")  # not committed yet
        second_id: list[int] = []

        def second() -> None:
            with Session(engine) as session, session.begin():
                # Waits on the first's uncommitted row, then finds it.
                second_id.append(ensure_source(session, "racing", "site", "https://example.com/"))

        thread = threading.Thread(target=second)
        thread.start()
        thread.join(timeout=1.0)
        assert thread.is_alive()  # held by the first's insert
        first.commit()
        first.close()
        thread.join(timeout=30)
        assert second_id == [first_id]
    finally:
        engine.dispose()


@pytest.mark.parametrize("text", [SIMPLIFIED, "另一篇文章：台北市政府今天公布新一年度的城市交通规划。" * 3])
def test_a_url_stored_past_the_url_check_is_already_stored_and_leaves_nothing(
    engine: Engine, monkeypatch: pytest.MonkeyPatch, text: str
) -> None:
    # As if another writer had stored the URL between the check and the insert (every writer of
    # forumwatch takes the story-assignment lock first, so none does): the insert finds it, and neither
    # the story it would have opened nor any copy of it stays. SIMPLIFIED joins the stored story as a
    # copy; the other text would open a story of its own.
    save(engine, record("https://a.example/1", SIMPLIFIED))
    before = count_rows(engine)
    never_stored = select(Article.canonical_url).where(
        Article.canonical_url.in_(bindparam("urls", expanding=True)), false()
    )
    monkeypatch.setattr(storage.articles, "_STORED_URLS", never_stored)
    inserted: list[int | None] = []
    insert = storage.articles._insert_article

    def watched_insert(*args: Any) -> int | None:
        inserted.append(insert(*args))
        return inserted[-1]

    monkeypatch.setattr(storage.articles, "_insert_article", watched_insert)
    assert save(engine, record("https://a.example/1", text)) is SaveOutcome.ALREADY_STORED
    assert inserted == [None]  # the insert, not the URL check, found it
    assert count_rows(engine) == before
