"""What happens after a crawl: alert rules on its stories, health checks on its sources, then delivery.

Each ended run is reviewed once (``reviewed_at``); a service that died before reviewing a run reviews it
at its next start. Rules with immediate delivery are also applied while a run is still crawling, so that
an announcement reaches people as soon as it is stored.
"""

from __future__ import annotations

import logging

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from alerts.health import check_run
from alerts.rules import evaluate_run
from alerts.settings import AlertSettings
from storage.models import CrawlRun
from storage.runs import live_runs, mark_reviewed, runs_to_review

logger = logging.getLogger(__name__)


def review_ended_runs(engine: Engine, alerts: AlertSettings) -> list[int]:
    """Apply alert rules (all deliveries) and health checks to every ended run not reviewed yet."""
    reviewed = []
    with Session(engine) as session:
        for run in runs_to_review(session):
            added = evaluate_run(session, alerts, run)
            changes = check_run(session, alerts.health, run)
            mark_reviewed(session, run.id)
            session.commit()
            failing = [c.source for c in changes if c.after == "failing"]
            logger.info(
                "run %s (%s) reviewed: %d alerts queued; failing sources: %s",
                run.id, run.status, added, ", ".join(failing) or "none",
            )  # fmt: skip
            reviewed.append(run.id)
    return reviewed


def evaluate_running_runs(engine: Engine, alerts: AlertSettings) -> int:
    """Apply the immediate rules to the stories stored so far by runs still crawling."""
    if not any(rule.delivery == "immediate" for rule in alerts.rules):
        return 0
    added = 0
    with Session(engine) as session:
        for run in live_runs(session):
            added += evaluate_run(session, alerts, run, deliveries=("immediate",))
        session.commit()
    return added


def review_run(engine: Engine, alerts: AlertSettings, run_id: int) -> None:
    """Review one ended run now (what `forumwatch crawl` does at its end), if not reviewed yet."""
    with Session(engine) as session:
        run = session.get_one(CrawlRun, run_id)
        if run.reviewed_at is not None or run.status == "running":
            return
        evaluate_run(session, alerts, run)
        check_run(session, alerts.health, run)
        mark_reviewed(session, run.id)
        session.commit()
