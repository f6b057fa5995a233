"""What `forumwatch runs` and `forumwatch status` print: run records, source health, next runs."""

from __future__ import annotations

from datetime import datetime, tzinfo
from typing import Any

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from forumwatch.config import Config
from forumwatch.scheduling import display_zone, schedules_of
from forumwatch.tables import render_table, truncate
from forumwatch.terminal import command_name, printable, style
from review.render import zone_label
from scheduler.service import LEASE_NAME, next_fire_time, stored_next_runs
from scheduler.timezones import local_zone
from storage import leases
from storage.health import FAILING, all_health
from storage.models import Article, CrawlRun, utc_now
from storage.outbox import outbox_counts
from storage.runs import latest_runs

PROBLEM_COLUMNS = 70


def _when(value: datetime | None, zone: tzinfo | None) -> str:
    return value.astimezone(zone).strftime("%Y-%m-%d %H:%M") if value else "-"


def _zone_label(zone: tzinfo | None) -> str:
    return zone_label(zone or local_zone())


def _totals(run: CrawlRun) -> dict[str, int]:
    sources = (run.stats or {}).get("sources", {})
    keys = ("fetched", "new", "duplicates", "off-topic", "errors", "bytes")
    return {key: sum(int(stats.get(key, 0)) for stats in sources.values()) for key in keys}


def run_json(run: CrawlRun) -> dict[str, Any]:
    return {
        "id": run.id,
        "status": run.status,
        "trigger": run.trigger,
        "schedule": run.schedule,
        "scheduled_for": run.scheduled_for.isoformat() if run.scheduled_for else None,
        "started": run.started_at.isoformat(),
        "finished": run.finished_at.isoformat() if run.finished_at else None,
        "sources": run.sources,
        "exit_code": run.exit_code,
        "error": run.error,
        "stats": run.stats,
    }


def runs_text(runs: list[CrawlRun], zone: tzinfo | None = None) -> str:
    """The runs as a table, times in ``zone`` (None: the machine's), which the header names."""
    if not runs:
        return "no crawl runs yet"
    rows = []
    for run in runs:
        totals = _totals(run)
        duration = (
            f"{(run.finished_at - run.started_at).total_seconds():.0f} s" if run.finished_at else "running"
        )
        rows.append(
            [
                run.id,
                _when(run.started_at, zone),
                duration,
                run.status,
                run.trigger if run.trigger != "schedule" else f"schedule {run.schedule}",
                totals["fetched"],
                totals["new"],
                totals["duplicates"],
                totals["off-topic"],
                totals["errors"],
                truncate((run.error or "").splitlines()[0] if run.error else "", 50),
            ]
        )
    headers = ["run", f"started ({_zone_label(zone)})", "took", "outcome", "trigger", "fetched", "new",
               "copies", "off-topic", "errors", "note"]  # fmt: skip
    return render_table(headers, rows)


def status_text(engine: Engine, config: Config, color: bool) -> str:
    now = utc_now()
    zone = display_zone(config)
    # Styled text keeps its colour through the tables, which escape every other cell.
    red = (lambda text: style(text, fg="red", bold=True)) if color else (lambda text: text)
    green = (lambda text: style(text, fg="green")) if color else (lambda text: text)
    lines: list[str] = []
    with Session(engine) as session:
        lease = leases.current(session, LEASE_NAME)
        health = all_health(session)
        last_runs = latest_runs(session, limit=200)
        outbox = outbox_counts(session)
        awaiting_restory = session.scalar(
            select(func.count()).select_from(Article).where(Article.restory_needed.is_(True))
        )
    if lease is not None and lease.expires_at > now:
        holder = printable(lease.holder)
        lines.append(f"Scheduler: running ({holder}), lease renewed {_when(lease.renewed_at, zone)}")
    else:
        lines.append(f"Scheduler: not running (start it with `{command_name()} schedule`)")
    if awaiting_restory:
        lines.append(
            f"{awaiting_restory} stored articles were read by older rules: run `{command_name()} restory` "
            "(topic matches, events, stories)"
        )
    stored = stored_next_runs(engine)
    rows = []
    for schedule in schedules_of(config):
        planned = stored.get(schedule.name)
        note = ""
        if planned is not None and planned < now:
            note = "overdue: runs when the service starts (within the catch-up window)"
        when = planned or next_fire_time(schedule, now)
        rows.append([schedule.name, schedule.cron, schedule.timezone or "local",
                     _when(when, zone), len(schedule.sources), note])  # fmt: skip
    lines += [
        "",
        "Next runs:",
        render_table(
            ["schedule", "cron", "zone", f"next run ({_zone_label(zone)})", "sources", "note"], rows
        ),
    ]
    source_rows = []
    for source in config.sources:
        state = health.get(source.name)
        last = next((r for r in last_runs if source.name in (r.stats or {}).get("sources", {})), None)
        stats = (last.stats or {}).get("sources", {}).get(source.name, {}) if last else {}
        if not source.enabled:
            label = "paused"
        elif state is None:
            label = "-"
        elif state.state == FAILING:
            label = red("FAILING")
        else:
            label = green("ok")
        problems = "; ".join(state.problems) if state is not None and state.problems else ""
        source_rows.append(
            [
                source.name,
                label,
                f"#{last.id} {_when(last.started_at, zone)}" if last else "never",
                stats.get("fetched", "-"),
                stats.get("new", "-"),
                stats.get("errors", "-"),
                truncate(problems, PROBLEM_COLUMNS),
            ]
        )
    lines += ["", "Sources:", render_table(["source", "health", f"last run ({_zone_label(zone)})", "fetched",
                                             "new", "errors", "problems"], source_rows)]  # fmt: skip
    pending, failed = outbox.get("pending", 0) + outbox.get("sending", 0), outbox.get("failed", 0)
    note = f"Alerts: {outbox.get('sent', 0)} sent, {pending} waiting"
    lines += [
        "",
        note + (f", {red(str(failed) + ' given up')} (see `{command_name()} alerts list`)" if failed else ""),
    ]
    return "\n".join(lines)
