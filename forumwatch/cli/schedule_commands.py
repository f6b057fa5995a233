"""`forumwatch schedule`: the service (scheduled crawls, alerts and health checks) until stopped."""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

import click

from forumwatch.cli.common import (
    EXIT_BAD_CONFIG,
    EXIT_BUSY,
    check_cluster,
    config_option,
    db_option,
    load_checked_config,
)
from forumwatch.config import Config
from forumwatch.terminal import echo


@click.command()
@config_option
@db_option
@click.pass_obj
def schedule(log_level: int, config_path: Path, db_url: str | None) -> None:
    """Run the service: scheduled crawls, alerts and health checks, until SIGTERM or Ctrl-C."""
    from forumwatch.alerting import alerts_of
    from forumwatch.scheduling import crawl_command, service_of
    from scheduler.service import SchedulerBusyError, SchedulerService
    from storage.engine import open_database

    config = load_checked_config(config_path, db_url)
    if config.cluster is not None:  # its crawls seed runs for the workers: refused now, not at 2 a.m.
        check_cluster(config, config_path, "schedule")
    if not config.enabled_sources:
        echo(f"{config_path}: no enabled sources to crawl", err=True)
        sys.exit(EXIT_BAD_CONFIG)
    missing = _missing_secrets(config)
    if missing:
        for line in missing:
            echo(f"{config_path}: {line}", err=True)
        sys.exit(EXIT_BAD_CONFIG)
    command = crawl_command(str(config_path.resolve()), config, verbose=log_level <= logging.INFO)
    service = SchedulerService(
        open_database(config.database.url), service_of(config), alerts_of(config), command
    )
    # The service logs at info level at least (what it started, when, how each run ended); a refusal
    # stays the one line below.
    logging.getLogger().setLevel(min(log_level, logging.INFO))
    # APScheduler logs two lines each time a job runs: every 30 s for the outbox, 5,800 lines a day that
    # say nothing. Its warnings (a missed or overlapping run) stay; -vv shows the rest.
    logging.getLogger("apscheduler.executors").setLevel(
        logging.DEBUG if log_level <= logging.DEBUG else logging.WARNING
    )
    try:
        sys.exit(service.run())
    except SchedulerBusyError as busy:
        echo(f"forumwatch schedule: {busy}", err=True)
        sys.exit(EXIT_BUSY)


def _missing_secrets(config: Config) -> list[str]:
    """The environment variables the channels name that are not set: found at start, not at 2 a.m."""
    missing = []
    for index, channel in enumerate(config.channels):
        for key in ("username_env", "password_env", "secret_env", "url_env"):
            variable = getattr(channel, key, None)
            if variable and variable not in os.environ:
                missing.append(
                    f"channels[{index}] ({channel.name}).{key}: environment variable {variable} is not set"
                )
    return missing
