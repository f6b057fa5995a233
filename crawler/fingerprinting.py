"""Request fingerprints over canonical URLs, so that one article linked with and without tracking
parameters (?utm_source=...) is downloaded once. Crawl workers' dupefilter on Redis fingerprints with
this class too (crawler/cluster/queue.py), so the rule holds across machines."""

from __future__ import annotations

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.utils.request import RequestFingerprinter

from dedup.fingerprints import canonical_url


class CanonicalUrlFingerprinter:
    def __init__(self, crawler: Crawler | None = None) -> None:
        self._default = RequestFingerprinter(crawler)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> CanonicalUrlFingerprinter:
        return cls(crawler)

    def fingerprint(self, request: Request) -> bytes:
        url = canonical_url(request.url)
        # Most links are canonical already: the request itself is fingerprinted then, the same bytes as a
        # copy's, without making the copy (Scrapy's fingerprinter also remembers a request's fingerprint).
        fingerprint: bytes = self._default.fingerprint(
            request if url == request.url else request.replace(url=url)
        )
        return fingerprint
