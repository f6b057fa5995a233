"""What `forumwatch review` prints: the inbox as a table, one story with its review history."""

from __future__ import annotations

from datetime import tzinfo

from forumwatch.tables import render_table, truncate
from forumwatch.terminal import printable
from review.render import zone_label
from storage.inbox import InboxPage
from storage.models import ReviewEvent

TITLE_COLUMNS = 46


def inbox_text(page: InboxPage, zone: tzinfo) -> str:
    """The inbox as a table, first-seen times in ``zone``, which the header names."""
    if not page.rows:
        return "nothing to review"
    rows = [
        [
            row.story_id,
            row.status or "new",
            row.first_seen.astimezone(zone).strftime("%m-%d %H:%M"),
            row.kind or "",
            row.event_start or "",
            f"{row.copies}/{row.outlets}",
            truncate(row.outlet or "", 16),
            truncate(row.title, TITLE_COLUMNS),
            ", ".join(row.topics),
        ]
        for row in page.rows
    ]
    table = render_table(
        [
            "story",
            "status",
            f"first seen ({zone_label(zone)})",
            "kind",
            "event",
            "copies",
            "outlet",
            "title",
            "topics",
        ],
        rows,
    )
    if page.next_cursor:
        table += f"\n(more: --after '{page.next_cursor}')"
    return table


def history_text(events: list[ReviewEvent], zone: tzinfo) -> str:
    lines = []
    for event in events:
        what = event.status or "note"
        note = f": {event.note}" if event.note else ""
        lines.append(
            f"  {event.at.astimezone(zone):%Y-%m-%d %H:%M} ({zone_label(zone)}) {event.reviewer} {what}{note}"
        )
    # A note may hold several lines (notes of folded stories are joined): each event stays one line.
    return "\n".join(printable(line) for line in lines) if lines else "  not reviewed yet"
