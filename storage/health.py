"""Source health as last judged: "ok" or "failing", with the problems and the run the spell began."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from storage.models import Source, SourceHealth, utc_now

OK, FAILING = "ok", "failing"


@dataclass(frozen=True)
class HealthChange:
    """What one judgement did to a source's health: the state before and after, and the spell's start."""

    source: str
    before: str
    after: str
    problems: tuple[str, ...]
    since_run_id: int | None

    @property
    def started_failing(self) -> bool:
        return self.before != FAILING and self.after == FAILING

    @property
    def recovered(self) -> bool:
        return self.before == FAILING and self.after == OK


def judge(
    session: Session,
    source_id: int,
    source: str,
    problems: list[str],
    run_id: int,
    now: datetime | None = None,
) -> HealthChange:
    """Record the source's health after ``run_id``: failing when there are problems."""
    health = session.get(SourceHealth, source_id)
    if health is None:
        health = SourceHealth(source_id=source_id, state=OK, problems=[], since_run_id=None)
        session.add(health)
    before = health.state
    after = FAILING if problems else OK
    if after != before:
        health.since_run_id = run_id
    health.state = after
    health.problems = list(problems)
    health.checked_run_id = run_id
    health.updated_at = now or utc_now()
    session.flush()
    return HealthChange(source, before, after, tuple(problems), health.since_run_id)


def all_health(session: Session) -> dict[str, SourceHealth]:
    """Health by source name, for the sources judged at least once."""
    rows = session.execute(
        select(Source.name, SourceHealth).join(SourceHealth, SourceHealth.source_id == Source.id)
    )
    return dict(rows.all())
