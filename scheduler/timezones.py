"""Time zones by name, as the service schedules in them: None is the machine's zone."""

from __future__ import annotations

from datetime import tzinfo
from zoneinfo import ZoneInfo

import tzlocal


def local_zone() -> tzinfo:
    """The machine's zone (TZ, /etc/localtime), as APScheduler itself would take it."""
    return tzlocal.get_localzone()


def zone(name: str | None) -> tzinfo:
    return ZoneInfo(name) if name else local_zone()
