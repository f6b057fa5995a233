"""Publication dates: ISO 8601, RFC 2822 and the visible forms of Chinese pages, converted to UTC.

Naive times are local times; the caller says which zone (Chinese-language pages are UTC+8, Beijing and
Taipei alike). ROC years (民國108年) are Gregorian minus 1911.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta, timezone, tzinfo
from email.utils import parsedate_to_datetime

CHINA_STANDARD_TIME = timezone(timedelta(hours=8), "UTC+08:00")
_ROC_EPOCH = 1911
# Dates outside this window are junk (copyright years far back, counters, phone numbers).
_EARLIEST_YEAR, _LATEST_YEAR = 1990, 2100

_VISIBLE_DATE = re.compile(
    r"(?:(?:中華)?民[國国]\s*(?P<roc>\d{2,3})|(?P<year>(?:19|20)\d{2}))\s*[年\-/.]\s*"
    r"(?P<month>\d{1,2})\s*[月\-/.]\s*(?P<day>\d{1,2})(?!\d)\s*日?"
    r"(?:\s*(?:T|\s)?\s*(?P<hour>\d{1,2})\s*[:：時时点點]\s*(?P<minute>\d{1,2})?"
    r"(?:\s*[:：分]\s*(?P<second>\d{1,2}))?)?"
)


def parse_date(value: str, local_zone: tzinfo = UTC) -> datetime | None:
    """Parse a machine-readable or visible date; naive values are read in ``local_zone``. Returns UTC."""
    value = value.strip()
    if not value:
        return None
    parsed = _parse_iso(value) or _parse_rfc2822(value) or _parse_visible(value)
    if parsed is None or not _EARLIEST_YEAR <= parsed.year <= _LATEST_YEAR:
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=local_zone)
    return parsed.astimezone(UTC)


def find_date(text: str, local_zone: tzinfo = UTC) -> datetime | None:
    """The first visible date in running text (``2021年12月01日 22:01``, ``民國108年7月3日``, ``2019-07-03``)."""
    for match in _VISIBLE_DATE.finditer(text):
        parsed = _from_match(match)
        if parsed is not None and _EARLIEST_YEAR <= parsed.year <= _LATEST_YEAR:
            return parsed.replace(tzinfo=local_zone).astimezone(UTC)
    return None


def _parse_iso(value: str) -> datetime | None:
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError:
        return None


def _parse_rfc2822(value: str) -> datetime | None:
    if not re.match(r"^[A-Za-z]{3},?\s+\d", value):
        return None
    try:
        return parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None


def _parse_visible(value: str) -> datetime | None:
    match = _VISIBLE_DATE.search(value)
    return _from_match(match) if match else None


def _from_match(match: re.Match[str]) -> datetime | None:
    year = int(match["year"]) if match["year"] else int(match["roc"]) + _ROC_EPOCH
    try:
        return datetime(
            year,
            int(match["month"]),
            int(match["day"]),
            int(match["hour"] or 0),
            int(match["minute"] or 0),
            int(match["second"] or 0),
        )
    except ValueError:  # 2019-13-45 and the like
        return None
