"""Reviewing stories: the inbox (newest stories first, filtered, paged by keyset), decisions and notes
with their history. The web page and `forumwatch review` both go through these functions."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal, get_args

from sqlalchemy import and_, exists, func, or_, select
from sqlalchemy.orm import Session

from storage.models import (
    Article,
    ArticleSearch,
    ArticleTopic,
    ReviewEvent,
    Source,
    Story,
    StoryReview,
    utc_now,
)
from storage.search import document_contains_all, matching_article_ids

Decision = Literal["relevant", "dismissed", "later"]
DECISIONS: tuple[str, ...] = get_args(Decision)
InboxStatus = Literal["new", "relevant", "dismissed", "later", "all"]
# A search matching fewer articles than this lists them (the trigram index) and sorts their stories; past
# it, walking the newest stories and checking each one's documents finds a page of matches sooner.
SEARCH_LIST_LIMIT = 2000
# When stories are folded, the survivor keeps the weightiest decision: nobody's "relevant" is lost to
# another copy's "dismissed".
_WEIGHT = {"relevant": 3, "later": 2, "dismissed": 1}
MAX_PAGE = 500


@dataclass(frozen=True)
class InboxFilter:
    status: InboxStatus = "new"
    topic: str | None = None
    source: str | None = None
    kind: str | None = None
    since: datetime | None = None  # first seen at or after
    until: datetime | None = None  # first seen before
    query: str | None = None  # words in a copy's title or text, either script (storage.search)


@dataclass(frozen=True)
class InboxRow:
    """One story in the inbox, however many copies it has."""

    story_id: int
    title: str
    outlet: str | None  # the head's
    copies: int
    outlets: int  # distinct sources among the copies
    topics: tuple[str, ...]
    kind: str | None
    event_start: str | None  # ISO date
    first_seen: datetime
    status: str | None  # None: not reviewed yet
    note: str


def inbox_row_json(row: InboxRow) -> dict[str, Any]:
    return {
        "story_id": row.story_id,
        "title": row.title,
        "outlet": row.outlet,
        "copies": row.copies,
        "outlets": row.outlets,
        "topics": list(row.topics),
        "kind": row.kind,
        "event_start": row.event_start,
        "first_seen": row.first_seen.isoformat(),
        "status": row.status or "new",
        "note": row.note,
    }


@dataclass(frozen=True)
class InboxPage:
    rows: list[InboxRow]
    next_cursor: str | None  # pass as ``after`` for the next page; None on the last page


def encode_cursor(first_seen: datetime, story_id: int) -> str:
    return f"{first_seen.isoformat()}~{story_id}"


def decode_cursor(cursor: str) -> tuple[datetime, int]:
    when, _, story_id = cursor.rpartition("~")
    try:
        return datetime.fromisoformat(when), int(story_id)
    except ValueError:
        raise ValueError(f"not a page cursor: {cursor!r}") from None


def inbox(session: Session, filters: InboxFilter, limit: int = 50, after: str | None = None) -> InboxPage:
    """Stories newest first (by first seen), one row each, ``limit`` at a time. Raises ValueError for a
    bad cursor or an empty search query.

    Paging is by keyset on (created_at, id), an index range whatever the page number: page 2,000 costs
    what page 1 costs.
    """
    limit = max(1, min(limit, MAX_PAGE))
    query = select(Story, StoryReview).outerjoin(StoryReview, StoryReview.story_id == Story.id)
    for condition in _conditions(session, filters):
        query = query.where(condition)
    if after is not None:
        when, story_id = decode_cursor(after)
        query = query.where(or_(Story.created_at < when, and_(Story.created_at == when, Story.id < story_id)))
    query = query.order_by(Story.created_at.desc(), Story.id.desc()).limit(limit + 1)
    found = session.execute(query).all()
    page, more = found[:limit], len(found) > limit
    facts = _copy_facts(session, [story.id for story, _ in page])
    rows = []
    for story, review in page:
        copies, outlets, outlet, topics = facts.get(story.id, (0, 0, None, ()))
        rows.append(
            InboxRow(
                story_id=story.id,
                title=story.title,
                outlet=outlet,
                copies=copies,
                outlets=outlets,
                topics=topics,
                kind=story.kind,
                event_start=(story.event or {}).get("start"),
                first_seen=story.created_at,
                status=review.status if review else None,
                note=review.note if review else "",
            )
        )
    last = page[-1][0] if page and more else None
    return InboxPage(rows, encode_cursor(last.created_at, last.id) if last is not None else None)


def _conditions(session: Session, filters: InboxFilter) -> list[Any]:
    conditions: list[Any] = []
    if filters.query:
        conditions.append(_search_condition(session, filters.query))
    # The story row carries its review status: with (review_status, created_at, id) indexed, a status's
    # stories come newest first from the index, never sorted.
    if filters.status == "new":
        conditions.append(Story.review_status.is_(None))
    elif filters.status != "all":
        conditions.append(Story.review_status == filters.status)
    if filters.kind is not None:
        conditions.append(Story.kind == filters.kind)
    if filters.since is not None:
        conditions.append(Story.created_at >= filters.since)
    if filters.until is not None:
        conditions.append(Story.created_at < filters.until)
    if filters.topic is not None:
        conditions.append(
            exists(
                select(ArticleTopic.article_id)
                .join(Article, Article.id == ArticleTopic.article_id)
                .where(Article.story_id == Story.id, ArticleTopic.topic == filters.topic)
            )
        )
    if filters.source is not None:
        source_id = select(Source.id).where(Source.name == filters.source).scalar_subquery()
        conditions.append(
            exists(select(Article.id).where(Article.story_id == Story.id, Article.source_id == source_id))
        )
    return conditions


def _search_condition(session: Session, query: str) -> Any:
    """Stories with a copy matching ``query``, by the cheaper of two plans: few matches are listed
    through the trigram index; many are checked story by story while walking the newest first."""
    dialect = session.get_bind().dialect.name
    matches = matching_article_ids(query, dialect)
    found = session.scalar(select(func.count()).select_from(matches.limit(SEARCH_LIST_LIMIT).subquery()))
    if (found or 0) < SEARCH_LIST_LIMIT:
        return Story.id.in_(select(Article.story_id).where(Article.id.in_(matches)))
    return exists(
        select(Article.id)
        .join(ArticleSearch, ArticleSearch.article_id == Article.id)
        .where(Article.story_id == Story.id, document_contains_all(query, dialect))
    )


def _copy_facts(
    session: Session, story_ids: Sequence[int]
) -> dict[int, tuple[int, int, str | None, tuple[str, ...]]]:
    """Per story of a page: copies, distinct sources, the head's outlet (or source), topics."""
    if not story_ids:
        return {}
    counts = session.execute(
        select(Article.story_id, func.count(), func.count(func.distinct(Article.source_id)))
        .where(Article.story_id.in_(story_ids))
        .group_by(Article.story_id)
    ).all()
    heads = dict(
        session.execute(
            select(Article.story_id, func.coalesce(Article.outlet, Source.name))
            .join(Source, Source.id == Article.source_id)
            .where(Article.story_id.in_(story_ids), Article.is_head)
        ).all()
    )
    topics: dict[int, set[str]] = {}
    for story_id, topic in session.execute(
        select(Article.story_id, ArticleTopic.topic)
        .join(ArticleTopic, ArticleTopic.article_id == Article.id)
        .where(Article.story_id.in_(story_ids))
    ).all():
        topics.setdefault(story_id, set()).add(topic)
    return {
        story_id: (copies, outlets, heads.get(story_id), tuple(sorted(topics.get(story_id, ()))))
        for story_id, copies, outlets in counts
    }


def mark(
    session: Session,
    story_ids: Iterable[int],
    status: Decision,
    reviewer: str,
    note: str | None = None,
    now: datetime | None = None,
) -> list[int]:
    """Record ``reviewer``'s decision on each story (and the note, when given); returns the ids of the
    stories that exist. The caller commits."""
    if status not in DECISIONS:
        raise ValueError(f"not a review decision: {status!r} (one of {', '.join(DECISIONS)})")
    now = now or utc_now()
    ids = sorted(set(story_ids))
    known = set(session.scalars(select(Story.id).where(Story.id.in_(ids)))) if ids else set()
    for story_id in ids:
        if story_id not in known:
            continue
        review = session.get(StoryReview, story_id)
        if review is None:
            review = StoryReview(story_id=story_id, note="")
            session.add(review)
        review.status, review.reviewer, review.updated_at = status, reviewer, now
        session.get_one(Story, story_id).review_status = status
        if note is not None:
            review.note = note
        session.add(ReviewEvent(story_id=story_id, status=status, note=note, reviewer=reviewer, at=now))
    session.flush()
    return [i for i in ids if i in known]


def set_note(session: Session, story_id: int, note: str, reviewer: str, now: datetime | None = None) -> None:
    """Change a story's note without deciding on it (a story with only a note stays "later")."""
    now = now or utc_now()
    session.get_one(Story, story_id)
    review = session.get(StoryReview, story_id)
    if review is None:
        review = StoryReview(story_id=story_id, status="later")
        session.add(review)
        session.get_one(Story, story_id).review_status = "later"
    review.note, review.reviewer, review.updated_at = note, reviewer, now
    session.add(ReviewEvent(story_id=story_id, status=None, note=note, reviewer=reviewer, at=now))
    session.flush()


def review_of(session: Session, story_id: int) -> StoryReview | None:
    return session.get(StoryReview, story_id)


def history(session: Session, story_id: int) -> list[ReviewEvent]:
    """Who marked what and when, oldest first."""
    query = select(ReviewEvent).where(ReviewEvent.story_id == story_id).order_by(ReviewEvent.id)
    return list(session.scalars(query))


def move_reviews(session: Session, folded: Sequence[int], survivor: int) -> None:
    """Stories ``folded`` were merged into ``survivor``: it keeps the weightiest decision of them all and
    every note, and their history becomes its history."""
    reviews = list(session.scalars(select(StoryReview).where(StoryReview.story_id.in_([survivor, *folded]))))
    if reviews:
        best = max(reviews, key=lambda r: (_WEIGHT.get(r.status, 0), r.updated_at))
        notes = [r.note for r in sorted(reviews, key=lambda r: r.updated_at) if r.note]
        kept = session.get(StoryReview, survivor)
        if kept is None:
            kept = StoryReview(story_id=survivor)
            session.add(kept)
        kept.status, kept.reviewer, kept.updated_at = best.status, best.reviewer, best.updated_at
        kept.note = "\n".join(dict.fromkeys(notes))
        session.get_one(Story, survivor).review_status = best.status
        for review in reviews:
            if review.story_id != survivor:
                session.delete(review)
    moved = select(ReviewEvent).where(ReviewEvent.story_id.in_(list(folded)))
    for event in session.scalars(moved):
        event.story_id = survivor
    session.flush()


@dataclass(frozen=True)
class DailyCount:
    day: str  # ISO date, UTC
    topic: str
    stories: int


def stories_per_day(session: Session, since: datetime) -> list[DailyCount]:
    """New stories per day (first seen, UTC) and topic since ``since``: a story counts once per topic
    however many of its copies matched it."""
    day = (
        func.date(Story.created_at)
        if session.get_bind().dialect.name == "sqlite"
        else func.to_char(func.timezone("UTC", Story.created_at), "YYYY-MM-DD")
    )
    rows = session.execute(
        select(day, ArticleTopic.topic, func.count(func.distinct(Story.id)))
        .join(Article, Article.story_id == Story.id)
        .join(ArticleTopic, ArticleTopic.article_id == Article.id)
        .where(Story.created_at >= since)
        .group_by(day, ArticleTopic.topic)
        .order_by(day)
    ).all()
    return [DailyCount(str(d), topic, count) for d, topic, count in rows]


def matched_aliases(session: Session, story_id: int) -> set[str]:
    """The aliases whose hits made the story's copies match their topics (from the stored evidence)."""
    found: set[str] = set()
    query = (
        select(ArticleTopic.evidence)
        .join(Article, Article.id == ArticleTopic.article_id)
        .where(Article.story_id == story_id)
    )
    for evidence in session.scalars(query):
        for hit in (evidence or {}).get("hits", []):
            if isinstance(hit, dict) and hit.get("alias"):
                found.add(str(hit["alias"]))
    return found
