"""Alert messages in English: for articles in every language but Chinese."""

from __future__ import annotations

from datetime import date
from typing import Final

from alerts.languages.wording import Wording

MONTHS: Final = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


def day(when: date, with_year: bool) -> str:
    return f"{when.day} {MONTHS[when.month - 1]}" + (f" {when.year}" if with_year else "")


def day_range(start: date, end: date, with_year: bool) -> str:
    if start.year != end.year:
        return f"{day(start, True)} – {day(end, True)}"
    if start.month != end.month:
        return f"{day(start, False)} – {day(end, with_year)}"
    return f"{start.day}–{day(end, with_year)}"


def ordinal(number: int) -> str:
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


def plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def digest_subject(rule: str, stories: int, announcements: int, changes: int) -> str:
    subject = f"Digest ({rule}): {plural(stories, 'story', 'stories')}"
    extra = []
    if announcements:
        extra.append(plural(announcements, "forum announced", "forums announced"))
    if changes:
        extra.append(plural(changes, "forum changed", "forums changed"))
    return subject + (f" ({', '.join(extra)})" if extra else "")


WORDING = Wording(
    colon=": ",
    outlet="Outlet",
    published="Published",
    forum="Forum",
    dates="Date",
    place="Place",
    link="Link",
    excerpt="Excerpt",
    topics="Topics",
    rule="Rule",
    unknown="unknown",
    untitled="(untitled)",
    list_separator=", ",
    new="New story: ",
    announcement="Forum announced: ",
    changed="Forum changed: ",
    date_changed="Forum date changed: ",
    place_changed="Forum place changed: ",
    changed_intro="The forum changed (before → now):",
    tag_announcement="[Announcement] ",
    tag_changed="[Changed] ",
    copies=lambda n: f"{n} articles in this story",
    edition=lambda n: f"{ordinal(n)} edition",
    digest=digest_subject,
    day=day,
    day_range=day_range,
    parenthesis=lambda s: f" ({s})",
    venue_in_city=lambda venue, city: f"{venue}, {city}",
)
