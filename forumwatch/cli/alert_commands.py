"""`forumwatch alerts`: the alert outbox (list what was sent, waits or failed; send what is due)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from forumwatch.cli.common import (
    config_option,
    database_url,
    db_option,
    json_option,
    load_checked_config,
    open_for_reading,
    print_json,
)
from forumwatch.terminal import echo


@click.group()
def alerts() -> None:
    """The alert outbox: what was sent, what waits, what failed."""


@alerts.command("list")
@config_option
@db_option
@click.option("--status", "state", type=click.Choice(["pending", "sending", "sent", "failed", "merged"]))
@click.option("--limit", default=30, show_default=True)
@json_option
def alerts_list(config_path: Path, db_url: str | None, state: str | None, limit: int, as_json: bool) -> None:
    """List alerts, newest first."""
    from forumwatch.tables import render_table, truncate
    from storage.outbox import list_alerts

    with open_for_reading(database_url(config_path, db_url)) as session:
        found = list_alerts(session, limit=limit, status=state)
        rows: list[dict[str, Any]] = [
            {
                "id": a.id,
                "status": a.status,
                "rule": a.rule,
                "channel": a.channel,
                "subject": a.subject,
                "occasion": a.occasion,
                "title": a.payload.get("title") or "; ".join(a.payload.get("problems", [])),
                "attempts": a.attempts,
                "created": a.created_at.isoformat(),
                "sent": a.sent_at.isoformat() if a.sent_at else None,
                "last_error": a.last_error,
            }
            for a in found
        ]
    if as_json:
        print_json(rows)
        return
    if not rows:
        echo("no alerts")
        return
    headers = ["id", "status", "rule", "channel", "occasion", "tries", "title / error"]
    table = [
        [r["id"], r["status"], r["rule"], r["channel"], r["occasion"].partition(":")[0], r["attempts"],
         truncate(str(r["last_error"] if r["status"] == "failed" else r["title"]), 60)]
        for r in rows
    ]  # fmt: skip
    echo(render_table(headers, table))


@alerts.command("send")
@config_option
@db_option
def alerts_send(config_path: Path, db_url: str | None) -> None:
    """Review ended runs and send the alerts due now (what the service does every few seconds)."""
    from alerts.delivery import Deliverer
    from forumwatch.alerting import alerts_of
    from scheduler.postrun import review_ended_runs
    from storage.engine import open_database

    config = load_checked_config(config_path, db_url)
    engine = open_database(config.database.url)
    alert_settings = alerts_of(config)
    review_ended_runs(engine, alert_settings)
    echo(f"alerts: {Deliverer(engine, alert_settings).deliver_due()}")
