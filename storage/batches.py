"""Storing articles a batch at a time: one transaction for many (storage.articles.save_articles), each
article as ``save_article`` stores it (its canonical URL checked and its story assigned under the lock)."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence

from sqlalchemy import Engine
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from storage.articles import ArticleRecord, SaveResult, save_articles
from storage.failures import first_line, in_transaction, is_fatal

logger = logging.getLogger(__name__)

# What became of one article of a batch: stored (or found stored), or the error that kept it out.
BatchOutcome = SaveResult | Exception


def save_batch(engine: Engine, records: Sequence[ArticleRecord], source_id: int) -> list[BatchOutcome]:
    """Store ``records`` in one transaction, in order; an outcome per record, in the same order.

    When that transaction fails, each record is stored again in a transaction of its own, so that one
    bad article loses only itself. A failure every later write would repeat (storage/failures.py) is
    not tried article by article: it is every record's outcome, and the caller stops writing."""
    try:
        return list(in_transaction(engine, _saving(records, source_id), f"storing {len(records)} articles"))
    except Exception as error:  # a bug in one article's data must not lose the batch either
        # A connection lost even on the last try is still worth the articles' own tries: a batch holds
        # its transaction longer than one article, and a server dropping connections often enough
        # (a pooler, a restart) can outlast the batch's tries where short transactions get through.
        if len(records) == 1 or (is_fatal(error) and not _is_lost_connection(error)):
            return [error] * len(records)
        logger.warning("a batch of %d articles failed, storing them one by one: %s", len(records), error)
    outcomes: list[BatchOutcome] = []
    fatal: Exception | None = None
    for record in records:
        outcome = fatal or _save_alone(engine, record, source_id)
        if isinstance(outcome, Exception) and is_fatal(outcome):
            fatal = outcome  # the rest would fail alike: not tried
        outcomes.append(outcome)
    return outcomes


def _saving(records: Sequence[ArticleRecord], source_id: int) -> Callable[[Session], list[BatchOutcome]]:
    def work(session: Session) -> list[BatchOutcome]:
        return list(save_articles(session, records, source_id))

    return work


def _save_alone(engine: Engine, record: ArticleRecord, source_id: int) -> BatchOutcome:
    try:
        return in_transaction(engine, _saving([record], source_id), f"storing {record.url}")[0]
    except Exception as error:
        logger.debug("%s not stored: %s", record.url, first_line(error))
        return error


def _is_lost_connection(error: Exception) -> bool:
    return isinstance(error, DBAPIError) and error.connection_invalidated
