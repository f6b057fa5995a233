"""The configuration, turned into what the service takes: its schedules, its lease and catch-up window,
and how it starts a crawl process; and the zone people read times in, which falls back to the
scheduler's.

The scheduler reads no configuration file and imports nothing of this package: this module is where the
two meet (forumwatch/alerting.py does the same for the alerts the service applies).
"""

from __future__ import annotations

import sys
from datetime import timedelta, tzinfo

from forumwatch.config import DATABASE_URL_ENV, Config, ScheduleConfig
from scheduler.crawls import CrawlCommand
from scheduler.settings import Schedule, ServiceSettings
from scheduler.timezones import zone

# A crawl runs in this interpreter, from this installation, whatever the PATH of the service holds.
CRAWL_PROGRAM = (sys.executable, "-m", "forumwatch")


def service_of(config: Config) -> ServiceSettings:
    """[scheduler], [[schedules]] and the enabled sources."""
    return ServiceSettings(
        schedules=schedules_of(config),
        enabled_sources=frozenset(source.name for source in config.enabled_sources),
        timezone=config.scheduler.timezone,
        catch_up=timedelta(hours=config.scheduler.catch_up_hours),
        lease=timedelta(seconds=config.scheduler.lease_seconds),
        delivery_interval_seconds=config.scheduler.delivery_interval_seconds,
    )


def schedules_of(config: Config) -> tuple[Schedule, ...]:
    """Every schedule the service runs (Config.crawl_schedules: the groups, then the default one), with
    [scheduler]'s zone and time limit where a group sets none."""
    return tuple(schedule_of(schedule, config) for schedule in config.crawl_schedules())


def schedule_of(schedule: ScheduleConfig, config: Config) -> Schedule:
    defaults = config.scheduler
    return Schedule(
        name=schedule.name,
        cron=schedule.cron,
        timezone=schedule.timezone or defaults.timezone,
        sources=tuple(schedule.sources),
        timeout_seconds=(schedule.timeout_minutes or defaults.crawl_timeout_minutes) * 60,
    )


def crawl_command(config_path: str, config: Config, verbose: bool = False) -> CrawlCommand:
    """`forumwatch crawl` on the file at ``config_path``, into ``config``'s database."""
    return CrawlCommand(
        program=CRAWL_PROGRAM,
        config_path=config_path,
        database_url=config.database.url,
        database_url_env=DATABASE_URL_ENV,
        verbose=verbose,
    )


def display_zone(config: Config) -> tzinfo:
    """Where people read times: [ui].timezone, else the zone messages are written in, else the
    scheduler's, else the machine's."""
    return zone(config.ui.timezone or config.delivery.timezone or config.scheduler.timezone)
