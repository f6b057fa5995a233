"""The item that travels through the pipelines: raw page in, stored article out."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from crawler.cleaner.article import CleanArticle
from crawler.events import EventReading
from crawler.topics import TopicMatch
from dedup.neardup import NearDupFingerprint


@dataclass
class FeedEntryInfo:
    """What a feed said about an entry; fills metadata the page itself lacks."""

    title: str | None = None
    published: datetime | None = None
    author: str | None = None
    image: str | None = None
    # The item is the entry's own content (a full-text feed), not the page it links to: a fragment
    # without a headline of its own, whose headline is the entry's title.
    full_text: bool = False


@dataclass
class ArticleItem:
    source_name: str
    url: str
    raw: bytes | str
    declared_encoding: str | None = None
    profile: str | None = None
    feed_entry: FeedEntryInfo | None = None
    # Filled in by the pipelines, in order: clean -> match -> events -> fingerprint -> store.
    article: CleanArticle | None = None
    topics: list[TopicMatch] = field(default_factory=list)
    event: EventReading | None = None
    canonical_url: str | None = None
    content_hash: str | None = None
    near_dup: NearDupFingerprint | None = None
    # The topic screen (crawler/topic_screen.py) ruled the page out: not cleaned, off-topic.
    screened_out: bool = False
    # Ruled out by the screen but cleaned as part of its sample: must come out off-topic.
    screen_sample: bool = False
