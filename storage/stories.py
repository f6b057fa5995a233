"""Putting an article into its story: finding the stories it copies, folding them into one, and
electing the story's head.

Every rule here is symmetric in the two articles it compares, and a new article that resembles articles
of several stories folds those stories into one. The stories are therefore the connected components of
the "same story" relation, whatever order the copies arrive in, and the head is the minimum of a total
order over the copies: the same stories with the same heads for any crawl order.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Row, bindparam, func, insert, null, select, update
from sqlalchemy.orm import Session

from dedup.neardup import NearDupFingerprint
from storage.authority import authority_rank
from storage.models import Article, NearDuplicateKey, Source, Story, utc_now
from storage.outbox import move_story_alerts
from storage.review import move_reviews

# A lookup that returns more candidates than this has hit a template shared by many articles (a daily
# market report, a weather bulletin); the closest ones by band-key hits are checked, not all of them.
MAX_CANDIDATES = 200


@dataclass(frozen=True)
class StoryMatch:
    """The stories a new article belongs to, and how that was decided."""

    story_ids: tuple[int, ...]  # ascending; empty when the article opens a story of its own
    joined_by: str  # "first", "content" or "near-duplicate"
    resemblance: float | None = None  # the best estimated Jaccard similarity, for near-duplicates


# The statements of storing an article, built once: building one costs more than running it. They run
# on the session's connection: Core rows, no ORM objects to make (storage.articles).
_SAME_CONTENT = select(Article.story_id).where(Article.content_hash == bindparam("content_hash"))
_NEAR_DUPLICATE_CANDIDATES = select(Article.story_id, Article.minhash, Article.shingle_count).where(
    Article.id.in_(
        select(NearDuplicateKey.article_id)
        .where(NearDuplicateKey.band_key.in_(bindparam("band_keys", expanding=True)))
        .group_by(NearDuplicateKey.article_id)
        .order_by(func.count().desc(), NearDuplicateKey.article_id)
        .limit(MAX_CANDIDATES)
        .scalar_subquery()
    )
)
_INSERT_BAND_KEYS = insert(NearDuplicateKey)
_LATEST_STORY = select(func.max(Story.created_at))
_INSERT_STORY = insert(Story).returning(Story.id)
_COPIES = (
    select(
        Article.id, Article.published_at, Article.canonical_url, Article.is_head, Article.title,
        Article.kind, Article.event, Source.authority,
    )
    .join(Source)
    .where(Article.story_id == bindparam("story_id"))
)  # fmt: skip


def find_story_match(session: Session, content_hash: str, near_dup: NearDupFingerprint | None) -> StoryMatch:
    """The stories holding an exact copy of the content or a near-duplicate of it."""
    exact = set(session.connection().scalars(_SAME_CONTENT, {"content_hash": content_hash}))
    if near_dup is None:
        return StoryMatch(tuple(sorted(exact)), "content") if exact else StoryMatch((), "first")
    near, best = _near_duplicate_stories(session, near_dup)
    stories = tuple(sorted(exact | near))
    if not stories:
        return StoryMatch((), "first")
    return StoryMatch(stories, "content" if exact else "near-duplicate", best if not exact else None)


def _near_duplicate_stories(session: Session, near_dup: NearDupFingerprint) -> tuple[set[int], float | None]:
    rows = session.connection().execute(_NEAR_DUPLICATE_CANDIDATES, {"band_keys": near_dup.band_keys()}).all()
    candidates = [(story_id, NearDupFingerprint(signature, shingles)) for story_id, signature, shingles in rows
                  if signature is not None and shingles is not None]  # fmt: skip
    stories: set[int] = set()
    best: float | None = None
    resemblances = near_dup.resemblances([fingerprint for _, fingerprint in candidates])
    for (story_id, _), resemblance in zip(candidates, resemblances, strict=True):
        if resemblance.same_story:
            stories.add(story_id)
            best = max(best or 0.0, resemblance.jaccard)
    return stories, best


def index_near_duplicate(session: Session, article_id: int, near_dup: NearDupFingerprint | None) -> None:
    if near_dup is not None:
        session.connection().execute(
            _INSERT_BAND_KEYS, [{"band_key": key, "article_id": article_id} for key in near_dup.band_keys()]
        )


def open_story(
    session: Session, title: str, kind: str | None = None, event: dict[str, Any] | None = None
) -> int:
    """A new story for an article that copies none stored; returns its id. Called under the
    story-assignment lock (storage.locks), with the article stored right after it in the same
    transaction. Its title, kind and event are its first copy's, which heads it (elect_head).

    Stories are therefore stored one at a time, each with its first copy, and its first-seen time is
    kept from running behind an older story's (a clock stepped back): the newer of two stories has both
    the larger id and the later first-seen time, and its first copy has the larger id. The inbox's
    search relies on this to stop walking matches early (storage.inbox).
    """
    connection = session.connection()
    now = utc_now()
    latest = connection.scalar(_LATEST_STORY)  # under the lock: every story older than this one
    first_seen = max(now, latest) if latest is not None else now
    values = {
        "title": title,
        "kind": kind,
        # SQL NULL for no event, as the ORM leaves it (a None parameter would be stored as JSON null).
        "event": null() if event is None else event,
        "created_at": first_seen,
        "updated_at": first_seen,  # never before it was created
    }
    story_id: int = connection.execute(_INSERT_STORY, values).scalar_one()
    return story_id


def fold_stories(session: Session, story_ids: tuple[int, ...]) -> int:
    """Fold the given stories into the oldest one (the smallest id) and return its id."""
    target, *others = story_ids
    if others:
        session.execute(
            update(Article)
            .where(Article.story_id.in_(others))
            .values(story_id=target, is_head=False, joined_by="merge")
        )
        # Alerts and reviews follow the copies: the merged story is never alerted twice, and what people
        # decided about either story stays decided.
        move_story_alerts(session, others, target)
        move_reviews(session, others, target)
        for story_id in others:
            session.delete(session.get_one(Story, story_id))
        session.flush()
    return target


def _head_order(copy: Row[Any]) -> tuple[int, bool, datetime | None, str]:
    # Most authoritative tier first; then the earliest publication (undated copies last); then the
    # canonical URL, so that the order is total and the head never depends on arrival order.
    published = copy.published_at
    return (authority_rank(copy.authority), published is None, published, copy.canonical_url)


def elect_head(session: Session, story_id: int) -> int:
    """Make the most authoritative copy the story's head, and give the story its title, kind and event;
    returns the head's id."""
    session.flush()  # the copies as the session has them
    # Only what the election and the story need: a story's copies' texts and HTML stay on disk.
    head = min(session.connection().execute(_COPIES, {"story_id": story_id}), key=_head_order)
    # Clear first: the database allows one head per story at any moment, not only at commit. Through the
    # ORM, so that copies the session holds (storage.restory's) see their new is_head.
    session.execute(
        update(Article)
        .where(Article.story_id == story_id, Article.is_head.is_(True), Article.id != head.id)
        .values(is_head=False)
    )
    if not head.is_head:
        session.execute(update(Article).where(Article.id == head.id).values(is_head=True))
    story = session.get_one(Story, story_id)
    story.title, story.kind, story.event = head.title, head.kind, head.event
    story.updated_at = utc_now()
    session.flush()
    return int(head.id)
