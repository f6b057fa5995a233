"""JSON Feed 1.0 and 1.1 (https://jsonfeed.org) read into the entries feedparser makes of RSS and Atom.

feedparser 6 reads XML only: to it every JSON Feed is "not well-formed (invalid token)". Rather than a
second path through the spider, a JSON Feed is made into feedparser's result here, field by field, so
that its items are followed, cleaned and stored exactly as an RSS or Atom feed's entries are:

- ``url`` (the item's permalink) is the entry's ``link``; without one, an ``id`` that is an http(s) URL
  is, as feedparser makes a permalink ``<guid>`` or an Atom ``<id>`` the link;
- ``content_html`` and ``content_text`` are the entry's ``content`` (``text/html`` first, then
  ``text/plain``): the spider's full-text rule (``crawler.spiders.feed.full_text``) reads them as it
  reads ``content:encoded``;
- ``date_published`` and ``date_modified`` are ``published`` and ``updated``, with the UTC
  ``*_parsed`` times feedparser gives;
- ``authors`` (1.1), else ``author`` (1.0), else the feed's, are ``authors`` and ``author``; ``image``,
  ``banner_image``, ``attachments``, ``tags``, ``language`` and ``external_url`` are kept likewise.

Only the standard library: JSON needs no parser of its own, and the adapter runs in the feed-parsing
worker (crawler/feed_parsing.py) beside feedparser.
"""

from __future__ import annotations

import html
import json
import re
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from time import struct_time
from typing import Any
from urllib.parse import urlsplit

# What a JSON Feed's "version" starts with. The specification writes https; some early feeds wrote
# http, and nothing else writes either.
VERSION_PREFIXES = ("https://jsonfeed.org/version/", "http://jsonfeed.org/version/")
# feedparser's names for the versions (its development branch reads JSON Feed under these).
VERSION_NAMES = {"1": "json1", "1.1": "json11"}
# Non-feed JSON is described by its first few keys: enough to tell an API's error from a config file.
_KEYS_SHOWN = 5
_KEY_CHARS = 30
# A character reference in a title: WordPress's JSON Feed plugins write "Blog &#8211; Site" into a field
# that JSON Feed defines as plain text. Only references closed by ";" are read, so that "AT&T" and
# "&copy2024" stay as written.
_CHARACTER_REFERENCE = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")


class NotAJsonFeedError(ValueError):
    """The bytes are not a JSON Feed: JSON of another kind, or not readable as JSON at all."""


def looks_like_json(body: bytes) -> bool:
    """Whether the body is JSON rather than XML or HTML: it opens an object or an array.

    By content, not by Content-Type: servers send JSON Feeds as text/plain, text/html or
    application/octet-stream, and RSS as application/json.
    """
    return body.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] in (b"{", b"[")


def parse_json_feed(body: bytes | str) -> dict[str, Any]:
    """The feed as feedparser's result: ``version``, ``feed``, ``entries``, ``bozo``, ``bozo_exception``.

    Raises NotAJsonFeedError, saying what the JSON is instead, when it is no JSON Feed. Items that are
    not objects are left out and named in ``bozo_exception``, as feedparser names what it skipped in a
    feed that is not well-formed.
    """
    try:
        document = json.loads(body)
    except (ValueError, RecursionError) as error:  # JSONDecodeError, an over-long integer, deep nesting
        raise NotAJsonFeedError(f"JSON that cannot be read: {error}") from None
    version = _text(document.get("version")) if isinstance(document, dict) else None
    if not (
        isinstance(document, dict)
        and version is not None
        and version.startswith(VERSION_PREFIXES)
        and isinstance(document.get("items"), list)
    ):
        raise NotAJsonFeedError(f"JSON that is not a JSON Feed ({_what_it_is(document)})")
    feed = _feed(document)
    entries = []
    skipped = 0
    for item in document["items"]:
        if isinstance(item, dict):
            entries.append(_entry(item, feed))
        else:
            skipped += 1
    result: dict[str, Any] = {
        "version": VERSION_NAMES.get(version.rpartition("/version/")[2].strip("/"), "json"),
        "feed": feed,
        "entries": entries,
        "bozo": bool(skipped),
    }
    if skipped:
        result["bozo_exception"] = f"{skipped} of {len(document['items'])} items are not JSON objects"
    return result


def _what_it_is(document: Any) -> str:
    """JSON that is not a JSON Feed, in a few words."""
    if isinstance(document, list):
        return "an array"
    if not isinstance(document, dict):
        return {str: "a string", bool: "true or false", type(None): "null"}.get(type(document), "a number")
    version = document.get("version")
    if isinstance(version, str) and version.startswith(VERSION_PREFIXES):
        return 'a JSON Feed "version" but no "items" list'
    if not document:
        return "an empty object"
    keys = [json.dumps(key[:_KEY_CHARS], ensure_ascii=False) for key in list(document)[:_KEYS_SHOWN]]
    more = ", …" if len(document) > _KEYS_SHOWN else ""
    return f"an object with keys {', '.join(keys)}{more}"


def _feed(document: dict[str, Any]) -> dict[str, Any]:
    """The feed's own fields, feedparser's names; what items inherit is here too."""
    feed: dict[str, Any] = {}
    _put(feed, "title", _plain_title(document.get("title")))
    _put(feed, "link", _text(document.get("home_page_url")))
    _put(feed, "subtitle", _text(document.get("description")))
    _put(feed, "language", _text(document.get("language")))
    _put(feed, "icon", _text(document.get("icon")))
    authors = _people(document.get("authors"), document.get("author"))
    if authors:
        feed["authors"] = authors
        _put(feed, "author", authors[0].get("name"))
    return feed


def _entry(item: dict[str, Any], feed: dict[str, Any]) -> dict[str, Any]:
    entry: dict[str, Any] = {}
    item_id = _text(item.get("id"), numbers=True)
    _put(entry, "id", item_id)
    link = _text(item.get("url")) or (item_id if item_id and _is_web_url(item_id) else None)
    links = []
    if link:
        entry["link"] = link
        links.append({"rel": "alternate", "type": "text/html", "href": link})
    external_url = _text(item.get("external_url"))
    if external_url:
        # The page the item is about (a link blog's target): Atom's rel="related". Never the entry's own
        # link: the item's text is the blogger's, not that page's.
        entry["external_url"] = external_url
        links.append({"rel": "related", "type": "text/html", "href": external_url})
    if links:
        entry["links"] = links
    title = _plain_title(item.get("title"))
    if title is not None:
        entry["title"] = title
        entry["title_detail"] = {"type": "text/plain", "value": title}
    content = [
        {"type": media_type, "value": value}
        for media_type, value in (
            ("text/html", _text(item.get("content_html"))),
            ("text/plain", _text(item.get("content_text"))),
        )
        if value
    ]
    if content:
        entry["content"] = content
    summary = _text(item.get("summary"))
    if summary:
        entry["summary"] = summary
        entry["summary_detail"] = {"type": "text/plain", "value": summary}
    for field, name in (("date_published", "published"), ("date_modified", "updated")):
        written = _text(item.get(field))
        if written:
            entry[name] = written
            # Left out when unreadable: the spider then tries its own date forms on the text.
            _put(entry, f"{name}_parsed", _utc_time(written))
    # JSON Feed: "If not specified in an item, then the top-level authors, if present, are the authors".
    authors = _people(item.get("authors"), item.get("author")) or feed.get("authors", [])
    if authors:
        entry["authors"] = authors
        entry["author_detail"] = authors[0]
        _put(entry, "author", authors[0].get("name"))
    _put(entry, "language", _text(item.get("language")) or feed.get("language"))
    images = [url for url in (_text(item.get("image")), _text(item.get("banner_image"))) if url]
    if images:
        entry["media_content"] = [{"url": url, "medium": "image"} for url in images]
    enclosures = [_enclosure(attachment) for attachment in _list(item.get("attachments"))]
    if any(enclosures):
        entry["enclosures"] = [enclosure for enclosure in enclosures if enclosure]
    tags = [tag for tag in (_text(tag) for tag in _list(item.get("tags"))) if tag]
    if tags:
        entry["tags"] = [{"term": tag, "scheme": None, "label": None} for tag in tags]
    return entry


def _people(authors: Any, author: Any) -> list[dict[str, str]]:
    """JSON Feed 1.1's ``authors``, else 1.0's ``author``, as feedparser's author dicts."""
    people = _list(authors) or ([author] if author is not None else [])
    found = []
    for person in people:
        if not isinstance(person, dict):
            continue
        details = {"name": _text(person.get("name")), "href": _text(person.get("url"))}
        if any(details.values()):
            found.append({key: value for key, value in details.items() if value})
    return found


def _enclosure(attachment: Any) -> dict[str, str] | None:
    """An attachment as feedparser's enclosure (``href``, ``type``, ``length`` as text)."""
    url = _text(attachment.get("url")) if isinstance(attachment, dict) else None
    if url is None:
        return None
    enclosure = {"href": url}
    _put(enclosure, "type", _text(attachment.get("mime_type")))
    _put(enclosure, "length", _text(attachment.get("size_in_bytes"), numbers=True))
    return enclosure


def _utc_time(written: str) -> struct_time | None:
    """A date as feedparser gives it: a UTC struct_time. RFC 3339 as the specification says, and the
    RFC 822 dates some publishers write (taken from their RSS); a time without an offset is UTC, as
    feedparser reads one."""
    try:
        moment = datetime.fromisoformat(written)
    except ValueError:
        try:
            moment = parsedate_to_datetime(written)
        except (TypeError, ValueError, IndexError):
            return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    try:
        return moment.astimezone(UTC).utctimetuple()
    except OverflowError:  # year 1 with an offset east of UTC
        return None


def _plain_title(value: Any) -> str | None:
    title = _text(value)
    if title is None:
        return None
    return _CHARACTER_REFERENCE.sub(lambda reference: html.unescape(reference.group()), title)


def _text(value: Any, *, numbers: bool = False) -> str | None:
    """A string field's value, or None when absent, empty or of another type (a number too, where the
    specification's string is often written as one: ids, sizes)."""
    if numbers and isinstance(value, int | float) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        return None
    value = value.strip()
    return value or None


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _put(target: dict[str, Any], key: str, value: Any) -> None:
    """Set ``key`` only to a value: feedparser leaves out what a feed does not say."""
    if value is not None:
        target[key] = value


def _is_web_url(value: str) -> bool:
    try:
        parts = urlsplit(value)
    except ValueError:  # "http://[not-an-address"
        return False
    return parts.scheme in ("http", "https") and bool(parts.netloc)
