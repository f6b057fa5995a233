"""Alert rules: which stories of a run alert whom, as outbox rows.

Alerts are per story, never per copy: a story alerts once per rule and channel when it is new, and again
only when the forum it tells of moves (date or place) from what people were last told. Re-evaluating a
run adds nothing: the outbox's unique key sees to it.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Collection, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from alerts.settings import AlertRule, AlertSettings, Topic
from dedup.textnorm import contains_term, normalise_for_matching
from storage.models import CrawlRun
from storage.notices import StoryFacts, stories_stored_in_run
from storage.outbox import AlertDraft, enqueue, last_event_alert, story_subject

NEW = "new"
EVENT_CHANGED = "event-changed"


def evaluate_run(
    session: Session,
    settings: AlertSettings,
    run: CrawlRun,
    deliveries: Collection[str] = ("immediate", "digest"),
) -> int:
    """Enqueue the alerts the rules with these deliveries call for on the stories stored in ``run``;
    returns how many were added. The caller commits."""
    rules = [rule for rule in settings.rules if rule.delivery in deliveries]
    if not rules:
        return 0
    added = 0
    for story in stories_stored_in_run(session, run.id):
        for rule in rules:
            added += _evaluate(session, settings.topics, rule, story, run)
    return added


def _evaluate(
    session: Session, topics: Sequence[Topic], rule: AlertRule, story: StoryFacts, run: CrawlRun
) -> int:
    if rule.topics and not story.topics & set(rule.topics):
        return 0
    is_new = story.created_at >= run.started_at
    wants_new = "new-story" in rule.kinds or ("announcement" in rule.kinds and story.kind == "announcement")
    key = event_key(story, topics)
    added = 0
    for channel in rule.channels:
        # What this channel's readers were last told about the event, by any rule, from any story.
        told = last_event_alert(session, channel, key) if key else None
        before = told.payload.get("event") if told is not None else None
        moves = event_moves(before, story.event)
        if is_new and wants_new:
            occasion = NEW
        elif "event-changed" in rule.kinds and moves:
            occasion = f"{EVENT_CHANGED}:{_fingerprint(story.event)}"
        else:
            continue
        draft = AlertDraft(
            subject=story_subject(story.story_id),
            rule=rule.name,
            channel=channel,
            occasion=occasion,
            story_id=story.story_id,
            delivery=rule.delivery,
            digest_key=f"run:{run.id}" if rule.delivery == "digest" else None,
            run_id=run.id,
            event_key=key,
            payload=story_payload(story, occasion, before if moves else None, moves),
        )
        added += enqueue(session, draft)
    return added


def event_key(story: StoryFacts, topics: Sequence[Topic]) -> str | None:
    """Which forum event a story tells of, as "<topic>:<year>": the topic whose alias names the event,
    and the event's year. None when the story names no dated event."""
    event = story.event or {}
    name = event.get("name")
    year = event.get("year") or (event.get("start") or "")[:4] or None
    if not name or not year:
        return None
    for topic in sorted(topics, key=lambda t: t.name):
        if topic.name in story.topics and any(contains_term(name, alias) for alias in topic.aliases):
            return f"{topic.name}:{year}"
    return None


def event_moves(before: dict[str, Any] | None, after: dict[str, Any] | None) -> list[str]:
    """What moved between two readings of one event: its dates, its venue, its city. A field only one
    of them knows has not moved."""
    if not before or not after:
        return []
    moves = []
    if (
        before.get("start")
        and after.get("start")
        and (before["start"], before.get("end"))
        != (
            after["start"],
            after.get("end"),
        )
    ):
        moves.append("date")
    for place in ("venue", "city"):
        old, new = before.get(place), after.get(place)
        if old and new and normalise_for_matching(old) != normalise_for_matching(new):
            moves.append(place)
    return moves


def _fingerprint(event: dict[str, Any] | None) -> str:
    facts = {key: (event or {}).get(key) for key in ("start", "end", "venue", "city")}
    return hashlib.sha256(json.dumps(facts, sort_keys=True).encode()).hexdigest()[:16]


def story_payload(
    story: StoryFacts, occasion: str, previous_event: dict[str, Any] | None, moves: list[str]
) -> dict[str, Any]:
    """What the alert says, frozen when it is enqueued: a retry next week tells the same story."""
    return {
        "story_id": story.story_id,
        "title": story.title,
        "url": story.url,
        "outlet": story.outlet,
        "published": _iso(story.published),
        "text": story.text[:2000],
        "language": story.language,
        "script": story.script,
        "kind": story.kind,
        "event": story.event,
        "previous_event": previous_event,
        "moved": moves,
        "copies": story.copies,
        "topics": sorted(story.topics),
        "occasion": occasion.partition(":")[0],
    }


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None
