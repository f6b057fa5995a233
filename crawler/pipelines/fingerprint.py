"""FingerprintPipeline: the article's three dedup keys, computed before the store needs them.

Canonical URL, exact content hash and near-duplicate fingerprint (MinHash) are pure functions of the
item; which story they lead to is decided in storage, inside the transaction that stores the article,
so that two copies arriving together cannot open two stories.
"""

from __future__ import annotations

from crawler.items import ArticleItem
from dedup.fingerprints import canonical_url, content_hash
from dedup.neardup import fingerprint


class FingerprintPipeline:
    def process_item(self, item: ArticleItem) -> ArticleItem:
        assert item.article is not None
        item.canonical_url = canonical_url(item.url)
        item.content_hash = content_hash(item.article.text)
        item.near_dup = fingerprint(item.article.text)
        return item
