"""`forumwatch restory`: bring stored articles in line with today's rules (normalisation, topics, events).

Articles are marked when the rules change (a migration marks them all when folding or fingerprints
change; ``--all`` marks them after a change of topics or source authority). Each batch of marked articles
gets its fingerprints, topic matches, event and search document computed again, exactly as a crawl
derives them (crawler.derived), its stories' heads elected again, and is unmarked in the same
transaction: a stopped run resumes where it stopped. Then the stories are made again from the new
fingerprints (storage.restory). The review page may stay open meanwhile: every write is a short transaction.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Engine, Row, func, select
from sqlalchemy.orm import Session

from crawler.derived import derive
from crawler.topics import Topic, TopicMatcher
from forumwatch.terminal import command_name
from storage import restory
from storage.engine import make_engine
from storage.models import Article

BATCH = 200
REGROUP_ATTEMPTS = 3


class RestoryError(Exception):
    """Restory could not finish; the message says why and what to do."""


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
    # The long read runs without the write lock (on SQLite a plain BEGIN: a snapshot, writers go on); the
    # moves are one short write, done only if nothing was stored meanwhile, else read again.
    reader = make_engine(engine.url.render_as_string(hide_password=False))
    try:
        for _attempt in range(REGROUP_ATTEMPTS):
            with Session(reader) as session, session.begin():
                grouping = restory.group_stories(session)
            with Session(engine) as session, session.begin():
                regrouping = restory.apply_grouping(session, grouping)
            if regrouping is not None:
                return RestoryReport(
                    done, regrouping.stories_before, regrouping.stories_after, regrouping.articles_moved
                )
    finally:
        reader.dispose()
    raise RestoryError(
        f"articles kept arriving while the stories were being read ({REGROUP_ATTEMPTS} times): "
        f"run `{command_name()} restory` again when no crawl is running"
    )


def _derived(row: Row[int, str, str, datetime | None, str | None], matcher: TopicMatcher) -> restory.Derived:
    article_id, title, text, published, language = row
    fields = derive(title, text, published, language, matcher)
    return restory.Derived(
        article_id, fields.content_hash, fields.near_dup, fields.topics, fields.kind, fields.event
    )
