"""What alerts say about stories: the facts of a story and its head copy, read for the alert rules."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from storage.models import Article, ArticleTopic, Story


@dataclass(frozen=True)
class StoryFacts:
    """A story as an alert tells it: its head copy's title, link, outlet, time and text."""

    story_id: int
    created_at: datetime
    kind: str | None
    event: dict[str, Any] | None
    topics: frozenset[str]
    copies: int
    title: str
    url: str
    outlet: str | None
    published: datetime | None
    text: str
    language: str | None
    script: str | None


def stories_stored_in_run(session: Session, run_id: int) -> list[StoryFacts]:
    """The stories that got a copy in run ``run_id`` (new ones and old ones alike), by id."""
    story_ids = session.scalars(select(Article.story_id).where(Article.crawl_run_id == run_id).distinct())
    return story_facts(session, story_ids)


def story_facts(session: Session, story_ids: Iterable[int]) -> list[StoryFacts]:
    ids = sorted(set(story_ids))
    if not ids:
        return []
    topics: dict[int, set[str]] = {}
    rows = session.execute(
        select(Article.story_id, ArticleTopic.topic)
        .join(ArticleTopic, ArticleTopic.article_id == Article.id)
        .where(Article.story_id.in_(ids))
    )
    for story_id, topic in rows:
        topics.setdefault(story_id, set()).add(topic)
    copies = dict(
        session.execute(
            select(Article.story_id, func.count()).where(Article.story_id.in_(ids)).group_by(Article.story_id)
        ).all()
    )
    heads = session.execute(
        select(Story, Article)
        .join(Article, Article.story_id == Story.id)
        .where(Story.id.in_(ids), Article.is_head)
    )
    return [
        StoryFacts(
            story_id=story.id,
            created_at=story.created_at,
            kind=story.kind,
            event=story.event,
            topics=frozenset(topics.get(story.id, ())),
            copies=copies.get(story.id, 0),
            title=head.title,
            url=head.url,
            outlet=head.outlet,
            published=head.published_at,
            text=head.text,
            language=head.language,
            script=head.script,
        )
        for story, head in heads
    ]
