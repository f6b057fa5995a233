"""Which time zone the service schedules in and shows times in."""

from __future__ import annotations

from datetime import tzinfo
from zoneinfo import ZoneInfo

import tzlocal

from forumwatch.config import Config


def local_zone() -> tzinfo:
    """The machine's zone (TZ, /etc/localtime), as APScheduler itself would take it."""
    return tzlocal.get_localzone()


def zone(name: str | None) -> tzinfo:
    return ZoneInfo(name) if name else local_zone()


def display_zone(config: Config) -> tzinfo:
    """Where people read times: [ui].timezone, else the zone messages are written in, else the
    scheduler's, else the machine's."""
    return zone(config.ui.timezone or config.delivery.timezone or config.scheduler.timezone)
