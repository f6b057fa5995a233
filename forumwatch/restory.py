"""`forumwatch restory`: bring stored articles in line with today's rules (normalisation, topics, events).

Articles are marked when the rules change (a migration marks them all when folding or fingerprints
change; ``--all`` marks them after a change of topics or source authority). Each batch of marked articles
gets its fingerprints, topic matches, event and search document computed again, exactly as a crawl
derives them (crawler.derived), and is unmarked in the same transaction: a stopped run resumes where it
stopped. Then the stories are made again from the new fingerprints and every story's head is elected
again (storage.restory). The review page may stay open meanwhile; crawls wait for each transaction.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Engine, Row, func, select
from sqlalchemy.orm import Session

from crawler.derived import derive
from crawler.topics import Topic, TopicMatcher
from storage import restory
from storage.models import Article

BATCH = 200

Progress = Callable[[int, int], None]  # (articles done, articles marked at the start)


@dataclass(frozen=True)
class RestoryReport:
    articles: int
    stories_before: int
    stories_after: int
    articles_moved: int

    def describe(self) -> str:
        return (
            f"{self.articles} articles recomputed; stories {self.stories_before} -> {self.stories_after}, "
            f"{self.articles_moved} copies moved"
        )


def run_restory(
    engine: Engine,
    topics: list[Topic],
    *,
    mark_all: bool = False,
    batch: int = BATCH,
    progress: Progress | None = None,
) -> RestoryReport:
    matcher = TopicMatcher(topics)
    with Session(engine) as session, session.begin():
        if mark_all:
            restory.mark_all(session)
        total = session.scalar(select(func.count()).select_from(Article).where(Article.restory_needed)) or 0
    done, last_id = 0, 0
    while True:
        with Session(engine) as session, session.begin():
            ids = restory.marked_article_ids(session, last_id, batch)
            if not ids:
                break
            rows = session.execute(
                select(Article.id, Article.title, Article.text, Article.published_at, Article.language)
                .where(Article.id.in_(ids))
                .order_by(Article.id)
            ).all()
            restory.refresh_articles(session, [_derived(row, matcher) for row in rows])
        done, last_id = done + len(ids), ids[-1]
        if progress is not None:
            progress(done, total)
    with Session(engine) as session, session.begin():
        # Every head again: a copy's kind or event may have changed in a run that stopped half-way.
        regrouping = restory.regroup_stories(session, restory.all_story_ids(session))
    return RestoryReport(done, regrouping.stories_before, regrouping.stories_after, regrouping.articles_moved)


def _derived(row: Row[int, str, str, datetime | None, str | None], matcher: TopicMatcher) -> restory.Derived:
    article_id, title, text, published, language = row
    fields = derive(title, text, published, language, matcher)
    return restory.Derived(
        article_id, fields.content_hash, fields.near_dup, fields.topics, fields.kind, fields.event
    )
