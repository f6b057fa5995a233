"""The result types of event reading: what a forum story says about its event, and why."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

Kind = Literal["announcement", "report", "other"]


@dataclass(frozen=True)
class Event:
    """One forum event as the article describes it; every field is None where the text does not say."""

    name: str | None  # the forum's name as written: 上海-台北城市论坛, Twin-City Forum
    edition: int | None  # 第十届 / 第10屆 / 10th -> 10
    year: int | None  # 2021上海-台北城市论坛 -> 2021; ROC 108年 -> 2019
    start: date | None
    end: date | None  # None when the text gives no end (or no length) of the event
    city: str | None  # as written: 臺北 in a Traditional article
    venue: str | None  # as written: 臺北晶華酒店

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "edition": self.edition,
            "year": self.year,
            "start": self.start.isoformat() if self.start else None,
            "end": self.end.isoformat() if self.end else None,
            "city": self.city,
            "venue": self.venue,
        }


@dataclass(frozen=True)
class EventReading:
    """Announcement, report or other, the event found, and the evidence for both."""

    kind: Kind
    event: Event | None  # None when no forum is named at all
    reasons: tuple[str, ...]  # short, human-readable: which cue, which date phrase, what was ignored

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "event": self.event.to_json() if self.event else None,
            "reasons": list(self.reasons),
        }
