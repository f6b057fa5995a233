"""What the cleaner did to one page, for ``forumwatch clean --explain``: which extractor ran, what went.

A trace is optional everywhere: the crawl passes none and pays nothing for it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

_SHOWN_CHARACTERS = 70


@dataclass(frozen=True)
class Removal:
    stage: str  # "prune", "profile-drop", "line-rule", "title-echo", "extractor"
    rule: str  # the selector or rule name
    text: str  # what went, shortened


@dataclass
class Trace:
    notes: list[str] = field(default_factory=list)
    removals: list[Removal] = field(default_factory=list)

    def note(self, text: str) -> None:
        self.notes.append(text)

    def removed(self, stage: str, rule: str, text: str) -> None:
        text = " ".join(text.split())
        if len(text) > _SHOWN_CHARACTERS:
            text = text[: _SHOWN_CHARACTERS - 1] + "…"
        self.removals.append(Removal(stage, rule, text))

    def to_json(self) -> dict[str, Any]:
        return {
            "notes": list(self.notes),
            "removed": [{"stage": r.stage, "rule": r.rule, "text": r.text} for r in self.removals],
        }

    def render(self) -> str:
        lines = [f"- {note}" for note in self.notes]
        if self.removals:
            lines.append("removed:")
            width = max(len(f"{r.stage} {r.rule}") for r in self.removals)
            lines += [
                f"  {f'{r.stage} {r.rule}'.ljust(width)}  {r.text or '(no text)'}" for r in self.removals
            ]
        return "\n".join(lines)
