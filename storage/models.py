"""SQLAlchemy 2.0 typed models: sources, stories, articles and their topics, the near-duplicate index,
crawl runs, feed state, the alert outbox, source health and the scheduler's lease."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
    false,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

# Stable constraint names, so that Alembic migrations can refer to them on every backend.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UTCDateTime(TypeDecorator[datetime]):
    """A timestamp that is always timezone-aware UTC in Python, whatever the backend stores.

    SQLite has no time zones: values are stored as UTC and given their zone back when read.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError(f"naive datetime {value!r}: forumwatch stores aware UTC timestamps only")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def utc_now() -> datetime:
    return datetime.now(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map: ClassVar[dict[Any, Any]] = {datetime: UTCDateTime, dict[str, Any]: JSON}


class Source(Base):
    """A configured site or feed; rows are created on first crawl and keyed by the config name."""

    __tablename__ = "sources"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    kind: Mapped[str] = mapped_column(String(20))
    url: Mapped[str] = mapped_column(Text)
    # How far its copy of a story is trusted: official, wire, portal or blog (storage.authority).
    authority: Mapped[str] = mapped_column(String(20), default="portal", server_default="portal")
    created_at: Mapped[datetime] = mapped_column(default=utc_now)


class Story(Base):
    """One news story: every copy of it (reprints, wire copies, other scripts) is an article in it.

    Title, kind and event are the head's: the story reads as its most authoritative copy.
    """

    __tablename__ = "stories"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(Text)
    # "announcement" (a forum to come), "report" (held or under way), "other"; None before any reading.
    kind: Mapped[str | None] = mapped_column(String(20))
    event: Mapped[dict[str, Any] | None]
    created_at: Mapped[datetime] = mapped_column(default=utc_now)
    updated_at: Mapped[datetime] = mapped_column(default=utc_now)
    # The review decision (StoryReview.status) kept on the story for the inbox's indexes; None: new.
    review_status: Mapped[str | None] = mapped_column(String(20))

    articles: Mapped[list[Article]] = relationship(back_populates="story", order_by="Article.id")


class Article(Base):
    """One stored copy of a story, as cleaned from one URL."""

    __tablename__ = "articles"
    id: Mapped[int] = mapped_column(primary_key=True)
    story_id: Mapped[int] = mapped_column(ForeignKey("stories.id"), index=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("sources.id"))
    crawl_run_id: Mapped[int | None] = mapped_column(ForeignKey("crawl_runs.id"))
    is_head: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    url: Mapped[str] = mapped_column(Text)
    canonical_url: Mapped[str] = mapped_column(String(2048), unique=True)
    content_hash: Mapped[str] = mapped_column(String(64), index=True)
    title: Mapped[str] = mapped_column(Text)
    text: Mapped[str] = mapped_column(Text)
    html: Mapped[str] = mapped_column(Text, default="")
    author: Mapped[str | None] = mapped_column(Text)
    editor: Mapped[str | None] = mapped_column(Text)
    published_at: Mapped[datetime | None]
    outlet: Mapped[str | None] = mapped_column(Text)
    language: Mapped[str | None] = mapped_column(String(16))
    script: Mapped[str | None] = mapped_column(String(8))
    image_url: Mapped[str | None] = mapped_column(Text)
    extractor: Mapped[str] = mapped_column(String(50), default="")
    fetched_at: Mapped[datetime] = mapped_column(default=utc_now)
    # The near-duplicate fingerprint (dedup.neardup); NULL for texts too short to have one.
    minhash: Mapped[bytes | None] = mapped_column(LargeBinary)
    shingle_count: Mapped[int | None]
    # How the article joined its story: "first" (opened it), "content" (same text), "near-duplicate",
    # "merge" (its story was folded into another) or "restory" (moved when stories were made again); and
    # the resemblance that decided it.
    joined_by: Mapped[str] = mapped_column(String(20), default="first", server_default="first")
    resemblance: Mapped[float | None] = mapped_column(Float)
    kind: Mapped[str | None] = mapped_column(String(20))
    event: Mapped[dict[str, Any] | None]
    # What is derived from the title and text (fingerprints, topic matches, event, search document) was
    # computed by older rules: `forumwatch restory` computes it again (storage.restory).
    restory_needed: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false(), index=True)

    story: Mapped[Story] = relationship(back_populates="articles")
    source: Mapped[Source] = relationship()
    topics: Mapped[list[ArticleTopic]] = relationship(
        cascade="all, delete-orphan", order_by="ArticleTopic.topic"
    )


# A story has exactly one head (the copy people read first): enforced by the database, not by hope.
Index(
    "uq_articles_story_head",
    Article.story_id,
    unique=True,
    sqlite_where=Article.is_head.is_(True),
    postgresql_where=Article.is_head.is_(True),
)


class NearDuplicateKey(Base):
    """The near-duplicate index: one row per band key of an article's MinHash signature.

    Candidates for a new article are the articles sharing one of its band keys: an index probe per
    band, whatever the number of stored articles. SQLite keeps it as one B-tree (WITHOUT ROWID).
    """

    __tablename__ = "near_duplicate_keys"
    __table_args__ = {"sqlite_with_rowid": False}  # noqa: RUF012 (SQLAlchemy's declarative attribute)

    band_key: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    # Indexed on its own too: deleting an article (or cascading to its keys) must not scan the index.
    article_id: Mapped[int] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True, autoincrement=False, index=True
    )


class ArticleTopic(Base):
    """A watched topic an article matched, with its score and the evidence (which alias, where)."""

    __tablename__ = "article_topics"

    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id"), primary_key=True)
    topic: Mapped[str] = mapped_column(String(200), primary_key=True, index=True)
    score: Mapped[float | None] = mapped_column(Float)
    evidence: Mapped[dict[str, Any] | None]


class CrawlRun(Base):
    """One crawl: who started it and why, when it ran, how it ended, and its per-source stats.

    A scheduled run that could not start (missed while the service was down, refused because another
    run still crawled its sources) is a row too: nothing is skipped without a trace.
    """

    __tablename__ = "crawl_runs"

    id: Mapped[int] = mapped_column(primary_key=True)
    started_at: Mapped[datetime] = mapped_column(default=utc_now)
    finished_at: Mapped[datetime | None]
    # running, finished, failed, crashed, timed-out, interrupted, abandoned, refused, missed
    # (storage.runs.RunStatus).
    status: Mapped[str] = mapped_column(String(20), default="running", index=True)
    stats: Mapped[dict[str, Any]] = mapped_column(default=dict)
    # "manual" (forumwatch crawl), "schedule", or "catch-up" (a missed run started late).
    trigger: Mapped[str] = mapped_column(String(20), default="manual", server_default="manual")
    schedule: Mapped[str | None] = mapped_column(String(200))
    scheduled_for: Mapped[datetime | None]
    # The names of the sources the run crawls: overlapping runs are refused by these.
    sources: Mapped[list[str]] = mapped_column(JSON, default=list, server_default="[]")
    # Where the crawl runs, and when it last said it was alive: a run whose process died stays
    # "running" in the table until its heartbeat is found stale.
    host: Mapped[str | None] = mapped_column(String(255))
    pid: Mapped[int | None]
    heartbeat_at: Mapped[datetime | None]
    exit_code: Mapped[int | None]
    error: Mapped[str | None] = mapped_column(Text)
    # When alert rules and health checks were applied to the run (once, after it ended).
    reviewed_at: Mapped[datetime | None]


class Alert(Base):
    """The outbox: one row per alert, written before anything is sent.

    Unique per subject (a story, a source), rule, channel and occasion ("new", "event-changed:<what>",
    "failing-since:<run>"): re-evaluating a run, a story's later copies or a second crawl find the row
    there already and add nothing. A row is claimed (status "sending", claimed_until) before it is sent
    and marked "sent" after; a sender that dies in between leaves the claim to expire, and the retry
    carries the same idempotency key.
    """

    __tablename__ = "alerts"
    __table_args__ = (UniqueConstraint("subject", "rule", "channel", "occasion"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    # "story:<id>", "source:<name>" or "schedule:<name>".
    subject: Mapped[str] = mapped_column(String(300))
    # The story, for story alerts. No foreign key: stories folded into another are deleted, and their
    # alerts are moved to the surviving story or kept as the record of what was sent.
    story_id: Mapped[int | None] = mapped_column(index=True)
    rule: Mapped[str] = mapped_column(String(200))
    channel: Mapped[str] = mapped_column(String(200))
    occasion: Mapped[str] = mapped_column(String(200))
    delivery: Mapped[str] = mapped_column(String(20), default="immediate")
    # Rows with the same digest key go out as one message (a digest rule's stories of one run).
    digest_key: Mapped[str | None] = mapped_column(String(200), index=True)
    run_id: Mapped[int | None]
    # The forum event the alert told people about (topic and year), to notice when it moves.
    event_key: Mapped[str | None] = mapped_column(String(300), index=True)
    # What the alert said: the story's event at the time, health problems...
    payload: Mapped[dict[str, Any]] = mapped_column(default=dict)
    # pending, sending, sent, failed (gave up), merged (its story was folded into an alerted one).
    status: Mapped[str] = mapped_column(String(20), default="pending")
    attempts: Mapped[int] = mapped_column(default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(default=utc_now)
    claimed_until: Mapped[datetime | None]
    last_error: Mapped[str | None] = mapped_column(Text)
    idempotency_key: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utc_now)
    sent_at: Mapped[datetime | None]


# Delivery looks for due rows by status and time.
Index("ix_alerts_status_next_attempt_at", Alert.status, Alert.next_attempt_at)


class SourceHealth(Base):
    """A source's health after its latest run: "ok" or "failing", with the problems found and the run
    the current spell began (one health alert per spell, not one per run)."""

    __tablename__ = "source_health"

    source_id: Mapped[int] = mapped_column(ForeignKey("sources.id"), primary_key=True, autoincrement=False)
    state: Mapped[str] = mapped_column(String(20), default="ok")
    problems: Mapped[list[str]] = mapped_column(JSON, default=list)
    since_run_id: Mapped[int | None]
    checked_run_id: Mapped[int | None]
    updated_at: Mapped[datetime] = mapped_column(default=utc_now)


class Lease(Base):
    """A named lease in the database: the one scheduler allowed to run on it, until ``expires_at``.

    The holder renews it while alive; a holder that dies lets it expire, and the next one takes over.
    """

    __tablename__ = "leases"

    name: Mapped[str] = mapped_column(String(100), primary_key=True)
    holder: Mapped[str] = mapped_column(String(300))
    acquired_at: Mapped[datetime]
    renewed_at: Mapped[datetime]
    expires_at: Mapped[datetime]


class FeedState(Base):
    """What a feed said last time, for conditional GET (ETag / Last-Modified) and health."""

    __tablename__ = "feed_states"

    id: Mapped[int] = mapped_column(primary_key=True)
    feed_url: Mapped[str] = mapped_column(String(2048), unique=True)
    etag: Mapped[str | None] = mapped_column(Text)
    last_modified: Mapped[str | None] = mapped_column(Text)
    last_status: Mapped[int | None] = mapped_column(Integer)
    last_error: Mapped[str | None] = mapped_column(Text)
    checked_at: Mapped[datetime | None]


# The inbox pages through stories newest first: (created_at, id) is its keyset, and a status or a kind
# filter reads its stories in that order from its own index.
Index("ix_stories_created_at_id", Story.created_at, Story.id)
Index("ix_stories_review_status_created_at_id", Story.review_status, Story.created_at, Story.id)
Index("ix_stories_kind_created_at_id", Story.kind, Story.created_at, Story.id)
# "Has this story a copy from that source?": one probe per story for a search filtered by source.
Index("ix_articles_story_id_source_id", Article.story_id, Article.source_id)
# A source's copies newest first: how the inbox finds a source's stories (storage.inbox).
Index("ix_articles_source_id_id", Article.source_id, Article.id)


class StoryReview(Base):
    """Where a person left a story: relevant, dismissed or later, with a note. No row: not reviewed yet.

    Keyed by story; when stories are folded into one, the survivor keeps the weightiest decision.
    """

    __tablename__ = "story_reviews"

    story_id: Mapped[int] = mapped_column(
        ForeignKey("stories.id", ondelete="CASCADE"), primary_key=True, autoincrement=False
    )
    status: Mapped[str] = mapped_column(String(20), index=True)
    note: Mapped[str] = mapped_column(Text, default="")
    reviewer: Mapped[str] = mapped_column(String(200))
    updated_at: Mapped[datetime] = mapped_column(default=utc_now)


class ReviewEvent(Base):
    """Who marked what and when: every review decision and note, in order. Kept when stories are folded
    (moved to the surviving story)."""

    __tablename__ = "review_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    story_id: Mapped[int] = mapped_column(index=True)
    status: Mapped[str | None] = mapped_column(String(20))
    note: Mapped[str | None] = mapped_column(Text)
    reviewer: Mapped[str] = mapped_column(String(200))
    at: Mapped[datetime] = mapped_column(default=utc_now)


class ArticleSearch(Base):
    """An article's search document: its title and text folded for matching (storage.search), one row
    per article, written when the article is stored.

    The trigram index over ``document`` depends on the backend and is not declared here: migration 0005
    creates an FTS5 table (external content: this table) on SQLite, a pg_trgm GIN index on PostgreSQL.
    """

    __tablename__ = "article_search"

    article_id: Mapped[int] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True, autoincrement=False
    )
    document: Mapped[str] = mapped_column(Text)


class SeenUrl(Base):
    """An article page a source downloaded that gave nothing to store: off-topic, empty, gone (404/410),
    or stored already by another source. Crawls skip it until it is due again (storage.seen)."""

    __tablename__ = "seen_urls"
    __table_args__ = (UniqueConstraint("source_id", "canonical_url"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("sources.id", ondelete="CASCADE"))
    canonical_url: Mapped[str] = mapped_column(String(2048))
    outcome: Mapped[str] = mapped_column(String(20))
    # The digest of the topics the page was matched against (storage.seen.topics_version).
    topics_version: Mapped[str] = mapped_column(String(64))
    seen_at: Mapped[datetime] = mapped_column(default=utc_now)
