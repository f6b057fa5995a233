"""Saving cleaned articles into stories, and the queries the command line and review use."""

from __future__ import annotations

import dataclasses
import enum
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import Engine, func, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session, selectinload

from storage.models import Article, ArticleTopic, Source, Story, utc_now


@dataclass(frozen=True)
class ArticleRecord:
    """A cleaned, matched and fingerprinted article, ready to store."""

    source_name: str
    url: str
    canonical_url: str
    content_hash: str
    title: str
    text: str
    topics: tuple[str, ...]
    html: str = ""
    author: str | None = None
    editor: str | None = None
    published_at: datetime | None = None
    outlet: str | None = None
    language: str | None = None
    script: str | None = None
    image_url: str | None = None
    extractor: str = ""
    crawl_run_id: int | None = None


class SaveOutcome(enum.Enum):
    NEW_STORY = "new story"
    COPY = "copy of an existing story"
    ALREADY_STORED = "already stored"


@dataclass(frozen=True)
class SaveResult:
    outcome: SaveOutcome
    article_id: int | None
    story_id: int | None


def ensure_source(session: Session, name: str, kind: str, url: str) -> int:
    """The id of the source row named ``name``, created or updated from the configuration."""
    source = session.scalar(select(Source).where(Source.name == name))
    if source is None:
        source = Source(name=name, kind=kind, url=url)
        session.add(source)
        session.flush()
    elif (source.kind, source.url) != (kind, url):
        source.kind, source.url = kind, url
    return source.id


def is_url_stored(session: Session, canonical_url: str) -> bool:
    return session.scalar(select(Article.id).where(Article.canonical_url == canonical_url)) is not None


def find_story_by_content(session: Session, content_hash: str) -> int | None:
    """The story that already holds an article with exactly this content, if any."""
    return session.scalar(select(Article.story_id).where(Article.content_hash == content_hash).limit(1))


def save_article(session: Session, record: ArticleRecord, source_id: int) -> SaveResult:
    """Store ``record`` once: a new story, a copy in the story holding the same content, or nothing
    when its canonical URL is stored already. Idempotent, and safe against a concurrent writer
    (the insert ignores a canonical-URL conflict instead of failing)."""
    if is_url_stored(session, record.canonical_url):
        return SaveResult(SaveOutcome.ALREADY_STORED, None, None)

    savepoint = session.begin_nested()
    try:
        story_id = find_story_by_content(session, record.content_hash)
        outcome = SaveOutcome.COPY if story_id is not None else SaveOutcome.NEW_STORY
        if story_id is None:
            story = Story(title=record.title)
            session.add(story)
            session.flush()
            story_id = story.id
        article_id = _insert_article(session, record, source_id, story_id, outcome)
        if article_id is None:  # another writer stored this URL between our check and the insert
            savepoint.rollback()
            return SaveResult(SaveOutcome.ALREADY_STORED, None, None)
        session.add_all(ArticleTopic(article_id=article_id, topic=t) for t in sorted(set(record.topics)))
        if outcome is SaveOutcome.COPY:
            session.get_one(Story, story_id).updated_at = utc_now()
        savepoint.commit()
    except BaseException:
        if savepoint.is_active:
            savepoint.rollback()
        raise
    return SaveResult(outcome, article_id, story_id)


def _insert_article(
    session: Session, record: ArticleRecord, source_id: int, story_id: int, outcome: SaveOutcome
) -> int | None:
    # ArticleRecord's fields are the article's columns, but for the two that live elsewhere.
    values = {
        key: value
        for key, value in dataclasses.asdict(record).items()
        if key not in ("source_name", "topics")
    }
    values |= {
        "story_id": story_id,
        "source_id": source_id,
        # The first copy stored heads its story until source authority decides otherwise.
        "is_head": outcome is SaveOutcome.NEW_STORY,
        "fetched_at": utc_now(),
    }
    dialect = session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    statement = (
        insert(Article)
        .values(**values)
        .on_conflict_do_nothing(index_elements=["canonical_url"])
        .returning(Article.id)
    )
    return session.execute(statement).scalar_one_or_none()


@dataclass(frozen=True)
class ArticleView:
    id: int
    story_id: int
    is_head: bool
    source: str
    url: str
    title: str
    published_at: datetime | None
    outlet: str | None
    script: str | None
    topics: tuple[str, ...]


@dataclass(frozen=True)
class StoryView:
    id: int
    title: str
    updated_at: datetime
    topics: tuple[str, ...]
    articles: tuple[ArticleView, ...] = field(default=())


def _view(article: Article) -> ArticleView:
    return ArticleView(
        id=article.id,
        story_id=article.story_id,
        is_head=article.is_head,
        source=article.source.name,
        url=article.url,
        title=article.title,
        published_at=article.published_at,
        outlet=article.outlet,
        script=article.script,
        topics=tuple(t.topic for t in article.topics),
    )


def list_articles(session: Session, topic: str | None = None) -> list[ArticleView]:
    """Stored articles, newest first; only those that matched ``topic`` when given."""
    query = select(Article).options(selectinload(Article.source), selectinload(Article.topics))
    if topic is not None:
        query = query.where(Article.topics.any(ArticleTopic.topic == topic))
    query = query.order_by(Article.published_at.desc().nulls_last(), Article.id.desc())
    return [_view(article) for article in session.scalars(query)]


def list_stories(session: Session) -> list[StoryView]:
    """Stories, most recently changed first, each with its copies (head first)."""
    query = (
        select(Story)
        .options(
            selectinload(Story.articles).selectinload(Article.source),
            selectinload(Story.articles).selectinload(Article.topics),
        )
        .order_by(Story.updated_at.desc(), Story.id.desc())
    )
    stories = []
    for story in session.scalars(query):
        copies = sorted((_view(a) for a in story.articles), key=lambda a: (not a.is_head, a.id))
        topics = sorted({t for a in copies for t in a.topics})
        stories.append(StoryView(story.id, story.title, story.updated_at, tuple(topics), tuple(copies)))
    return stories


def count_rows(engine: Engine) -> dict[str, int]:
    """Rows per content table: what a repeated crawl must leave unchanged."""
    with Session(engine) as session:
        return {
            "stories": session.scalar(select(func.count()).select_from(Story)) or 0,
            "articles": session.scalar(select(func.count()).select_from(Article)) or 0,
            "article_topics": session.scalar(select(func.count()).select_from(ArticleTopic)) or 0,
            "sources": session.scalar(select(func.count()).select_from(Source)) or 0,
        }
