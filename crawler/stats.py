"""Names of forumwatch's Scrapy stats: one crawler per source, so each is that source's count."""

from __future__ import annotations

FETCHED = "forumwatch/fetched"  # article pages downloaded and full-text feed items read
NEW = "forumwatch/new"  # articles stored as a new story
DUPLICATES = "forumwatch/duplicates"  # copies of a stored story (stored in it) or of a stored URL
OFF_TOPIC = "forumwatch/off_topic"  # cleaned articles that matched no topic
EMPTY = "forumwatch/empty"  # pages the cleaner could not extract an article from
ERRORS = "forumwatch/errors"  # failed downloads, unusable feeds, unreadable pages
SKIPPED = "forumwatch/skipped"  # article URLs already stored: not downloaded again
FEED_NOT_MODIFIED = "forumwatch/feed_not_modified"

# The per-source table of `forumwatch crawl`: column title -> stat.
SUMMARY_COLUMNS = {
    "fetched": FETCHED,
    "new": NEW,
    "duplicates": DUPLICATES,
    "off-topic": OFF_TOPIC,
    "errors": ERRORS,
    "skipped": SKIPPED,
}
