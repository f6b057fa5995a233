"""Publication dates: ISO 8601, RFC 2822 and the visible forms of Chinese pages, converted to UTC.

Naive times are local times; the caller says which zone (Chinese-language pages are UTC+8, Beijing and
Taipei alike). ROC years (民國108年) are Gregorian minus 1911.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta, timezone, tzinfo
from email.utils import parsedate_to_datetime

from crawler.roc_calendar import ROC_EPOCH

CHINA_STANDARD_TIME = timezone(timedelta(hours=8), "UTC+08:00")
# Dates outside this window are junk (copyright years far back, counters, phone numbers).
_EARLIEST_YEAR, _LATEST_YEAR = 1990, 2100

_VISIBLE_DATE = re.compile(
    # Xinhua's templates write the year apart from month/day: "2021 12/01 22:16:08".
    r"(?:(?:中華)?民[國国]\s*(?P<roc>\d{2,3})|(?P<year>(?:19|20)\d{2}))(?:\s*[年\-/.]\s*|\s+(?=\d{1,2}/\d))"
    r"(?P<month>\d{1,2})\s*[月\-/.]\s*(?P<day>\d{1,2})(?!\d)\s*日?"
    r"(?:\s*(?:T|\s)?\s*(?P<half_before>上午|下午|晚上|凌晨)?\s*(?P<hour>\d{1,2})\s*[:：時时点點]\s*(?P<minute>\d{1,2})?"
    r"(?:\s*[:：分]\s*(?P<second>\d{1,2}))?(?:\s*(?P<half_after>[AaPp]\.?[Mm]\.?)(?![A-Za-z]))?)?"
)
# 12-hour clocks: "04:17 pm" (udn's archive), "下午3時".
_AFTERNOON = frozenset({"下午", "晚上", "p"})
_NOON_HOUR = 12


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


_RELATIVE_UNITS = {
    "秒": "seconds", "分钟": "minutes", "分鐘": "minutes", "分": "minutes", "小时": "hours", "小時": "hours",
    "个小时": "hours", "個小時": "hours", "天": "days", "日": "days", "周": "weeks", "週": "weeks",
    "second": "seconds", "minute": "minutes", "min": "minutes", "hour": "hours", "hr": "hours",
    "day": "days", "week": "weeks",
}  # fmt: skip
_RELATIVE_AGO = re.compile(
    r"^(?P<count>\d+)\s*(?P<unit>秒|分钟|分鐘|分|个小时|個小時|小时|小時|天|日|周|週)\s*(?:前|以前)$"
    r"|^(?P<en_count>\d+|an?|one)\s*(?P<en_unit>second|minute|min|hour|hr|day|week)s?\s+ago$",
    re.IGNORECASE,
)
_RELATIVE_DAY = re.compile(
    r"^(?P<day>刚刚|剛剛|just now|今天|今日|today|昨天|昨日|yesterday|前天)"
    r"(?:\s*(?P<hour>\d{1,2})\s*[:：]\s*(?P<minute>\d{2}))?$",
    re.IGNORECASE,
)
_DAYS_BACK = {"今天": 0, "今日": 0, "today": 0, "昨天": 1, "昨日": 1, "yesterday": 1, "前天": 2}


def parse_relative(value: str, now: datetime, local_zone: tzinfo = UTC) -> datetime | None:
    """``3小时前``, ``5 minutes ago``, ``昨天 08:12``, ``刚刚`` against ``now`` (aware); returns UTC.

    Feeds and listing pages of Chinese portals give recent items such times instead of dates.
    """
    text = value.strip()
    ago = _RELATIVE_AGO.match(text)
    if ago:
        count_text = ago["count"] or ago["en_count"]
        count = int(count_text) if count_text.isdigit() else 1
        unit = _RELATIVE_UNITS[(ago["unit"] or ago["en_unit"]).lower()]
        return (now - timedelta(**{unit: count})).astimezone(UTC)
    day = _RELATIVE_DAY.match(text)
    if day is None:
        return None
    word = day["day"].lower()
    if word in ("刚刚", "剛剛", "just now"):
        return now.astimezone(UTC)
    local = now.astimezone(local_zone) - timedelta(days=_DAYS_BACK[word])
    if day["hour"] is not None:
        local = local.replace(hour=int(day["hour"]), minute=int(day["minute"]), second=0, microsecond=0)
    else:
        local = local.replace(hour=0, minute=0, second=0, microsecond=0)
    return local.astimezone(UTC)


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
    year = int(match["year"]) if match["year"] else int(match["roc"]) + ROC_EPOCH
    hour = int(match["hour"] or 0)
    half = match["half_before"] or (match["half_after"] or "")[:1].lower()
    if half in _AFTERNOON and hour < _NOON_HOUR:
        hour += _NOON_HOUR
    elif half and half not in _AFTERNOON and hour == _NOON_HOUR:
        hour = 0  # 12:30 am, 凌晨12時
    try:
        return datetime(
            year,
            int(match["month"]),
            int(match["day"]),
            hour,
            int(match["minute"] or 0),
            int(match["second"] or 0),
        )
    except ValueError:  # 2019-13-45 and the like
        return None
