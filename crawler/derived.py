"""What the crawl derives from a cleaned article's title and text, in the form the store keeps it.

The crawl computes it stage by stage (crawler.pipelines: fingerprint, match, events, store);
`forumwatch restory` computes it again for stored articles in one call (:func:`derive`), with the same
functions, so that a restoried store is what a fresh crawl would have stored.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from crawler.events import EventReading, read_event
from crawler.topics import TopicMatch, TopicMatcher
from dedup.fingerprints import content_hash
from dedup.neardup import NearDupFingerprint, fingerprint
from storage.articles import TopicScore


@dataclass(frozen=True)
class DerivedFields:
    content_hash: str
    near_dup: NearDupFingerprint | None
    topics: tuple[TopicScore, ...]
    kind: str | None
    event: dict[str, Any] | None


def derive(
    title: str, text: str, published: datetime | None, language: str | None, matcher: TopicMatcher
) -> DerivedFields:
    reading = read_event(title, text, published, language)
    return DerivedFields(
        content_hash=content_hash(text),
        near_dup=fingerprint(text),
        topics=tuple(topic_score(match) for match in matcher.match(title, text)),
        kind=reading.kind,
        event=event_json(reading),
    )


def topic_score(match: TopicMatch) -> TopicScore:
    # The matcher's own one-line explanation is stored with the evidence, so that every reader of
    # the database (command line, review page) explains a match the same way.
    return TopicScore(match.topic, match.score, match.to_json() | {"explanation": match.describe()})


def event_json(reading: EventReading | None) -> dict[str, Any] | None:
    """The event as stored with the article: its fields and the reasons they were read."""
    if reading is None or reading.event is None:
        return None
    return reading.event.to_json() | {"reasons": list(reading.reasons)}
