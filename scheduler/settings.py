"""What the service is told: plain, already-validated values.

The composition root (forumwatch/scheduling.py) builds these from the configuration file; the scheduler
never reads the file's schema. How to start a crawl process is scheduler/crawls.py's CrawlCommand; the
alerts applied after each run are alerts/settings.py's AlertSettings.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta


@dataclass(frozen=True)
class Schedule:
    """A group of sources crawled together, on a cron expression in a time zone."""

    name: str
    cron: str  # minute hour day month weekday
    timezone: str | None  # an IANA name; None: the machine's zone
    sources: tuple[str, ...]  # as configured: the disabled ones are left out when a run starts
    timeout_seconds: float  # a crawl still going after this long is stopped


@dataclass(frozen=True)
class ServiceSettings:
    schedules: tuple[Schedule, ...]
    enabled_sources: frozenset[str]
    timezone: str | None  # the service's own zone (its delivery tick); None: the machine's
    # A run missed while the service was down starts once at start-up if it is at most this old.
    catch_up: timedelta
    # A service that dies without letting go holds the database at most this long.
    lease: timedelta
    # How often the outbox is looked at (immediate alerts, retries).
    delivery_interval_seconds: float
