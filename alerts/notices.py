"""What an alert tells before it is worded: one story, or the health of a source. Read from the outbox's
rows, where the facts were frozen when the alert was queued (a retry next week tells the same story)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from storage.models import Alert


@dataclass(frozen=True)
class StoryNotice:
    """What one alert says about one story."""

    story_id: int
    title: str  # the head copy's title
    url: str  # the head copy's URL
    outlet: str | None  # 新浪财经, 中時新聞網, Taipei City Government...
    published: datetime | None  # aware UTC
    text: str  # the head's body (paragraphs joined by "\n"); the excerpt comes from it
    language: str | None  # "zh", "en", ...
    script: str | None  # "Hans", "Hant" or None
    kind: str | None  # "announcement", "report", "other"
    event: dict[str, Any] | None  # keys: name, edition, year, start, end (ISO dates), city, venue
    copies: int  # number of articles in the story
    topics: tuple[str, ...]
    occasion: str  # "new" or "event-changed"
    previous_event: dict[str, Any] | None = None  # for event-changed: what people were told before


@dataclass(frozen=True)
class HealthNotice:
    source: str
    problems: tuple[str, ...]  # human sentences in English, e.g. "no articles in the last 3 runs"
    run_id: int | None
    recovered: bool = False


def event_type(notice: StoryNotice) -> str:
    """The kind of news a story alert is, as receivers see it: story.new, story.announcement or
    story.event_changed."""
    if notice.occasion == "event-changed":
        return "story.event_changed"
    if notice.occasion != "new":
        raise ValueError(f"unknown occasion {notice.occasion!r} (story {notice.story_id})")
    return "story.announcement" if notice.kind == "announcement" else "story.new"


def story_notice(alert: Alert) -> StoryNotice:
    facts: dict[str, Any] = alert.payload
    published = facts.get("published")
    return StoryNotice(
        story_id=alert.story_id or int(facts.get("story_id", 0)),
        title=facts.get("title") or "",
        url=facts.get("url") or "",
        outlet=facts.get("outlet"),
        published=datetime.fromisoformat(published) if published else None,
        text=facts.get("text") or "",
        language=facts.get("language"),
        script=facts.get("script"),
        kind=facts.get("kind"),
        event=facts.get("event"),
        copies=int(facts.get("copies", 1)),
        topics=tuple(facts.get("topics", ())),
        occasion=facts.get("occasion", "new"),
        previous_event=facts.get("previous_event"),
    )


def health_notice(alert: Alert) -> HealthNotice:
    facts: dict[str, Any] = alert.payload
    return HealthNotice(
        source=facts.get("source", alert.subject),
        problems=tuple(facts.get("problems", ())),
        run_id=facts.get("run_id"),
        recovered=bool(facts.get("recovered")),
    )
