"""One crawl of the configured sources, recorded as a crawl run: what `forumwatch crawl` does."""

from __future__ import annotations

import functools
import logging
import sys
import time
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import TextIO

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from crawler.runner import CrawlReport, run_crawl
from forumwatch.config import Config
from forumwatch.crawling import settings_of, sources_of
from forumwatch.tables import render_table
from forumwatch.terminal import EscapingFormatter
from storage.articles import ensure_source
from storage.engine import open_database
from storage.failures import in_transaction
from storage.runs import (
    SUMMARY_COLUMNS,
    OverlappingRunError,
    RunStart,
    RunStatus,
    SourceCounts,
    adopt_run,
    finish_run,
    heartbeat,
    start_run,
)


@dataclass(frozen=True)
class CrawlResult:
    run_id: int
    counts: dict[str, SourceCounts]
    status: RunStatus  # as recorded: finished, interrupted or failed
    error: str | None = None


def outcome_of(report: CrawlReport) -> tuple[RunStatus, str | None]:
    """The status a crawl's run records, and why when it is not "finished".

    The database failing wins over a signal (its stop looks like one); a crawl in which every request
    failed and nothing was read (no page, no entry, no "not modified") failed, whatever it counted."""
    if report.storage_failure is not None:
        return "failed", f"the database stopped taking writes: {report.storage_failure}"
    if report.failure is not None:
        return "failed", report.failure
    if report.interrupted:
        return "interrupted", "stopped by a signal before every source was crawled"
    counts = report.counts.values()
    errors = sum(c.errors for c in counts)
    read = sum(c.fetched + c.skipped + c.feed_not_modified for c in counts)
    if errors and not read:
        return "failed", f"every request failed ({errors} errors, nothing read)"
    return "finished", None


def crawl_once(
    config: Config,
    progress_stream: TextIO | None = None,
    log_level: int = logging.WARNING,
    only_sources: Collection[str] | None = None,
    run_id: int | None = None,
) -> CrawlResult:
    """Crawl the enabled sources (or ``only_sources``) once, recorded as a run whatever happens.

    ``run_id``: the run the scheduler opened for this crawl (it watches the process and records a crash);
    without it the crawl opens its own run, refused (OverlappingRunError) while another live run crawls
    one of the same sources.
    """
    engine = open_database(config.database.url)
    sources = [s for s in config.enabled_sources if only_sources is None or s.name in only_sources]
    with Session(engine) as session, session.begin():
        source_ids = {
            s.name: ensure_source(session, s.name, s.kind, s.entry_url, s.authority) for s in sources
        }
        if run_id is None:
            run_id = start_run(session, RunStart(sources=[s.name for s in sources]))
        else:
            adopt_run(session, run_id)
    progress = ProgressLine(progress_stream) if progress_stream is not None else None
    counts: dict[str, SourceCounts] = {}
    status: RunStatus = "failed"
    error = None
    beat = functools.partial(_heartbeat, engine, run_id)
    try:
        if config.cluster is not None:
            from forumwatch.cluster import crawl_through_cluster  # Redis only where workers crawl

            report = crawl_through_cluster(config, engine, run_id, list(source_ids), progress, beat)
        else:
            report = run_crawl(
                settings_of(config, run_id),
                sources_of(config, only=source_ids),
                source_ids,
                progress=progress,
                log_level=log_level,
                heartbeat=beat,
                log_formatter=EscapingFormatter,  # log lines quote titles, URLs and servers' errors
            )
        counts = report.counts
        status, error = outcome_of(report)
    except KeyboardInterrupt:
        status = "interrupted"
        raise
    except OverlappingRunError as overlap:  # the crawl workers are busy with another run
        status, error = "refused", str(overlap)
        raise
    except Exception as failure:
        error = f"{type(failure).__name__}: {failure}"
        raise
    finally:
        if progress is not None:
            progress.close()
        # The run's end is what tells what happened: a connection lost meanwhile must not lose it.
        in_transaction(
            engine,
            lambda session: finish_run(
                session,
                run_id,
                status,
                {"sources": {name: c.to_json() for name, c in counts.items()}},
                error=error,
            ),
            f"recording the end of run {run_id}",
        )
    return CrawlResult(run_id, counts, status, error)


def _heartbeat(engine: Engine, run_id: int) -> None:
    in_transaction(engine, lambda session: heartbeat(session, run_id), f"recording run {run_id}'s heartbeat")


class ProgressLine:
    """One line on stderr that says how far the crawl is; rewritten in place on a terminal."""

    # Without a terminal (CI logs, cron mail) a line every few seconds is enough.
    PLAIN_INTERVAL_SECONDS = 5.0

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.in_place = stream.isatty()
        self._last_plain = 0.0
        self._written = False

    def __call__(self, counts: Mapping[str, SourceCounts]) -> None:
        totals = {column: sum(c.column(column) for c in counts.values()) for column in SUMMARY_COLUMNS}
        text = f"crawling {len(counts)} sources: " + ", ".join(
            f"{value} {column}" for column, value in totals.items()
        )
        if self.in_place:
            self.stream.write("\r\033[K" + text)
            self._written = True
        elif time.monotonic() - self._last_plain >= self.PLAIN_INTERVAL_SECONDS:
            self.stream.write(text + "\n")
            self._last_plain = time.monotonic()
        self.stream.flush()

    def close(self) -> None:
        if self._written:
            self.stream.write("\r\033[K")
            self.stream.flush()


def summary_table(counts: Mapping[str, SourceCounts]) -> str:
    columns = list(SUMMARY_COLUMNS)
    rows: list[list[object]] = [[name, *(c.column(col) for col in columns)] for name, c in counts.items()]
    rows.append(["total", *(sum(c.column(col) for c in counts.values()) for col in columns)])
    return render_table(["source", *columns], rows)


def stopped_early_lines(counts: Mapping[str, SourceCounts]) -> list[str]:
    """A line for each source its budget stopped: the table's figures are of a crawl cut short."""
    return [f"{name}: stopped early: {c.stopped_early}" for name, c in counts.items() if c.stopped_early]


def default_progress_stream() -> TextIO:
    return sys.stderr
