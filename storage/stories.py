"""Putting an article into its story: finding the stories it copies, folding them into one, and
electing the story's head.

Every rule here is symmetric in the two articles it compares, and a new article that resembles articles
of several stories folds those stories into one. The stories are therefore the connected components of
the "same story" relation, whatever order the copies arrive in, and the head is the minimum of a total
order over the copies: the same stories with the same heads for any crawl order.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import (
    CompoundSelect,
    Row,
    Select,
    bindparam,
    false,
    func,
    insert,
    null,
    select,
    true,
    union_all,
    update,
)
from sqlalchemy.orm import Session

from dedup.neardup import BANDS, NearDupFingerprint
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
# A fingerprint has BANDS band keys, each a parameter of its own: a list parameter ("expanding") would
# have its SQL written anew at every lookup.
_BAND_KEY_PARAMETERS = tuple(f"band_key_{band}" for band in range(BANDS))


def closest_candidates(band_keys: Sequence[Any]) -> Select[int]:
    """The ids of the articles indexed under any of these band keys (values or bound parameters): the
    MAX_CANDIDATES sharing the most keys, then the oldest. Storing an article and restory check the same."""
    return (
        select(NearDuplicateKey.article_id)
        .where(NearDuplicateKey.band_key.in_(band_keys))
        .group_by(NearDuplicateKey.article_id)
        .order_by(func.count().desc(), NearDuplicateKey.article_id)
        .limit(MAX_CANDIDATES)
    )


_NEAR_DUPLICATE_CANDIDATES = select(
    Article.story_id, false().label("exact"), Article.minhash, Article.shingle_count
).where(
    Article.id.in_(closest_candidates([bindparam(name) for name in _BAND_KEY_PARAMETERS]).scalar_subquery())
)
# An article with a fingerprint: its near-duplicate candidates and the stories of its exact copies, in one
# statement (the copies marked exact).
_CANDIDATES: CompoundSelect[int, bool, bytes | None, int | None] = union_all(
    _NEAR_DUPLICATE_CANDIDATES,
    select(Article.story_id, true(), null(), null()).where(Article.content_hash == bindparam("content_hash")),
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
_SHOWN = select(Story.title, Story.kind, Story.event).where(Story.id == bindparam("story_id"))
_SET_HEAD = update(Article).where(Article.id == bindparam("article_id")).values(is_head=bindparam("head"))
# Its SET clause is the columns given with the statement: those that change.
_UPDATE_STORY = update(Story).where(Story.id == bindparam("story_id"))


def find_story_match(session: Session, content_hash: str, near_dup: NearDupFingerprint | None) -> StoryMatch:
    """The stories holding an exact copy of the content or a near-duplicate of it."""
    connection = session.connection()
    if near_dup is None:
        exact = set(connection.scalars(_SAME_CONTENT, {"content_hash": content_hash}))
        return StoryMatch(tuple(sorted(exact)), "content") if exact else StoryMatch((), "first")
    parameters: dict[str, int | str] = dict(zip(_BAND_KEY_PARAMETERS, near_dup.band_keys(), strict=True))
    parameters["content_hash"] = content_hash
    exact = set()
    story_ids, signatures, shingle_counts = [], [], []
    for story_id, is_exact, signature, shingles in connection.execute(_CANDIDATES, parameters):
        if is_exact:
            exact.add(story_id)
        elif signature is not None and shingles is not None:
            story_ids.append(story_id)
            signatures.append(signature)
            shingle_counts.append(shingles)
    jaccards = near_dup.same_story_jaccards(signatures, shingle_counts)
    near = {story_id for story_id, jaccard in zip(story_ids, jaccards, strict=True) if jaccard is not None}
    stories = tuple(sorted(exact | near))
    if not stories:
        return StoryMatch((), "first")
    if exact:
        return StoryMatch(stories, "content")
    return StoryMatch(stories, "near-duplicate", max(jaccard for jaccard in jaccards if jaccard is not None))


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
    return StoryOpener(session).open(title, kind, event)


class StoryOpener:
    """Opens the stories of one transaction (open_story), reading the latest story's first-seen time
    once: under the story-assignment lock no other writer opens one, so after that the latest is the
    last this transaction opened. (One it opened and then folded away still counts: a later story's
    first-seen time is never before it either.)"""

    def __init__(self, session: Session) -> None:
        self.session = session
        self._latest: datetime | None = None
        self._latest_read = False

    def open(self, title: str, kind: str | None = None, event: dict[str, Any] | None = None) -> int:
        connection = self.session.connection()
        if not self._latest_read:
            self._latest = connection.scalar(_LATEST_STORY)  # under the lock: every story older than ours
            self._latest_read = True
        now = utc_now()
        first_seen = max(now, self._latest) if self._latest is not None else now
        values = {
            "title": title,
            "kind": kind,
            # SQL NULL for no event, as the ORM leaves it (a None parameter would be stored as JSON null).
            "event": null() if event is None else event,
            "created_at": first_seen,
            "updated_at": first_seen,  # never before it was created
        }
        story_id: int = connection.execute(_INSERT_STORY, values).scalar_one()
        self._latest = first_seen
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
    connection = session.connection()
    # Only what the election and the story need: a story's copies' texts and HTML stay on disk.
    copies = connection.execute(_COPIES, {"story_id": story_id}).all()
    head = min(copies, key=_head_order)
    # Clear first: the database allows one head per story at any moment, not only at commit.
    demoted = [copy.id for copy in copies if copy.is_head and copy.id != head.id]
    if demoted:
        connection.execute(_SET_HEAD, [{"article_id": article_id, "head": False} for article_id in demoted])
    if not head.is_head:
        connection.execute(_SET_HEAD, {"article_id": head.id, "head": True})
    # The story's title, kind and event where they change (no event stays as it is stored, SQL NULL or
    # JSON null, as the ORM left it), and always the time it changed.
    shown = connection.execute(_SHOWN, {"story_id": story_id}).one()
    heads = {"title": head.title, "kind": head.kind, "event": head.event}
    changes = {name: value for name, value in heads.items() if value != getattr(shown, name)}
    connection.execute(_UPDATE_STORY, {"story_id": story_id, **changes, "updated_at": utc_now()})
    # The rows changed beside the session: copies of them it holds (storage.restory's) read them again.
    _expire(session, Article, [*demoted, head.id], ["is_head"])
    _expire(session, Story, [story_id], ["title", "kind", "event", "updated_at"])
    return int(head.id)


def _expire(
    session: Session, model: type[Article] | type[Story], ids: list[int], attributes: list[str]
) -> None:
    for row_id in ids:
        held = session.identity_map.get(session.identity_key(model, row_id))
        if held is not None:
            session.expire(held, attributes)
