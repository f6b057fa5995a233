"""Recomputing what is derived from stored articles, after the rules that derive it changed.

Two steps, both safe beside a running review page (readers see the store before or after a transaction,
never half of one) and serialised with crawls by the story-assignment lock:

1. :func:`refresh_articles`: a batch of articles gets its new derived fields (content hash, near-duplicate
   fingerprint and band keys, topic matches, event, search document) in one transaction, and loses its
   ``restory_needed`` mark. A run that stops resumes with the articles still marked.
2. :func:`group_stories` reads, outside the write lock, the stories as the "same story" relation (exact
   content or near duplicate) makes them over every stored article, which is what a fresh crawl of the
   same articles gives: the relation is symmetric and stories are its connected components
   (storage.stories). :func:`apply_grouping` then moves the copies in one short write transaction, if
   nothing was stored meanwhile. Stories keep their ids where they can, so that reviews and alerts stay
   attached; stories folded together pass them on as a crawl's folding does; a story split apart keeps
   them with its oldest part.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from dedup.neardup import NearDupFingerprint
from storage.articles import TopicScore, unique_topics
from storage.locks import STORY_ASSIGNMENT, serialise
from storage.models import Article, ArticleTopic, NearDuplicateKey, Story
from storage.outbox import move_story_alerts
from storage.review import move_reviews
from storage.search import index_article
from storage.stories import closest_candidates, elect_head, index_near_duplicate, open_story


@dataclass(frozen=True)
class Derived:
    """What the crawl derives from an article's title and text, computed again."""

    article_id: int
    content_hash: str
    near_dup: NearDupFingerprint | None
    topics: tuple[TopicScore, ...]
    kind: str | None
    event: dict[str, object] | None


def marked_article_ids(session: Session, after: int, limit: int) -> list[int]:
    """The next articles still marked for recomputing, in id order."""
    return list(
        session.scalars(
            select(Article.id)
            .where(Article.restory_needed.is_(True), Article.id > after)
            .order_by(Article.id)
            .limit(limit)
        )
    )


def mark_all(session: Session) -> int:
    """Mark every stored article for recomputing (after a change of topics, say); how many."""
    count = session.scalar(select(func.count()).select_from(Article)) or 0
    session.execute(update(Article).values(restory_needed=True))
    return count


def refresh_articles(session: Session, derived: Iterable[Derived]) -> set[int]:
    """Store the recomputed fields of a batch of articles; the stories whose copies changed."""
    serialise(session, STORY_ASSIGNMENT)
    touched: set[int] = set()
    for item in derived:
        article = session.get_one(Article, item.article_id)
        article.content_hash = item.content_hash
        article.minhash = item.near_dup.signature if item.near_dup else None
        article.shingle_count = item.near_dup.shingles if item.near_dup else None
        article.kind, article.event = item.kind, item.event
        article.restory_needed = False
        session.execute(delete(NearDuplicateKey).where(NearDuplicateKey.article_id == item.article_id))
        index_near_duplicate(session, item.article_id, item.near_dup)
        session.execute(delete(ArticleTopic).where(ArticleTopic.article_id == item.article_id))
        session.add_all(
            ArticleTopic(article_id=item.article_id, topic=t.topic, score=t.score, evidence=t.evidence)
            for t in unique_topics(item.topics)
        )
        index_article(session, item.article_id, article.title, article.text)
        touched.add(article.story_id)
    session.flush()
    for story_id in sorted(touched):  # a copy's kind or event may have changed: the story takes its head's
        elect_head(session, story_id)
    return touched


class _Components:
    """Union-find over article ids."""

    def __init__(self) -> None:
        self.parent: dict[int, int] = {}

    def find(self, item: int) -> int:
        root = self.parent.setdefault(item, item)
        while root != self.parent[root]:
            root = self.parent[root]
        while item != root:  # path compression
            self.parent[item], item = root, self.parent[item]
        return root

    def union(self, a: int, b: int) -> None:
        first, second = sorted((self.find(a), self.find(b)))
        self.parent[second] = first


@dataclass(frozen=True)
class Regrouping:
    stories_before: int
    stories_after: int
    articles_moved: int


@dataclass(frozen=True)
class Grouping:
    """The stories as they should be, read from one snapshot of the store."""

    members: dict[int, list[int]]  # component root -> its article ids, ascending
    old_story: dict[int, int]  # article id -> its story now
    snapshot: tuple[int, int | None, int]  # (articles, largest id, marked): whether the store changed

    def is_current(self, session: Session) -> bool:
        return _snapshot(session) == self.snapshot


def group_stories(session: Session, batch: int = 500) -> Grouping:
    """The connected components of "same story" over every stored article: a read, done outside the
    write lock (it is the long part: two lookups per article)."""
    components = _Components()
    old_story: dict[int, int] = {}
    snapshot = _snapshot(session)
    last_id = 0
    while True:
        rows = session.execute(
            select(Article.id, Article.story_id, Article.content_hash, Article.minhash, Article.shingle_count)
            .where(Article.id > last_id)
            .order_by(Article.id)
            .limit(batch)
        ).all()
        if not rows:
            break
        for article_id, story_id, content, signature, shingles in rows:
            old_story[article_id] = story_id
            components.find(article_id)
            for other in _same_content(session, content):
                components.union(article_id, other)
            if signature is not None and shingles is not None:
                for other in _near_duplicates(session, NearDupFingerprint(signature, shingles)):
                    components.union(article_id, other)
        last_id = rows[-1][0]
    members: dict[int, list[int]] = {}
    for article_id in sorted(old_story):
        members.setdefault(components.find(article_id), []).append(article_id)
    return Grouping(members, old_story, snapshot)


def apply_grouping(session: Session, grouping: Grouping) -> Regrouping | None:
    """Move copies to the stories of ``grouping`` and elect the heads of the stories that changed; None
    (nothing done) when articles were stored or changed since it was read."""
    serialise(session, STORY_ASSIGNMENT)
    if not grouping.is_current(session):
        return None
    return _apply(session, grouping.members, grouping.old_story)


def _snapshot(session: Session) -> tuple[int, int | None, int]:
    count, largest = session.execute(select(func.count(), func.max(Article.id)).select_from(Article)).one()
    marked = session.scalar(select(func.count()).select_from(Article).where(Article.restory_needed.is_(True)))
    return (int(count), largest, int(marked or 0))


def _same_content(session: Session, content: str) -> list[int]:
    return list(session.scalars(select(Article.id).where(Article.content_hash == content)))


def _near_duplicates(session: Session, near_dup: NearDupFingerprint) -> list[int]:
    candidates = closest_candidates(near_dup.band_keys()).scalar_subquery()
    rows = session.execute(
        select(Article.id, Article.minhash, Article.shingle_count).where(Article.id.in_(candidates))
    ).all()
    return [
        article_id
        for article_id, signature, shingles in rows
        if signature is not None
        and shingles is not None
        and near_dup.resemblance(NearDupFingerprint(signature, shingles)).same_story
    ]


def _apply(session: Session, members: dict[int, list[int]], old_story: dict[int, int]) -> Regrouping:
    before = set(old_story.values())
    # Each component keeps the oldest of its copies' stories that no older component took; the stories it
    # absorbs whole pass on their reviews and alerts, as folding does.
    taken: set[int] = set()
    target_of: dict[int, int] = {}
    for root in sorted(members):
        candidates = sorted({old_story[a] for a in members[root]} - taken)
        if candidates:
            target = candidates[0]
        else:
            first = session.get_one(Article, members[root][0])
            target = open_story(session, first.title)
        taken.add(target)
        target_of[root] = target
    moved = 0
    changed: set[int] = set()
    for root, articles in members.items():
        target = target_of[root]
        for article_id in articles:
            if old_story[article_id] != target:
                session.execute(
                    update(Article)
                    .where(Article.id == article_id)
                    .values(story_id=target, is_head=False, joined_by="restory")
                )
                moved += 1
                changed |= {target, old_story[article_id]}
    after = set(target_of.values())
    # Where each old story's copies went: a story that kept none passes its decisions and alerts to the
    # oldest story that took one of them.
    went_to: dict[int, int] = {}
    for root, articles in members.items():
        for article_id in articles:
            old = old_story[article_id]
            went_to[old] = min(went_to.get(old, target_of[root]), target_of[root])
    for gone in sorted(before - after):
        survivor = went_to[gone]
        move_story_alerts(session, [gone], survivor)
        move_reviews(session, [gone], survivor)
        session.delete(session.get_one(Story, gone))
    session.flush()
    for story_id in sorted(changed & after):
        elect_head(session, story_id)
    return Regrouping(len(before), len(after), moved)
