"""What every language of alert messages says: labels, and how dates, counts and subjects are written.

The messages (alerts/messages.py) put these together; each language fills them in once, in its module.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Wording:
    # Labels of a story's "label: value" lines, and what stands in for a missing value.
    colon: str
    outlet: str
    published: str
    forum: str
    dates: str
    place: str
    link: str
    excerpt: str
    topics: str
    rule: str
    unknown: str
    untitled: str
    list_separator: str
    # Subject prefixes, and the line that introduces what moved in an event-changed alert.
    new: str
    announcement: str
    changed: str
    date_changed: str
    place_changed: str
    changed_intro: str
    # A story's mark in a digest.
    tag_announcement: str
    tag_changed: str
    copies: Callable[[int], str]  # "4 articles in this story"
    edition: Callable[[int], str]  # "10th edition"
    digest: Callable[[str, int, int, int], str]  # the subject: rule, stories, announcements, changes
    day: Callable[[date, bool], str]  # a date, with or without its year
    day_range: Callable[[date, date, bool], str]  # start before end; with or without the year
    parenthesis: Callable[[str], str]
    venue_in_city: Callable[[str, str], str]  # a venue and the city it is in
