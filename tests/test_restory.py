"""`forumwatch restory`: a store derived by older rules, recomputed, equals a fresh store of the same
articles under today's rules: the same stories with the same heads, topic matches, events and search.
On a real SQLite file and on the PostgreSQL server."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import Engine, select, update
from sqlalchemy.orm import Session

from crawler.derived import derive
from crawler.topics import Topic, TopicMatcher
from dedup.fingerprints import canonical_url, content_hash
from dedup.textnorm import to_traditional
from forumwatch.cli import main
from forumwatch.restory import run_restory
from storage.articles import ArticleRecord, TopicScore, ensure_source, save_article
from storage.engine import open_database
from storage.models import Article, ArticleTopic, Story
from storage.restory import apply_grouping, group_stories
from storage.review import mark, review_of
from storage.search import matching_article_ids

TOPICS = [Topic("twin-city-forum", ("双城论坛", "上海台北城市论坛")), Topic("software", ("软件",))]
FORUM = (
    "2023上海-台北城市论坛今天在上海开幕，为期两天。两市代表围绕智慧城市、数字治理、青年交流和文化旅游等议题"
    "深入交流，并计划签署多项合作备忘录。台北市代表团一行三十人昨天抵达上海，将参观城市更新项目和社区服务中心。"
    "上海市有关负责人表示，双城论坛已成为两岸城市交流的重要平台，希望两地继续扩大基层往来。"
)
SOFTWARE = (
    "本市软件产业园今年新增企业两百家，园区负责人介绍，网络安全、工业软件和人工智能应用成为增长最快的领域。"
    "园区将继续完善人才公寓、公共实验室和融资服务，吸引更多青年创业团队入驻，并举办年度开发者大会。"
)
# (url, source, title, text): a Simplified story, its Traditional copy, its copy with a sentence less; an
# unrelated story and its Traditional copy.
ARTICLES = [
    ("https://a.example/forum", "mainland", "2023上海-台北城市论坛开幕", FORUM),
    ("https://b.example/forum", "taiwan", to_traditional("2023上海-台北城市论坛开幕"), to_traditional(FORUM)),
    ("https://c.example/forum", "portal", "双城论坛开幕", FORUM.rsplit("。", 2)[0] + "。"),
    ("https://a.example/soft", "mainland", "软件产业园扩容", SOFTWARE),
    ("https://b.example/soft", "taiwan", to_traditional("软件产业园扩容"), to_traditional(SOFTWARE)),
]
PUBLISHED = datetime(2023, 8, 29, 2, 0, tzinfo=UTC)


def store(engine: Engine, *, stale: bool) -> None:
    """Store ARTICLES as a crawl does; ``stale``: as older rules did (no near-duplicate fingerprints, an
    old topic, no events), so that the shortened copy opens a story of its own."""
    matcher = TopicMatcher(TOPICS)
    with Session(engine) as session, session.begin():
        for url, source, title, text in ARTICLES:
            source_id = ensure_source(session, source, "site", f"https://{source}.example/")
            fields = derive(title, text, PUBLISHED, "zh", matcher)
            record = ArticleRecord(
                source_name=source,
                url=url,
                canonical_url=canonical_url(url),
                content_hash=content_hash(text) if stale else fields.content_hash,
                title=title,
                text=text,
                topics=(TopicScore("old-topic", 1.0),) if stale else fields.topics,
                near_dup=None if stale else fields.near_dup,
                kind=None if stale else fields.kind,
                event=None if stale else fields.event,
                published_at=PUBLISHED,
                language="zh",
            )
            save_article(session, record, source_id)


def snapshot(engine: Engine) -> dict[str, object]:
    """What the store says, keyed by URL: stories as sets of URLs, heads, topics, kinds, search."""
    with Session(engine) as session:
        articles = session.scalars(select(Article)).all()
        url_of = {a.id: a.canonical_url for a in articles}
        stories: dict[int, set[str]] = {}
        for article in articles:
            stories.setdefault(article.story_id, set()).add(article.canonical_url)
        topics = {
            (url_of[t.article_id], t.topic, t.score) for t in session.scalars(select(ArticleTopic)).all()
        }
        return {
            "stories": sorted(sorted(urls) for urls in stories.values()),
            "heads": sorted(a.canonical_url for a in articles if a.is_head),
            "story titles": sorted(s.title for s in session.scalars(select(Story)).all()),
            "topics": sorted(topics),
            "kinds": sorted((a.canonical_url, a.kind, str(a.event)) for a in articles),
            "search": sorted(
                url_of[i] for i in session.scalars(matching_article_ids("網絡安全", engine.dialect.name))
            ),
        }


@pytest.fixture
def fresh(tmp_path: Path) -> Iterator[Engine]:
    engine = open_database(f"sqlite:///{tmp_path}/fresh.db")
    store(engine, stale=False)
    yield engine
    engine.dispose()


def test_a_restoried_store_is_a_fresh_one(engine: Engine, fresh: Engine) -> None:
    store(engine, stale=True)
    before = snapshot(engine)
    # No near duplicates: only the copies of the same text in the other script share a story.
    assert len(before["stories"]) == 3  # type: ignore[arg-type]
    report = run_restory(engine, TOPICS, mark_all=True, batch=2)
    assert report.articles == len(ARTICLES)
    assert (report.stories_before, report.stories_after) == (3, 2)
    assert snapshot(engine) == snapshot(fresh)


def test_a_stopped_run_resumes_where_it_stopped(engine: Engine, fresh: Engine) -> None:
    store(engine, stale=True)
    seen: list[int] = []

    def stop_after_the_first_batch(done: int, total: int) -> None:
        seen.append(done)
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        run_restory(engine, TOPICS, mark_all=True, batch=2, progress=stop_after_the_first_batch)
    with Session(engine) as session:
        marked = session.scalars(select(Article.id).where(Article.restory_needed)).all()
    assert len(marked) == len(ARTICLES) - 2  # the first batch was committed, the rest is still marked
    report = run_restory(engine, TOPICS)
    assert report.articles == len(ARTICLES) - 2
    assert snapshot(engine) == snapshot(fresh)


def test_stories_folded_together_keep_what_reviewers_decided(engine: Engine) -> None:
    store(engine, stale=True)
    with Session(engine) as session, session.begin():
        traditional = session.scalar(select(Article).where(Article.url == "https://b.example/forum"))
        assert traditional is not None
        mark(session, [traditional.story_id], "relevant", "ana", note="the 2023 forum")
    run_restory(engine, TOPICS, mark_all=True)
    with Session(engine) as session:
        story_ids = {
            a.story_id for a in session.scalars(select(Article).where(Article.url.like("%/forum"))).all()
        }
        [story_id] = story_ids
        review = review_of(session, story_id)
        assert review is not None
        assert (review.status, review.note) == ("relevant", "the 2023 forum")


def test_the_command_reports_progress_and_the_outcome(sqlite_url: str, tmp_path: Path) -> None:
    engine = open_database(sqlite_url)
    store(engine, stale=True)
    engine.dispose()
    config = tmp_path / "forumwatch.toml"
    config.write_text(
        f'[database]\nurl = "{sqlite_url}"\n\n[[topics]]\nname = "twin-city-forum"\naliases = ["双城论坛"]\n\n'
        '[[sources]]\nname = "s"\nkind = "feed"\nurl = "https://example.com/feed.xml"\n',
        encoding="utf-8",
    )
    with Session(engine := open_database(sqlite_url)) as session, session.begin():
        session.execute(update(Article).values(restory_needed=True))  # as migration 0008 leaves a store
    engine.dispose()
    status = CliRunner().invoke(main, ["status", "--config", str(config)])
    assert "5 stored articles were read by older rules: run `forumwatch restory`" in status.stdout
    result = CliRunner().invoke(main, ["restory", "--config", str(config), "--batch", "2"])
    assert result.exit_code == 0, result.output
    assert "5/5 articles recomputed" in result.stderr
    assert "stories 3 -> 2" in result.stdout
    status = CliRunner().invoke(main, ["status", "--config", str(config)])
    assert status.exit_code == 0, status.output
    assert "older rules" not in status.stdout


def test_stories_read_before_a_new_article_arrived_are_read_again(engine: Engine) -> None:
    store(engine, stale=True)
    with Session(engine) as session, session.begin():
        grouping = group_stories(session)
    with Session(engine) as session, session.begin():
        source_id = ensure_source(session, "late", "site", "https://late.example/")
        save_article(
            session,
            ArticleRecord(
                "late",
                "https://late.example/1",
                "https://late.example/1",
                content_hash("新文"),
                "新文",
                "新文",
            ),
            source_id,
        )
    with Session(engine) as session, session.begin():
        assert apply_grouping(session, grouping) is None  # stale: nothing moved
    with Session(engine) as session, session.begin():
        fresh_grouping = group_stories(session)
    with Session(engine) as session, session.begin():
        assert apply_grouping(session, fresh_grouping) is not None
