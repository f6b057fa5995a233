"""The inbox: stories newest first, one row per story with its copies' facts, filtered (status, topic,
source, kind, dates, a search) and paged by keyset; the chart's stories per day; the aliases a story
matched. The web page, `forumwatch review` and the exports read stories through these functions."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

from sqlalchemy import and_, exists, func, or_, select
from sqlalchemy.orm import Session, aliased

from storage.models import (
    Article,
    ArticleTopic,
    Source,
    Story,
    StoryReview,
)
from storage.search import matching_story_condition, newest_matching_article_ids

InboxStatus = Literal["new", "relevant", "dismissed", "later", "all"]


# A search or a source's stories are found by reading their copies newest first, in batches growing up to
# this many articles.
MAX_WALK_BATCH = 4000


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
    what page 1 costs. A search's or a source's stories are found through their copies, newest first
    (_newest_stories_of_copies): a page costs the same at any size of store, but page n costs n pages.
    For every row of a filter, use inbox_rows.
    """
    limit = max(1, min(limit, MAX_PAGE))
    walk = _copies_walk(session, filters)
    conditions = _conditions(session, filters, walked=walk is not None)
    if after is not None:
        when, story_id = decode_cursor(after)
        conditions.append(or_(Story.created_at < when, and_(Story.created_at == when, Story.id < story_id)))
    if walk is None:
        found = _reviewed_stories(session, conditions, limit + 1)
    else:
        newest = _newest_stories_of_copies(session, walk, conditions, limit + 1, filters.since)
        found = _reviewed_stories(session, [Story.id.in_(newest)]) if newest else []
    page, more = found[:limit], len(found) > limit
    last = page[-1][0] if page and more else None
    return InboxPage(_inbox_rows(session, page), encode_cursor(last.created_at, last.id) if last else None)


def inbox_rows(session: Session, filters: InboxFilter, batch: int = MAX_PAGE) -> Iterator[InboxRow]:
    """Every story of ``filters``, newest first, in one pass (for exports). Raises ValueError for an
    empty search query.

    A search's matches are listed once through the trigram index and sorted, rather than walked again
    for every page as inbox's pages would.
    """
    keys = select(Story.id).where(*_conditions(session, filters, walked=False)).order_by(*_NEWEST_FIRST)
    for story_ids in session.execute(keys.execution_options(yield_per=batch)).scalars().partitions():
        yield from _inbox_rows(session, _reviewed_stories(session, [Story.id.in_(story_ids)]))


def _inbox_rows(session: Session, page: Sequence[Reviewed]) -> list[InboxRow]:
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
    return rows


_NEWEST_FIRST = (Story.created_at.desc(), Story.id.desc())


# A story and its review (None: not reviewed yet).
Reviewed = tuple[Story, StoryReview | None]


def _reviewed_stories(
    session: Session, conditions: Sequence[Any], limit: int | None = None
) -> list[Reviewed]:
    query = select(Story, StoryReview).outerjoin(StoryReview, StoryReview.story_id == Story.id)
    query = query.where(*conditions).order_by(*_NEWEST_FIRST).limit(limit)
    return [(story, review) for story, review in session.execute(query)]


# Reads the ids of some copies newest first: (limit, below, floor) -> up to ``limit`` ids, only those
# below ``below`` and at least ``floor`` when given.
CopiesWalk = Callable[[int, int | None, int | None], list[int]]


def _copies_walk(session: Session, filters: InboxFilter) -> CopiesWalk | None:
    """For a filter that only a few stories meet, spread over the years (a search, a source), how to
    read the copies that meet it newest first: the stories are found through their copies (see
    _newest_stories_of_copies). None for the other filters, whose stories the story indexes give in
    order."""
    query, source = filters.query, filters.source
    if query:
        return lambda limit, below, floor: newest_matching_article_ids(session, query, limit, below, floor)
    if source is not None:
        return lambda limit, below, floor: _newest_copies_from(session, source, limit, below, floor)
    return None


def _newest_copies_from(
    session: Session, source: str, limit: int, below: int | None, floor: int | None
) -> list[int]:
    copies = select(Article.id).join(Source, Source.id == Article.source_id).where(Source.name == source)
    if below is not None:
        copies = copies.where(Article.id < below)
    if floor is not None:
        copies = copies.where(Article.id >= floor)
    return list(session.scalars(copies.order_by(Article.id.desc()).limit(limit)))


def _conditions(session: Session, filters: InboxFilter, walked: bool) -> list[Any]:
    """The filter's conditions on a story; ``walked``: but for the one its walk (_copies_walk) meets."""
    conditions: list[Any] = []
    if filters.query and not walked:
        conditions.append(matching_story_condition(filters.query, session.get_bind().dialect.name))
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
    if filters.source is not None and (filters.query or not walked):
        source_id = select(Source.id).where(Source.name == filters.source).scalar_subquery()
        conditions.append(
            exists(select(Article.id).where(Article.story_id == Story.id, Article.source_id == source_id))
        )
    return conditions


def _newest_stories_of_copies(
    session: Session, walk: CopiesWalk, conditions: Sequence[Any], wanted: int, since: datetime | None
) -> list[int]:
    """The ids of the ``wanted`` newest stories that meet ``conditions`` and have a copy ``walk`` reads
    (first seen at or after ``since``, when given).

    Listing every such copy and sorting their stories would cost in proportion to the copies (a common
    word is in a fifth of a million articles). Instead the copies are read newest first, a batch at a
    time, their stories checked against the other conditions, and the walk stops as soon as no copy
    further down can belong to a story newer than the ``wanted``-th found. That rests on how stories
    are stored (storage.stories.open_story): one at a time, each with its first copy, never seen
    earlier than an older story. So a story newer than another has a first copy newer than the other's
    first copy, and once the walk is below a story's first copy, every story with a copy still unread
    is older than it: older than the ``wanted``-th found, or first seen before ``since`` once below the
    first copy of the oldest story seen since then.
    """
    floor: int | None = None
    if since is not None:
        oldest = session.scalar(
            select(Story.id).where(Story.created_at >= since).order_by(Story.created_at, Story.id).limit(1)
        )
        if oldest is None:  # no story since then
            return []
        floor = _first_copy(session, oldest)
    best: list[tuple[datetime, int]] = []  # (first seen, id), newest first
    batch, below = 2 * wanted, None
    while True:
        article_ids = walk(batch, below, floor)
        if article_ids:
            below = article_ids[-1]
            # Aliased: conditions on a story's copies (topic, source) have their own Article to correlate.
            read = aliased(Article)
            stories = (
                select(Story.created_at, Story.id)
                .join(read, read.story_id == Story.id)
                .where(read.id.in_(article_ids), *conditions)
            )
            found = {(first_seen, story_id) for first_seen, story_id in session.execute(stories)}
            best = sorted(found.union(best), reverse=True)[:wanted]
        if len(article_ids) < batch:  # no copy left
            break
        if len(best) == wanted:
            first_copy = _first_copy(session, best[-1][1])
            if first_copy is not None and below is not None and first_copy >= below:
                break
        batch = min(4 * batch, MAX_WALK_BATCH)
    return [story_id for _, story_id in best]


def _first_copy(session: Session, story_id: int) -> int | None:
    return session.scalar(select(func.min(Article.id)).where(Article.story_id == story_id))


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
