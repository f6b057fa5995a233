"""Review state on a real SQLite file and the PostgreSQL server: the inbox, one row per story, filtered
and paged by keyset; decisions in bulk with their history; decisions surviving story folds."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from alembic import command
from click.testing import CliRunner
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from dedup.fingerprints import canonical_url, content_hash
from dedup.neardup import fingerprint
from forumwatch.cli import main
from storage.articles import ArticleRecord, SaveOutcome, TopicScore, ensure_source, save_article
from storage.engine import alembic_config, make_engine, upgrade_schema
from storage.inbox import InboxFilter, inbox, inbox_rows
from storage.models import Article, Source, Story
from storage.review import history, mark, move_reviews, review_of, set_note
from storage.search import matching_story_condition
from storage.stories import fold_stories

T0 = datetime(2026, 11, 20, 2, 0, tzinfo=UTC)


def body(n: int) -> str:
    return "\n".join(
        f"第{n}篇报道的第{p}段：双城论坛的消息，内容各不相同，编号{n * 100 + p}，用来区分不同的故事。"
        for p in range(4)
    )


def store(
    engine: Engine,
    n: int,
    source: str = "portal",
    topic: str = "twin-city-forum",
    copy_of: int | None = None,
    title: str | None = None,
    stamp: bool = True,
) -> int:
    """Store article ``n`` (a copy of article ``copy_of``'s text, when given); a new story is first seen
    ``n`` minutes after T0 (``stamp``) or now."""
    text = body(copy_of if copy_of is not None else n)
    url = f"https://{source}.example/{n}"
    record = ArticleRecord(
        source_name=source, url=url, canonical_url=canonical_url(url), content_hash=content_hash(text),
        title=title or f"story {n}", text=text, near_dup=fingerprint(text), topics=(TopicScore(topic, 5.0, {}),),
        kind="announcement" if n % 2 else "report", outlet=f"{source} outlet",
    )  # fmt: skip
    with Session(engine) as session, session.begin():
        source_id = ensure_source(session, source, "site", f"https://{source}.example/", "portal")
        result = save_article(session, record, source_id)
        assert result.story_id is not None
        if result.outcome is SaveOutcome.NEW_STORY and stamp:
            session.get_one(Story, result.story_id).created_at = T0 + timedelta(minutes=n)
        return result.story_id


def test_the_inbox_has_one_row_per_story_newest_first_and_pages_by_keyset(engine: Engine) -> None:
    ids = [store(engine, n) for n in range(7)]
    store(engine, 100, source="wire", copy_of=3)  # a copy: no new row
    with Session(engine) as session:
        first = inbox(session, InboxFilter(), limit=3)
        assert [r.story_id for r in first.rows] == ids[::-1][:3]
        copied = next(r for r in inbox(session, InboxFilter(), limit=10).rows if r.story_id == ids[3])
        assert (copied.copies, copied.outlets, copied.topics) == (2, 2, ("twin-city-forum",))
        seen = [r.story_id for r in first.rows]
        cursor = first.next_cursor
        while cursor:
            page = inbox(session, InboxFilter(), limit=3, after=cursor)
            seen += [r.story_id for r in page.rows]
            cursor = page.next_cursor
        assert seen == ids[::-1]
        with pytest.raises(ValueError, match="not a page cursor"):
            inbox(session, InboxFilter(), after="junk")


def test_filters_by_status_topic_source_kind_and_date(engine: Engine) -> None:
    ids = [store(engine, n) for n in range(4)]
    other = store(engine, 10, source="blog", topic="sister-cities")
    with Session(engine) as session, session.begin():
        mark(session, ids[:2], "dismissed", "ann", now=T0)
    with Session(engine) as session:

        def found(**filters: object) -> list[int]:
            return sorted(r.story_id for r in inbox(session, InboxFilter(**filters)).rows)  # type: ignore[arg-type]

        assert found() == sorted([*ids[2:], other])
        assert found(status="dismissed") == ids[:2]
        assert found(status="all", topic="sister-cities") == [other]
        assert found(status="all", source="blog") == [other]
        assert found(status="all", kind="announcement") == [ids[1], ids[3]]
        assert (
            found(status="all", since=T0 + timedelta(minutes=2), until=T0 + timedelta(minutes=4)) == ids[2:4]
        )


def test_decisions_in_bulk_with_notes_and_history(engine: Engine) -> None:
    a, b = store(engine, 1), store(engine, 2)
    with Session(engine) as session, session.begin():
        assert mark(session, [a, b, 9999], "later", "ann", now=T0) == [a, b]
        mark(session, [a], "relevant", "bo", note="for the brief", now=T0 + timedelta(hours=1))
        set_note(session, b, "ask Taipei desk", "ann", now=T0 + timedelta(hours=2))
        with pytest.raises(ValueError, match="not a review decision"):
            mark(session, [a], "starred", "ann")  # type: ignore[arg-type]
    with Session(engine) as session:
        review = review_of(session, a)
        assert review is not None
        assert (review.status, review.note, review.reviewer) == ("relevant", "for the brief", "bo")
        assert [(e.reviewer, e.status) for e in history(session, a)] == [("ann", "later"), ("bo", "relevant")]
        b_review = review_of(session, b)
        assert b_review is not None
        assert (b_review.status, b_review.note) == ("later", "ask Taipei desk")


def test_a_note_on_a_story_never_reviewed_puts_it_in_later(engine: Engine) -> None:
    story = store(engine, 1)
    with Session(engine) as session, session.begin():
        set_note(session, story, "ask the Taipei desk", "ann", now=T0)
    with Session(engine) as session:
        review = review_of(session, story)
        assert review is not None
        assert (review.status, review.note, review.reviewer) == ("later", "ask the Taipei desk", "ann")
        assert [(e.reviewer, e.status, e.note) for e in history(session, story)] == [
            ("ann", None, "ask the Taipei desk")
        ]


def test_folded_stories_keep_the_weightiest_decision_every_note_and_their_history(engine: Engine) -> None:
    a, b, c = store(engine, 1), store(engine, 2), store(engine, 3)
    with Session(engine) as session, session.begin():
        mark(session, [a], "dismissed", "ann", note="old news", now=T0)
        mark(session, [b], "relevant", "bo", note="new venue", now=T0 + timedelta(hours=1))
        fold_stories(session, (a, b))
        move_reviews(session, [c], a)  # c had no review: nothing changes
    with Session(engine) as session:
        review = review_of(session, a)
        assert review is not None
        assert (review.status, review.reviewer, review.note) == ("relevant", "bo", "old news\nnew venue")
        assert [e.status for e in history(session, a)] == ["dismissed", "relevant"]
        assert review_of(session, b) is None


def test_forumwatch_review_lists_and_marks(engine: Engine, database_url: str) -> None:
    a, b = store(engine, 1), store(engine, 2)
    runner = CliRunner()
    listed = runner.invoke(main, ["review", "--db", database_url])
    assert listed.exit_code == 0, listed.output
    assert "story 1" in listed.output
    assert "story 2" in listed.output
    marked = runner.invoke(main, ["review", "mark", "dismissed", str(a), "--as", "ann", "--db", database_url])
    assert marked.exit_code == 0, marked.output
    listed = runner.invoke(main, ["review", "list", "--json", "--db", database_url])
    assert f'"story_id": {b},' in listed.output
    assert f'"story_id": {a},' not in listed.output
    missing = runner.invoke(main, ["review", "mark", "relevant", "424242", "--db", database_url])
    assert missing.exit_code == 1


def test_the_inbox_searches_in_either_script(engine: Engine) -> None:
    a, b = store(engine, 1), store(engine, 2)
    with Session(engine) as session:
        assert [r.story_id for r in inbox(session, InboxFilter(status="all", query="第1篇報道")).rows] == [a]
        assert [r.story_id for r in inbox(session, InboxFilter(status="all", query="雙城論壇")).rows] == [
            b,
            a,
        ]
        assert inbox(session, InboxFilter(status="all", query="不存在的词")).rows == []
        with pytest.raises(ValueError, match="empty"):
            inbox(session, InboxFilter(status="all", query="   "))


def test_search_pages_are_exactly_the_matching_stories_newest_first(engine: Engine) -> None:
    # The inbox's search reads matches newest first and stops early (storage.inbox):
    # whatever the page size, its pages must be exactly what listing every match and sorting would give.
    # Old stories matched only by a copy stored much later, a fold and reviewed stories included.
    ids = [store(engine, n, title=f"重要通知 {n}" if n % 3 == 0 else None) for n in range(30)]
    for n in (2, 5, 11, 17):
        store(engine, 100 + n, source="wire", copy_of=n, title=f"重要通知 late copy of {n}")
    with Session(engine) as session, session.begin():
        fold_stories(session, (ids[7], ids[24]))  # 24 matches; its copy moves into 7, first seen far earlier
        mark(session, [ids[9], ids[11], ids[27]], "dismissed", "ann", now=T0)
    cases: list[tuple[str | None, str, str | None, datetime | None]] = [
        ("重要通知", "all", None, None),
        ("重要通知", "new", None, None),
        ("通知", "all", None, None),
        ("重要通知 late", "new", None, None),
        ("重要通知", "all", "portal", T0 + timedelta(minutes=10)),
        (None, "all", "wire", None),
        (None, "new", "portal", T0 + timedelta(minutes=20)),
        (None, "all", "wire", T0 + timedelta(minutes=12)),
    ]
    with Session(engine) as session:
        for query, status, source, since in cases:
            listed = select(Story.id)
            if query is not None:
                listed = listed.where(matching_story_condition(query, engine.dialect.name))
            if status == "new":
                listed = listed.where(Story.review_status.is_(None))
            if source is not None:
                copies = select(Article.story_id).join(Source).where(Source.name == source)
                listed = listed.where(Story.id.in_(copies))
            if since is not None:
                listed = listed.where(Story.created_at >= since)
            expected = list(session.scalars(listed.order_by(Story.created_at.desc(), Story.id.desc())))
            assert expected, (query, source)
            filters = InboxFilter(status=status, query=query, source=source, since=since)  # type: ignore[arg-type]
            for limit in (1, 2, 5, 50):
                seen: list[int] = []
                cursor: str | None = None
                while True:
                    page = inbox(session, filters, limit=limit, after=cursor)
                    seen += [row.story_id for row in page.rows]
                    if (cursor := page.next_cursor) is None:
                        break
                assert seen == expected, (filters, limit)
            assert [row.story_id for row in inbox_rows(session, filters, batch=2)] == expected, filters


def test_a_new_story_is_never_first_seen_before_an_older_one(engine: Engine) -> None:
    # A clock stepped back must not put a new story behind older ones: search stops early on that order.
    older = store(engine, 1)
    ahead = datetime.now(UTC) + timedelta(hours=1)
    with Session(engine) as session, session.begin():
        session.get_one(Story, older).created_at = ahead
    newer = store(engine, 2, stamp=False)
    with Session(engine) as session:
        assert session.get_one(Story, newer).created_at == ahead
        assert [r.story_id for r in inbox(session, InboxFilter(status="all")).rows] == [newer, older]


def test_migration_brings_stories_stored_with_a_clock_stepped_back_into_order(database_url: str) -> None:
    engine = make_engine(database_url, for_writing=True)
    try:
        config = alembic_config(engine)
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, "0005")
        seen = [T0, T0 + timedelta(hours=2), T0 + timedelta(hours=1), T0 + timedelta(hours=3)]
        with Session(engine) as session, session.begin():
            stories = [Story(title=f"story {n}", created_at=at) for n, at in enumerate(seen)]
            session.add_all(stories)
            session.flush()
            ids = [story.id for story in stories]
        upgrade_schema(engine)
        with Session(engine) as session:
            first_seen = dict(session.execute(select(Story.id, Story.created_at)).all())
        # The third story was stored after the second: it is now first seen when the second was.
        assert [first_seen[i] for i in ids] == [seen[0], seen[1], seen[1], seen[3]]
    finally:
        engine.dispose()
