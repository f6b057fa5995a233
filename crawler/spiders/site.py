"""SiteSpider: listing pages (with pagination to a set depth) and sitemaps lead to article pages.

Listing pages and sitemaps are fetched with conditional GET, as feeds are (storage/feeds.py keeps the
validators by URL). "304 Not Modified" means the page shows what it showed at its last complete fetch,
and everything it led to then was followed: it is unchanged, neither an error nor a failure, and
nothing below it is requested. A page's new validators are kept only when that holds for tonight's
fetch too: the crawl ran to its end, no article it linked to failed to download, and every further
page it led to (the next listing page, a sitemap index's sitemaps) is complete in turn. Otherwise the
old validators stay, the server answers the next crawl with the whole page, and what failed is tried
again: a 304 never hides an article that was never read.
"""

from __future__ import annotations

import hashlib
import logging
import re
from collections import deque
from collections.abc import AsyncIterator, Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

import scrapy
from scrapy.exceptions import NotSupported
from scrapy.http import Response, TextResponse
from scrapy.linkextractors import IGNORED_EXTENSIONS, LinkExtractor
from scrapy.utils.gz import gunzip
from scrapy.utils.sitemap import Sitemap
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session
from twisted.python.failure import Failure

from crawler import stats
from crawler.cluster import CLUSTER_WORKER_SETTING
from crawler.database import engine_for, reader_for
from crawler.pipelines.store import RUN_ID_SETTING
from crawler.spiders.base import (
    ARTICLE_META_KEY,
    CONDITIONAL_META,
    SourceSpider,
    conditional_headers,
    failure_kind,
    response_validators,
)
from dedup.fingerprints import canonical_url
from storage import feeds
from storage.failures import first_line, in_transaction
from storage.runs import source_history

logger = logging.getLogger(__name__)

# Link texts that mean "next page" on the listing pages of the outlets we watch.
NEXT_PAGE_TEXTS = frozenset(
    {"下一页", "下一頁", "下页", "下頁", "next", "next page", "older posts", "›", "»"}
)
NEXT_PAGE_SELECTORS = ("a[rel~=next]", "link[rel~=next]", "a.next", "a.pagebox_next", "a.next-page")
GZIP_MAGIC = b"\x1f\x8b"
# The URL a listing page's or sitemap's validators are kept under: the one requested, whatever it
# redirected to (the redirect keeps the request's headers, so the validators reach the final URL).
PAGE_META_KEY = "forumwatch_page"
# Listing pages and sitemaps wait for the articles already queued. Scrapy's queue is last in, first out, so
# a listing's link to the next listing, yielded after its articles, would go first: the crawl would walk
# every listing before most articles, its queue holding every article of the site (2,700 requests, some
# 10 MiB, in bench/crawl.py's 20,000 pages). Articles first, the queue holds about a listing's worth; the
# next listing is fetched while the last of them are still downloading. (crawler/cluster/queue.py puts
# listings first in a shared queue, where a queue run dry would idle every worker.)
LISTING_PRIORITY = -1

# How far back an unchanged listing looks for the digest of its links: a month of nightly runs, past
# any spell of failed runs short of the health alert that such a spell raises itself.
DIGEST_LOOKBACK_RUNS = 30

PageOutcome = Literal["read", "unchanged", "failed", "not requested"]


@dataclass
class PageVisit:
    """One listing page or sitemap in this crawl: the validators sent, the answer, what it led to."""

    sent: feeds.FeedValidators
    outcome: PageOutcome | None = None  # None: no answer (a duplicate request, or the crawl stopped)
    received: feeds.FeedValidators | None = None
    articles: set[str] = field(default_factory=set)  # canonical URLs of the articles it linked to
    pages: set[str] = field(default_factory=set)  # the listing pages or sitemaps it led to

    def complete_alone(self, failed_articles: set[str]) -> bool:
        """Whether the page itself was dealt with, whatever became of the pages it led to."""
        if self.outcome in ("unchanged", "not requested"):
            return True
        return self.outcome == "read" and not (self.articles & failed_articles)


# The extensions of the links to files that are not pages: Scrapy's list, but for PDF.
LINKED_FILES_SKIPPED = [extension for extension in IGNORED_EXTENSIONS if extension != "pdf"]


class SiteSpider(SourceSpider):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        assert self.source.article_pattern is not None  # guaranteed by the config's validation
        self.article_pattern = re.compile(self.source.article_pattern)
        self.listing_pattern = (
            re.compile(self.source.listing_pattern) if self.source.listing_pattern else None
        )
        self.max_listing_pages = self.source.max_listing_pages
        # Scrapy's link extractor leaves out links to files by their extension; a PDF release is an
        # article here (crawler/cleaner/pdf.py).
        self.article_links = LinkExtractor(
            allow=self.source.article_pattern, deny_extensions=LINKED_FILES_SKIPPED
        )
        self._linked: set[str] = set()  # the articles the listings and sitemaps linked to, canonical
        self._linked_in_order: list[str] = []  # the same, as found
        self._visits: dict[str, PageVisit] = {}  # by the URL requested
        self._failed_articles: set[str] = set()  # canonical URLs whose download failed

    async def start(self) -> AsyncIterator[Any]:
        for url in self.source.start_urls:
            yield self.listing_request(url, page=1)
        for url in self.source.sitemap_urls:
            yield self.page_request(url, self.parse_sitemap)

    def listing_request(self, url: str, page: int, parent: str | None = None) -> scrapy.Request:
        return self.page_request(url, self.parse_listing, parent, page=page)

    def page_request(
        self, url: str, callback: Callable[..., Any], parent: str | None = None, **cb_kwargs: Any
    ) -> scrapy.Request:
        """A conditional request for a listing page or sitemap, with the validators kept for it."""
        if parent is not None:
            self._visits[parent].pages.add(url)
        visit = self._visits.get(url)
        if visit is None:
            visit = self._visits[url] = PageVisit(sent=self._kept_validators(url))
        return scrapy.Request(
            url,
            callback=callback,
            errback=self.on_page_error,
            headers=conditional_headers(visit.sent),
            meta={**CONDITIONAL_META, PAGE_META_KEY: url},
            cb_kwargs=cb_kwargs,
            priority=LISTING_PRIORITY,
        )

    @property
    def linked_in_order(self) -> Sequence[str]:
        """The canonical URLs of the articles that this crawl's listings and sitemaps linked to, in the
        order found: a crawl worker publishes them as it goes (crawler/cluster/queue.py)."""
        return self._linked_in_order

    @property
    def _conditional(self) -> bool:
        """Listings and sitemaps are asked for with validators, except by crawl workers: whether a page
        is complete (none of its articles failed) cannot be told by the one worker that read it."""
        return not self.settings.get(CLUSTER_WORKER_SETTING)

    def _kept_validators(self, url: str) -> feeds.FeedValidators:
        if not feeds.can_keep(url) or not self._conditional:
            return feeds.FeedValidators(None, None)
        return in_transaction(
            reader_for(self.settings),
            lambda session: feeds.get_validators(session, url),
            f"reading the validators of {url}",
        )

    def _answer(self, response: Response, what: str) -> PageVisit | None:
        """The page's visit, the answer recorded; None when the page is unchanged (a 304)."""
        visit = self._visit_of(response)
        if response.status == 304:
            if not visit.sent.present:
                # A 304 to a request that asked for nothing (a broken cache on the way): no answer.
                visit.outcome = "failed"
                stats.count_error(self.crawler.stats, "listing")
                logger.error("source %s: %s %s answered 304 unasked", self.source.name, what, response.url)
                return None
            visit.outcome = "unchanged"  # counted when the crawl closes (_record_listing_state)
            logger.info(
                "source %s: %s %s not modified since last crawl", self.source.name, what, response.url
            )
            return None
        visit.outcome, visit.received = "read", response_validators(response)
        return visit

    def _visit_of(self, response: Response) -> PageVisit:
        return self._visits.setdefault(_page_key(response), PageVisit(sent=feeds.FeedValidators(None, None)))

    def parse_listing(self, response: Response, page: int) -> Iterator[scrapy.Request]:
        visit = self._answer(response, "listing")
        if visit is None:
            return
        if not isinstance(response, TextResponse):
            self._unusable_listing(response, visit)
            return
        try:
            links = self.article_links.extract_links(response)
        except NotSupported:  # a text response that is not HTML or XML
            self._unusable_listing(response, visit)
            return
        for link in links:
            yield self.listed_article(link.url, visit)
        if page < self.max_listing_pages:
            for url in self._next_pages(response):
                yield self.listing_request(url, page=page + 1, parent=_page_key(response))

    def _unusable_listing(self, response: Response, visit: PageVisit) -> None:
        visit.outcome = "failed"
        stats.count_error(self.crawler.stats, "listing")
        logger.error("source %s: listing %s is not an HTML page", self.source.name, response.url)

    def _next_pages(self, response: Response) -> set[str]:
        found: set[str] = set()
        for selector in NEXT_PAGE_SELECTORS:
            found.update(response.css(f"{selector}::attr(href)").getall())
        for anchor in response.css("a[href]"):
            text = " ".join(anchor.css("::text").getall()).strip().lower()
            href = anchor.attrib["href"]
            if text in NEXT_PAGE_TEXTS or (self.listing_pattern and self.listing_pattern.search(href)):
                found.add(href)
        return {response.urljoin(href) for href in found if href and not href.startswith("#")}

    def parse_sitemap(self, response: Response) -> Iterator[scrapy.Request]:
        visit = self._answer(response, "sitemap")
        if visit is None:
            return
        body = response.body
        try:
            if body[:2] == GZIP_MAGIC:  # a truncated or oversized archive is as unusable as junk
                body = gunzip(body, max_size=self.crawler.settings.getint("DOWNLOAD_MAXSIZE"))
            sitemap = Sitemap(body)
        except Exception as error:  # lxml raises several types on junk; all mean "not a sitemap"
            visit.outcome = "failed"
            stats.count_error(self.crawler.stats, "listing")
            logger.error("source %s: sitemap %s unusable: %s", self.source.name, response.url, error)
            return
        for entry in sitemap:
            location = entry.get("loc", "").strip()
            if not location:
                continue
            if sitemap.type == "sitemapindex":
                yield self.page_request(location, self.parse_sitemap, parent=_page_key(response))
            elif self.article_pattern.search(location):
                yield self.listed_article(location, visit)

    def listed_article(self, url: str, visit: PageVisit | None = None) -> scrapy.Request:
        canonical = canonical_url(url)
        if canonical not in self._linked:
            self._linked.add(canonical)
            self._linked_in_order.append(canonical)
        if visit is not None:
            visit.articles.add(canonical)
        return self.article_request(url)

    def on_page_error(self, failure: Failure) -> None:
        """A listing page or sitemap that could not be downloaded; one not requested on purpose
        (robots.txt) is no failure of the pages that link to it."""
        request = failure.request  # type: ignore[attr-defined]
        visit = self._visits.setdefault(
            request.meta.get(PAGE_META_KEY, request.url), PageVisit(sent=feeds.FeedValidators(None, None))
        )
        visit.outcome = "failed" if failure_kind(failure) is not None else "not requested"
        self.on_error(failure)

    def on_error(self, failure: Failure) -> None:
        super().on_error(failure)
        request = getattr(failure, "request", None)
        if request is not None and request.meta.get(ARTICLE_META_KEY) and failure_kind(failure) is not None:
            # Known by the URL the listing gave, not the one it redirected to.
            listed = request.meta.get("redirect_urls", [request.url])[0]
            self._failed_articles.add(canonical_url(listed))

    def closed(self, reason: str) -> None:
        """Keep the validators of the complete pages; record what the listings linked to."""
        # An article the database did not take is lost to a 304 as surely as one never downloaded.
        self._record_listing_state()
        store_errors = self.crawler.stats.get_value(stats.error_stat("store"), 0)
        if reason == "finished" and not store_errors and self._conditional:
            self._keep_validators()

    def complete_pages(self) -> set[str]:
        """The pages whose answer, articles and further pages were all dealt with.

        A page is incomplete when it is, or when a page it led to is (and so on up the chain): from
        the pages incomplete by themselves, incompleteness is passed to the pages that led to them.
        """
        parents: dict[str, set[str]] = {}
        for url, visit in self._visits.items():
            for child in visit.pages:
                parents.setdefault(child, set()).add(url)
        incomplete = {
            url for url, visit in self._visits.items() if not visit.complete_alone(self._failed_articles)
        }
        waiting = deque(incomplete)
        while waiting:
            for parent in parents.get(waiting.popleft(), ()):
                if parent not in incomplete:
                    incomplete.add(parent)
                    waiting.append(parent)
        return set(self._visits) - incomplete

    def _keep_validators(self) -> None:
        def keep(session: Session) -> None:
            for url in sorted(self.complete_pages()):
                visit = self._visits[url]
                if not feeds.can_keep(url):
                    continue
                if visit.outcome == "unchanged":
                    feeds.record_fetch(session, url, status=304)
                elif visit.outcome == "read" and visit.received is not None and _worth_keeping(visit):
                    feeds.record_fetch(session, url, status=200, validators=visit.received)

        in_transaction(engine_for(self.settings), keep, "keeping the listings' validators")

    def _record_listing_state(self) -> None:
        """The digest of what the listings linked to, and their 304s as a sign of life.

        The same digest night after night means the listing stopped changing (alerts/health.py),
        whether or not its articles matched a topic. Pages that answered 304 show what they showed
        before, links unread: when every page did, the listing is as the last run that saw its links
        found it, and that run's digest stands. Pages read beside unchanged ones give the digest of
        their own links (it settles one run after such a change).

        An unchanged listing that showed articles still shows them: alive, as a feed answering 304 is.
        One that showed none when last read is as silent as it was, and its 304s do not hide that.
        """
        unchanged = sum(1 for visit in self._visits.values() if visit.outcome == "unchanged")
        if self._linked:
            digest: str | None = listing_digest(self._linked)
        else:
            digest = self._previous_listing_digest() if unchanged else None
        if digest is None:
            return
        self.crawler.stats.set_value(stats.LISTING_DIGEST, digest)
        if unchanged:
            self.crawler.stats.inc_value(stats.FEED_NOT_MODIFIED, unchanged)

    def _previous_listing_digest(self) -> str | None:
        """The digest of the source's latest run that saw its listings' links (a run whose pages all
        failed saw none, and is passed over)."""
        run_id = self.settings.getint(RUN_ID_SETTING)
        if not run_id:  # a crawl outside a recorded run (a test's): no history to go by
            return None
        try:
            history = in_transaction(
                reader_for(self.settings),
                lambda session: source_history(session, self.source.name, run_id - 1, DIGEST_LOOKBACK_RUNS),
                "reading the source's last runs",
            )
        except SQLAlchemyError as error:  # the database failing ends the run anyway; this is its aside
            logger.warning("source %s: last runs unreadable: %s", self.source.name, first_line(error))
            return None
        return next((str(run["listing_digest"]) for run in history if run.get("listing_digest")), None)


def listing_digest(linked: Iterable[str]) -> str:
    """The digest of the article links (canonical URLs) that a source's listings showed."""
    return hashlib.sha1("\n".join(sorted(linked)).encode(), usedforsecurity=False).hexdigest()[:16]


def _worth_keeping(visit: PageVisit) -> bool:
    """New validators are kept, or old ones cleared when the server stopped sending them; a server that
    never sent any leaves no row."""
    return visit.sent.present or (visit.received is not None and visit.received.present)


def _page_key(response: Response) -> str:
    """The URL a page's validators are kept under: the one requested (a hand-made response's own)."""
    request = response.request
    return str(request.meta.get(PAGE_META_KEY, response.url)) if request is not None else response.url
