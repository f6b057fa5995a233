"""`forumwatch explain`: why a page was (or was not) kept, in one place.

For one page (a saved file or a URL fetched once) it shows what the crawl would decide: the cleaner's
decisions (as `clean --explain`), every configured topic's score and why it matched or not, and the
event reading (kind, dates, city) with its reasons.
"""

from __future__ import annotations

import http.client
import ipaddress
import socket
import urllib.error
import urllib.request
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

from crawler.cleaner import CleanArticle
from crawler.cleaner import explain as explain_page
from crawler.cleaner.trace import Trace
from crawler.events import EventReading, read_event
from crawler.netpolicy import is_public
from crawler.topics import Topic, TopicEvaluation, TopicMatcher
from forumwatch.terminal import printable, without_password

# A page is read once, by hand: generous, but bounded.
FETCH_TIMEOUT_SECONDS = 20
FETCH_MAX_BYTES = 10 * 1024 * 1024
FETCH_MAX_REDIRECTS = 5
USER_AGENT = "forumwatch-explain (+https://github.com/forumwatch)"


class FetchError(Exception):
    """The page could not be fetched; the message says why, for the person who asked."""


@dataclass(frozen=True)
class Fetched:
    body: bytes
    url: str  # after redirects
    charset: str | None  # as the server declared it


def fetch(url: str, allow_private: bool = False) -> Fetched:
    """GET one http(s) page: redirects followed (each target checked again), size and time bounded, and
    no loopback, private, link-local or reserved address unless ``allow_private``."""
    opener = urllib.request.build_opener(_CheckedRedirects(allow_private))
    _check_target(url, allow_private)
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    shown = without_password(url)
    try:
        with opener.open(request, timeout=FETCH_TIMEOUT_SECONDS) as response:
            body = response.read(FETCH_MAX_BYTES + 1)
            if len(body) > FETCH_MAX_BYTES:
                raise FetchError(f"{shown}: larger than {FETCH_MAX_BYTES // (1024 * 1024)} MB")
            return Fetched(body, response.geturl(), response.headers.get_content_charset())
    except urllib.error.HTTPError as error:
        raise FetchError(f"{shown}: HTTP {error.code} {error.reason}") from None
    except urllib.error.URLError as error:
        reason = error.reason
        raise FetchError(f"{shown}: {reason}") from None
    except (TimeoutError, OSError, http.client.InvalidURL) as error:
        raise FetchError(f"{shown}: {error}") from None


class _CheckedRedirects(urllib.request.HTTPRedirectHandler):
    max_redirections = FETCH_MAX_REDIRECTS

    def __init__(self, allow_private: bool) -> None:
        self._allow_private = allow_private

    def redirect_request(self, req, fp, code, msg, headers, newurl):  # type: ignore[no-untyped-def]
        _check_target(newurl, self._allow_private)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def _check_target(url: str, allow_private: bool) -> None:
    shown = without_password(url)
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as error:  # a bracketed host that is no IPv6 address, a port that is no number
        raise FetchError(f"{shown}: not a URL ({error})") from None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise FetchError(f"{shown}: only http and https pages can be fetched")
    if parts.username is not None:
        # urllib sends no credentials from a URL: it reads user:password@ as part of the host name.
        raise FetchError(f"{shown}: a URL with a user name or password cannot be fetched")
    if allow_private:
        return
    try:
        addresses = {str(info[4][0]) for info in socket.getaddrinfo(parts.hostname, port or None)}
    except (socket.gaierror, UnicodeError) as error:
        raise FetchError(f"{shown}: cannot resolve {parts.hostname} ({error})") from None
    for address in addresses:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
        if not is_public(ip):  # the crawl's own rule (crawler/netpolicy.py)
            raise FetchError(
                f"{shown}: {parts.hostname} is {ip}, a private or local address (pass --allow-private to fetch it)"
            )


@dataclass(frozen=True)
class Explanation:
    article: CleanArticle
    trace: Trace
    topics: list[TopicEvaluation]
    event: EventReading | None  # None when the page gave no article

    def to_json(self) -> dict[str, Any]:
        return {
            "article": self.article.to_json(),
            "cleaning": self.trace.to_json(),
            "topics": [
                {
                    "topic": t.topic,
                    "matched": t.matched,
                    "score": t.score,
                    "min_score": t.min_score,
                    "reason": t.reason,
                    "hits": [{"alias": h.alias, "where": h.where, "count": h.count} for h in t.hits],
                }
                for t in self.topics
            ],
            "event": self.event.to_json() if self.event else None,
        }

    def render(self) -> str:
        lines = ["How this page was cleaned:", *self.trace.render().split("\n"), ""]
        if self.article.is_empty:
            lines.append(f"no article: {self.article.empty_reason}")
            return _printable_lines(lines)
        published = self.article.published.isoformat() if self.article.published else "unknown"
        lines += [f"Article: {self.article.title}", f"published: {published}", ""]
        lines.append("Topics:")
        lines += [f"- {evaluation.describe()}" for evaluation in self.topics] or ["- no topics configured"]
        if self.event is not None:
            lines += ["", f"Event: {self.event.kind}"]
            if self.event.event is not None:
                fields = {k: v for k, v in self.event.event.to_json().items() if v is not None}
                lines += [f"  {key}: {value}" for key, value in fields.items()]
            lines += [f"  · {reason}" for reason in self.event.reasons]
        return _printable_lines(lines)


def _printable_lines(lines: list[str]) -> str:
    # Titles, event fields and the trace's snippets come from the page: one line each, escaped.
    return "\n".join(printable(line) for line in lines)


def explain(
    raw: bytes,
    url: str | None,
    topics: list[Topic],
    *,
    profile: str | None = None,
    declared_encoding: str | None = None,
) -> Explanation:
    """Clean the page, match it against ``topics`` and read its event, each with its reasons."""
    article, trace = explain_page(raw, url, profile=profile, declared_encoding=declared_encoding)
    if article.is_empty:
        return Explanation(article, trace, [], None)
    evaluations = TopicMatcher(topics).evaluate(article.title, article.text)
    published: datetime | None = article.published
    event = read_event(article.title, article.text, published, article.language)
    return Explanation(article, trace, evaluations, event)
