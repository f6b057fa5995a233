"""Alerts for machines: the structured form of a message (the webhook's JSON body, apprise's notification
type). Keys and values are the same in every language; times are UTC. Pure."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import UTC, date, datetime
from typing import Any

from alerts.excerpt import excerpt
from alerts.notices import HealthNotice, StoryNotice, event_type


def story_payload(notice: StoryNotice, rule: str) -> dict[str, Any]:
    return {"type": event_type(notice), "rule": rule, "stories": [_story_entry(notice)]}


def digest_payload(notices: Sequence[StoryNotice], rule: str) -> dict[str, Any]:
    return {
        "type": "digest",
        "rule": rule,
        "count": len(notices),
        "stories": [_story_entry(notice) for notice in notices],
    }


def health_payload(notice: HealthNotice) -> dict[str, Any]:
    return {
        "type": "source.recovered" if notice.recovered else "source.unhealthy",
        "source": notice.source,
        "problems": list(notice.problems),
        "run_id": notice.run_id,
    }


def _story_entry(notice: StoryNotice) -> dict[str, Any]:
    published = notice.published
    if published is not None and published.tzinfo is None:
        published = published.replace(tzinfo=UTC)
    return {
        "story_id": notice.story_id,
        "type": event_type(notice),
        "title": notice.title,
        "url": notice.url,
        "outlet": notice.outlet,
        "published": published.astimezone(UTC).isoformat() if published else None,
        "kind": notice.kind,
        "event": _jsonable(notice.event),
        "previous_event": _jsonable(notice.previous_event),
        "copies": notice.copies,
        "topics": list(notice.topics),
        "excerpt": excerpt(notice.text),
        "language": _story_language(notice),
    }


def _story_language(notice: StoryNotice) -> str | None:
    """The story's own language (BCP 47 where the script is known): zh-Hans, zh-Hant, en, ja..."""
    if notice.language and notice.language.lower() == "zh" and notice.script in ("Hans", "Hant"):
        return f"zh-{notice.script}"
    return notice.language


def _jsonable(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {str(key): _jsonable(item) for key, item in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [_jsonable(item) for item in value]
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value
