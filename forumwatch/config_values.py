"""The kinds of value forumwatch.toml holds, each with the check that refuses a wrong one: names, URLs,
numbers written as TOML writes them, request headers and cookies, proxies, time zones, crontabs."""

from __future__ import annotations

import re
from typing import Annotated
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import AfterValidator, BeforeValidator, ConfigDict, Field

from forumwatch.config_errors import shown_value

Name = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9_-]{0,99}$")]
HttpUrl = Annotated[str, Field(pattern=r"^https?://[^\s/]+(/\S*)?$")]


def _has_no_credentials(url: str) -> str:
    # A source's URL is logged, and stored with its feed state and every article it yields: a password in
    # it would be everywhere. Sources are public pages; forumwatch has no way to log in to one.
    if "@" in urlsplit(url).netloc:
        raise ValueError(
            "a source URL may not hold a user name or password (user:password@): it would be logged and"
            " stored, and forumwatch crawls public pages only"
        )
    return url


SourceUrl = Annotated[HttpUrl, AfterValidator(_has_no_credentials)]


def _int_is_float(value: object) -> object:
    # TOML writes 30 for a float key as easily as 30.0; strict mode would refuse the integer.
    return float(value) if isinstance(value, int) and not isinstance(value, bool) else value


Float = Annotated[float, BeforeValidator(_int_is_float)]
PositiveFloat = Annotated[Float, Field(gt=0)]


# A header or cookie name: an HTTP token (RFC 9110 5.6.2).
_TOKEN = re.compile(r"[!#$%&'*+.^_`|~0-9A-Za-z-]+")
# Headers a source may not set: the HTTP client's own, from the URL and the body; those that concern one
# connection, not the request (hop-by-hop, RFC 9110 7.6.1); and those that have a key of their own.
_CLIENT_HEADERS = frozenset({"host", "content-length"})
_HOP_BY_HOP_HEADERS = frozenset(
    {"connection", "keep-alive", "proxy-connection", "proxy-authenticate", "proxy-authorization"}
    | {"te", "trailer", "transfer-encoding", "upgrade"}
)
_HEADERS_WITH_A_KEY = {
    "cookie": "give cookies in the source's cookies table",
    "user-agent": "the user agent is [crawl] user_agent, every source's: robots.txt is read for it",
}
# A cookie value as RFC 6265 (4.1.1) has it: printable ASCII but space, '"', ',', ';' and '\'.
_COOKIE_VALUE = re.compile(r"[!#-+\--:<-\[\]-~]*")


def _has_control_character(text: str) -> bool:
    return any((ord(c) < 32 and c != "\t") or ord(c) == 127 for c in text)


def are_request_headers(headers: dict[str, str]) -> dict[str, str]:
    for name, value in headers.items():
        lowered = name.lower()
        if not _TOKEN.fullmatch(name):
            raise ValueError(
                f"{shown_value(name)} is not a header name (letters, digits and !#$%&'*+-.^_`|~)"
            )
        if lowered in _CLIENT_HEADERS:
            raise ValueError(f"{shown_value(name)} is set by the HTTP client, from the URL and the body")
        if lowered in _HOP_BY_HOP_HEADERS:
            raise ValueError(
                f"{shown_value(name)} is a hop-by-hop header: it concerns one connection, not a request"
            )
        if lowered in _HEADERS_WITH_A_KEY:
            raise ValueError(f"{shown_value(name)}: {_HEADERS_WITH_A_KEY[lowered]}")
        if _has_control_character(value):
            raise ValueError(
                f"the value of {shown_value(name)} holds a line break or another control character"
            )
    return headers


def are_cookies(cookies: dict[str, str]) -> dict[str, str]:
    # Values are not echoed: a cookie may be a session.
    for name, value in cookies.items():
        if not _TOKEN.fullmatch(name):
            raise ValueError(
                f"{shown_value(name)} is not a cookie name (letters, digits and !#$%&'*+-.^_`|~)"
            )
        if not _COOKIE_VALUE.fullmatch(value):
            raise ValueError(
                f"the value of cookie {shown_value(name)} may hold printable ASCII only, without spaces, quotes,"
                " commas, semicolons or backslashes (percent-encode the rest)"
            )
    return cookies


def is_proxy_url(url: str) -> str:
    # The URL is not echoed: it may hold a password.
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname or not url.isprintable() or " " in url:
        raise ValueError("not an http(s) proxy URL such as 'http://proxy.example.org:3128'")
    if "@" in parts.netloc:
        raise ValueError(
            "a proxy URL may not hold a user name or password (user:password@): the crawl's settings are"
            " logged, and forumwatch supports proxies that need no password only"
        )
    try:
        _ = parts.port  # urlsplit reads the port only when asked
    except ValueError:
        raise ValueError("the proxy's port is not a number from 0 to 65535") from None
    if parts.path not in ("", "/") or parts.query or parts.fragment:
        raise ValueError("a proxy URL is scheme://host:port, without a path")
    return url


def _is_time_zone(value: str) -> str:
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError, OSError):  # OSError: a name too long for a file name
        raise ValueError(
            f"unknown time zone {shown_value(value)} (an IANA name such as 'Asia/Taipei')"
        ) from None
    return value


def _is_crontab(value: str) -> str:
    from apscheduler.triggers.cron import CronTrigger  # the scheduler's own parser is the reference

    try:
        CronTrigger.from_crontab(value)
    except ValueError as error:
        raise ValueError(f"not a crontab expression (minute hour day month weekday): {error}") from None
    return value


TimeZoneName = Annotated[str, AfterValidator(_is_time_zone)]
Crontab = Annotated[str, AfterValidator(_is_crontab)]
# Secrets never sit in the file: keys ending in _env name the environment variable that holds them.
EnvName = Annotated[str, Field(pattern=r"^[A-Za-z_][A-Za-z0-9_]*$")]


# Every table of the file: unknown keys are errors (a misspelt key must not silently fall back to a
# default), values are not converted (a string is no number), and a loaded configuration cannot change.
STRICT_TABLE = ConfigDict(extra="forbid", frozen=True, strict=True)
