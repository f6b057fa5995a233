"""Saving cleaned articles into stories (three levels of dedup: canonical URL, exact content, near
duplicate), and the queries the command line and review use."""

from __future__ import annotations

import dataclasses
import enum
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import Engine, bindparam, delete, func, insert, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, selectinload

from dedup.neardup import NearDupFingerprint
from storage.authority import DEFAULT_AUTHORITY
from storage.controls import strip_controls
from storage.locks import STORY_ASSIGNMENT, serialise
from storage.models import Article, ArticleTopic, NearDuplicateKey, Source, Story, utc_now
from storage.search import index_articles
from storage.stories import (
    StoryMatch,
    StoryOpener,
    elect_head,
    find_story_match,
    fold_stories,
    index_near_duplicate,
)


@dataclass(frozen=True)
class TopicScore:
    """A watched topic an article matched: its score and the evidence (which alias, where)."""

    topic: str
    score: float | None = None
    evidence: dict[str, Any] | None = None


@dataclass(frozen=True)
class ArticleRecord:
    """A cleaned, matched and fingerprinted article, ready to store."""

    source_name: str
    url: str
    canonical_url: str
    content_hash: str
    title: str
    text: str
    topics: tuple[TopicScore, ...] = ()
    near_dup: NearDupFingerprint | None = None
    kind: str | None = None  # announcement, report or other (crawler.events)
    event: dict[str, Any] | None = None
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
    joined_by: str | None = None  # "first", "content" or "near-duplicate"
    folded_story_ids: tuple[int, ...] = ()  # stories this article bridged, folded into story_id
    is_head: bool = False  # whether the new article heads its story now

    def describe(self) -> str:
        if self.outcome is not SaveOutcome.COPY:
            return str(self.outcome.value)
        text = f"{self.joined_by} copy in story {self.story_id}"
        if self.folded_story_ids:
            text += f" (folded in stories {', '.join(map(str, self.folded_story_ids))})"
        return text + (", now its head" if self.is_head else "")


def ensure_source(
    session: Session, name: str, kind: str, url: str, authority: str = DEFAULT_AUTHORITY
) -> int:
    """The id of the source row named ``name``, created or updated from the configuration.

    Processes started together (crawl workers, a crawl beside them) create the same rows at once: the
    one whose insert loses the race reads the winner's row."""
    source = session.scalar(select(Source).where(Source.name == name))
    if source is None:
        try:
            with session.begin_nested():
                source = Source(name=name, kind=kind, url=url, authority=authority)
                session.add(source)
        except IntegrityError:
            source = session.scalar(select(Source).where(Source.name == name))
            if source is None:  # not a name's race after all
                raise
        else:
            return source.id
    if (source.kind, source.url, source.authority) != (kind, url, authority):
        source.kind, source.url, source.authority = kind, url, authority
    return source.id


def is_url_stored(session: Session, canonical_url: str) -> bool:
    return session.scalar(select(Article.id).where(Article.canonical_url == canonical_url)) is not None


def save_article(session: Session, record: ArticleRecord, source_id: int) -> SaveResult:
    """Store ``record`` once, in its story: nothing when its canonical URL is stored already; a copy in
    the story that holds the same content or a near-duplicate of it (folding together the stories it
    bridges); else a new story. The story's head is then elected again.

    Idempotent, and safe against concurrent writers: SQLite writers are serialised by BEGIN IMMEDIATE,
    PostgreSQL ones by a transaction-scoped advisory lock taken before the URL is checked, and the
    insert still ignores a canonical-URL conflict instead of failing.
    """
    return save_articles(session, [record], source_id)[0]


def save_articles(session: Session, records: Sequence[ArticleRecord], source_id: int) -> list[SaveResult]:
    """Store ``records`` in order, each as ``save_article`` stores it (the store writer's batch); a
    result per record. At most a few hundred: their URLs are looked up in one query."""
    # Two workers storing two copies of one new story at once must not open two stories: the lock is
    # held from here to the end of the transaction, so the URLs are checked with no other writer's
    # articles coming in between (every writer of articles and stories takes it: storage.restory too).
    serialise(session, STORY_ASSIGNMENT)
    urls = [record.canonical_url for record in records]
    stored = set(session.connection().scalars(_STORED_URLS, {"urls": urls}))
    batch = _Batch(session, source_id)
    results = []
    for record in records:
        if record.canonical_url in stored:  # stored before, or earlier in this batch
            results.append(SaveResult(SaveOutcome.ALREADY_STORED, None, None))
            continue
        results.append(batch.save(without_controls(record)))
        stored.add(record.canonical_url)
    batch.write_indexes()
    return results


class _Batch:
    """The articles of one transaction, stored in order: each one's story found, opened or folded, with
    the articles before it in place. Their search documents and topics, which no later article's story
    depends on, are written together at the end (write_indexes)."""

    def __init__(self, session: Session, source_id: int) -> None:
        self.session = session
        self.source_id = source_id
        self.stories = StoryOpener(session)
        self.documents: list[tuple[int, str, str]] = []
        self.topics: list[dict[str, Any]] = []

    def save(self, record: ArticleRecord) -> SaveResult:
        """Store a record whose URL was not stored."""
        session = self.session
        match = find_story_match(session, record.content_hash, record.near_dup)
        # A copy goes into the oldest of the stories it belongs to, which the others are folded into once
        # it is in (fold_stories); the only copy of a new story heads it: no election needed.
        opened: int | None = None
        if match.story_ids:
            story_id = match.story_ids[0]
        else:
            story_id = opened = self.stories.open(record.title, record.kind, record.event)
        article_id = _insert_article(session, record, self.source_id, story_id, match)
        if article_id is None:
            # Stored meanwhile by a writer that did not take the lock (none of forumwatch's): nothing of
            # this article was written but the story it opened.
            if opened is not None:
                session.connection().execute(_DELETE_STORY, {"story_id": opened})
            return SaveResult(SaveOutcome.ALREADY_STORED, None, None)
        if match.story_ids:
            fold_stories(session, match.story_ids)
        index_near_duplicate(session, article_id, record.near_dup)
        self.documents.append((article_id, record.title, record.text))
        self.topics += [
            {"article_id": article_id, "topic": t.topic, "score": t.score, "evidence": t.evidence}
            for t in unique_topics(record.topics)
        ]
        head_id = elect_head(session, story_id) if match.story_ids else article_id
        return SaveResult(
            SaveOutcome.COPY if match.story_ids else SaveOutcome.NEW_STORY,
            article_id,
            story_id,
            joined_by=match.joined_by,
            folded_story_ids=match.story_ids[1:],
            is_head=head_id == article_id,
        )

    def write_indexes(self) -> None:
        index_articles(self.session, self.documents)
        if self.topics:
            self.session.connection().execute(_INSERT_TOPICS, self.topics)


# Control characters are never stored. The cleaner takes them out of what it extracts; this guard catches
# what a site profile, a feed entry or any other caller brings past it.
# The record's free-text fields. URLs and hashes are keys that lookups recompute from the crawl, so they
# are left alone: a URL reaches here percent-encoded anyway.
_TEXT_FIELDS = ("title", "text", "html", "author", "editor", "outlet", "language", "script", "image_url")


def without_controls(record: ArticleRecord) -> ArticleRecord:
    """``record`` with control characters taken out of its text fields, event and topic evidence."""
    changes: dict[str, Any] = {}
    for name in _TEXT_FIELDS:
        value = getattr(record, name)
        if isinstance(value, str) and (cleaned := strip_controls(value)) != value:
            changes[name] = cleaned
    if record.event is not None:
        changes["event"] = _json_without_controls(record.event)
    if any(topic.evidence for topic in record.topics):
        changes["topics"] = tuple(
            dataclasses.replace(topic, evidence=_json_without_controls(topic.evidence))
            for topic in record.topics
        )
    return dataclasses.replace(record, **changes) if changes else record


def _json_without_controls(value: Any) -> Any:
    # Events and evidence are small JSON documents the matcher builds, a few levels deep.
    if isinstance(value, str):
        return strip_controls(value)
    if isinstance(value, dict):
        return {
            strip_controls(key) if isinstance(key, str) else key: _json_without_controls(item)
            for key, item in value.items()
        }
    if isinstance(value, list | tuple):
        return [_json_without_controls(item) for item in value]
    return value


def unique_topics(topics: tuple[TopicScore, ...]) -> list[TopicScore]:
    by_name: dict[str, TopicScore] = {}
    for topic in topics:
        by_name.setdefault(topic.topic, topic)
    return [by_name[name] for name in sorted(by_name)]


# The statements of storing an article, built once: building one costs more than running it. Inserts run
# on the session's connection: the rows are not needed as ORM objects.
_STORED_URLS = select(Article.canonical_url).where(
    Article.canonical_url.in_(bindparam("urls", expanding=True))
)
_INSERT_ARTICLE = {
    name: dialect_insert(Article)
    .on_conflict_do_nothing(index_elements=["canonical_url"])
    .returning(Article.id)
    for name, dialect_insert in (("postgresql", postgresql.insert), ("sqlite", sqlite.insert))
}
_INSERT_TOPICS = insert(ArticleTopic)
_DELETE_STORY = delete(Story).where(Story.id == bindparam("story_id"))
# ArticleRecord's fields are the article's columns, but for those stored elsewhere or differently.
_ARTICLE_FIELDS = tuple(
    field.name
    for field in dataclasses.fields(ArticleRecord)
    if field.name not in ("source_name", "topics", "near_dup")
)


def _insert_article(
    session: Session, record: ArticleRecord, source_id: int, story_id: int, match: StoryMatch
) -> int | None:
    values = {name: getattr(record, name) for name in _ARTICLE_FIELDS}
    values |= {
        "story_id": story_id,
        "source_id": source_id,
        "is_head": not match.story_ids,  # the head of the story it opens; else elect_head decides
        "joined_by": match.joined_by,
        "resemblance": match.resemblance,
        "minhash": record.near_dup.signature if record.near_dup else None,
        "shingle_count": record.near_dup.shingles if record.near_dup else None,
        "fetched_at": utc_now(),
    }
    connection = session.connection()
    statement = _INSERT_ARTICLE["postgresql" if connection.dialect.name == "postgresql" else "sqlite"]
    article_id: int | None = connection.execute(statement, values).scalar_one_or_none()
    return article_id


@dataclass(frozen=True)
class ArticleView:
    id: int
    story_id: int
    is_head: bool
    source: str
    authority: str
    url: str
    title: str
    published_at: datetime | None
    outlet: str | None
    script: str | None
    topics: tuple[TopicScore, ...]
    joined_by: str
    resemblance: float | None
    kind: str | None

    @property
    def topic_names(self) -> tuple[str, ...]:
        return tuple(t.topic for t in self.topics)


@dataclass(frozen=True)
class StoryView:
    id: int
    title: str
    updated_at: datetime
    topics: tuple[str, ...]
    kind: str | None = None
    event: dict[str, Any] | None = None
    articles: tuple[ArticleView, ...] = field(default=())

    @property
    def head(self) -> ArticleView | None:
        return next((a for a in self.articles if a.is_head), None)


def _view(article: Article) -> ArticleView:
    return ArticleView(
        id=article.id,
        story_id=article.story_id,
        is_head=article.is_head,
        source=article.source.name,
        authority=article.source.authority,
        url=article.url,
        title=article.title,
        published_at=article.published_at,
        outlet=article.outlet,
        script=article.script,
        topics=tuple(TopicScore(t.topic, t.score, t.evidence) for t in article.topics),
        joined_by=article.joined_by,
        resemblance=article.resemblance,
        kind=article.kind,
    )


def list_articles(session: Session, topic: str | None = None) -> list[ArticleView]:
    """Stored articles, newest first; only those that matched ``topic`` when given."""
    query = select(Article).options(selectinload(Article.source), selectinload(Article.topics))
    if topic is not None:
        query = query.where(Article.topics.any(ArticleTopic.topic == topic))
    query = query.order_by(Article.published_at.desc().nulls_last(), Article.id.desc())
    return [_view(article) for article in session.scalars(query)]


def list_stories(
    session: Session, kind: str | None = None, story_ids: Sequence[int] | None = None
) -> list[StoryView]:
    """Stories, most recently changed first, each with its copies (head first); only those of
    ``kind`` (announcement, report, other), or with these ids, when given."""
    query = (
        select(Story)
        .options(
            selectinload(Story.articles).selectinload(Article.source),
            selectinload(Story.articles).selectinload(Article.topics),
        )
        .order_by(Story.updated_at.desc(), Story.id.desc())
    )
    if kind is not None:
        query = query.where(Story.kind == kind)
    if story_ids is not None:
        query = query.where(Story.id.in_(story_ids))
    stories = []
    for story in session.scalars(query):
        copies = sorted((_view(a) for a in story.articles), key=lambda a: (not a.is_head, a.id))
        topics = sorted({name for a in copies for name in a.topic_names})
        stories.append(
            StoryView(
                story.id, story.title, story.updated_at, tuple(topics), story.kind, story.event, tuple(copies)
            )
        )
    return stories


def count_rows(engine: Engine) -> dict[str, int]:
    """Rows per content table: what a repeated crawl must leave unchanged."""
    with Session(engine) as session:
        return {
            "stories": session.scalar(select(func.count()).select_from(Story)) or 0,
            "articles": session.scalar(select(func.count()).select_from(Article)) or 0,
            "article_topics": session.scalar(select(func.count()).select_from(ArticleTopic)) or 0,
            "near_duplicate_keys": session.scalar(select(func.count()).select_from(NearDuplicateKey)) or 0,
            "sources": session.scalar(select(func.count()).select_from(Source)) or 0,
        }


# The JSON forms of stored things, shared by the command line and the review API.
def article_json(article: ArticleView) -> dict[str, Any]:
    return {
        "id": article.id,
        "story_id": article.story_id,
        "is_head": article.is_head,
        "url": article.url,
        "source": article.source,
        "title": article.title,
        "published": article.published_at.isoformat() if article.published_at else None,
        "outlet": article.outlet,
        "script": article.script,
        "authority": article.authority,
        "joined_by": article.joined_by,
        "resemblance": article.resemblance,
        "kind": article.kind,
        "topics": list(article.topic_names),
        "topic_matches": [
            {"topic": t.topic, "score": t.score, "evidence": t.evidence} for t in article.topics
        ],
    }


def story_json(story: StoryView) -> dict[str, Any]:
    return {
        "id": story.id,
        "title": story.title,
        "updated": story.updated_at.isoformat(),
        "topics": list(story.topics),
        "kind": story.kind,
        "event": story.event,
        "head": story.head.id if story.head else None,
        "articles": [article_json(a) for a in story.articles],
    }
