"""Crawl run records: one row per crawl, with its outcome and per-source counts."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from storage.models import CrawlRun, utc_now


def start_run(session: Session) -> int:
    run = CrawlRun(status="running", stats={})
    session.add(run)
    session.flush()
    return run.id


def finish_run(session: Session, run_id: int, status: str, stats: dict[str, Any]) -> None:
    run = session.get_one(CrawlRun, run_id)
    run.status = status
    run.stats = stats
    run.finished_at = utc_now()


def latest_runs(session: Session, limit: int = 10) -> list[CrawlRun]:
    return list(session.scalars(select(CrawlRun).order_by(CrawlRun.id.desc()).limit(limit)))
