"""The forumwatch.toml file, validated into typed objects.

A bad file is refused before anything runs, with the key path and the reason, e.g.
``forumwatch.toml: sources[2] (sina-finance).artcle_pattern: unknown key``.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Annotated, Any, Literal, Self

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from crawler.topics import DEFAULT_MIN_SCORE, MAX_SCORE, contains_term
from forumwatch import __version__
from storage.authority import DEFAULT_AUTHORITY, Authority
from storage.textnorm import normalise_for_matching

DEFAULT_CONFIG_PATH = Path("forumwatch.toml")
DEFAULT_USER_AGENT = f"forumwatch/{__version__} (news monitoring; +https://pypi.org/project/forumwatch/)"

Name = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9_-]{0,99}$")]
HttpUrl = Annotated[str, Field(pattern=r"^https?://[^\s/]+(/\S*)?$")]


class ConfigError(Exception):
    """The configuration file cannot be used; ``lines`` say where and why, one problem per line."""

    def __init__(self, lines: list[str]) -> None:
        super().__init__("\n".join(lines))
        self.lines = lines


class _Strict(BaseModel):
    # Unknown keys are errors: a misspelt key must not silently fall back to a default.
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)


class DatabaseConfig(_Strict):
    url: str = "sqlite:///forumwatch.db"

    @field_validator("url")
    @classmethod
    def _is_sqlalchemy_url(cls, value: str) -> str:
        try:
            make_url(value)
        except ArgumentError as error:
            raise ValueError(f"not a database URL: {error}") from None
        return value


class CrawlConfig(_Strict):
    user_agent: str = DEFAULT_USER_AGENT
    obey_robots_txt: bool = True
    download_delay: Annotated[float, Field(ge=0)] = 1.0
    autothrottle_start_delay: Annotated[float, Field(ge=0)] = 5.0
    autothrottle_target_concurrency: Annotated[float, Field(gt=0)] = 1.0
    concurrent_requests_per_domain: Annotated[int, Field(ge=1, le=64)] = 2
    download_timeout: Annotated[float, Field(gt=0)] = 30.0
    max_listing_pages: Annotated[int, Field(ge=1, le=1000)] = 3
    keep_unmatched: bool = False

    # TOML writes 0 for a float key as easily as 0.0; accept integers where floats are meant.
    @field_validator(
        "download_delay",
        "autothrottle_start_delay",
        "autothrottle_target_concurrency",
        "download_timeout",
        mode="before",
    )
    @classmethod
    def _int_is_float(cls, value: object) -> object:
        return float(value) if isinstance(value, int) and not isinstance(value, bool) else value


def _has_text_to_match(term: str) -> str:
    # Matching folds punctuation and white space away: a term made only of them would never be found,
    # a mistake to report rather than to ignore.
    if not normalise_for_matching(term):
        raise ValueError(f"{term!r} has no letter, digit or CJK character to match")
    return term


MatchTerm = Annotated[str, Field(min_length=1), AfterValidator(_has_text_to_match)]


class TopicConfig(_Strict):
    name: Name
    aliases: Annotated[list[MatchTerm], Field(min_length=1)]
    exclude: list[MatchTerm] = []
    min_score: Annotated[float, Field(gt=0)] = DEFAULT_MIN_SCORE

    @field_validator("min_score", mode="before")
    @classmethod
    def _int_is_float(cls, value: object) -> object:
        return float(value) if isinstance(value, int) and not isinstance(value, bool) else value

    @field_validator("min_score")
    @classmethod
    def _reachable(cls, value: float) -> float:
        if value > MAX_SCORE:
            raise ValueError(f"{value:g} can never be reached: the highest score is {MAX_SCORE:g}")
        return value

    @field_validator("exclude")
    @classmethod
    def _excludes_no_alias(cls, value: list[str], info: ValidationInfo) -> list[str]:
        # An exclusion found inside an alias (or equal to it, in any script) is found wherever the alias
        # is: the topic could never match.
        for term in value:
            for alias in info.data.get("aliases", []):
                if normalise_for_matching(term) == normalise_for_matching(alias):
                    raise ValueError(
                        f"{term!r} is the alias {alias!r} once folded: the topic could never match"
                    )
                if contains_term(alias, term):
                    raise ValueError(f"{term!r} occurs in the alias {alias!r}: the topic could never match")
        return value


class SourceConfig(_Strict):
    name: Name
    kind: Literal["feed", "site"]
    url: HttpUrl | None = None
    start_urls: list[HttpUrl] = []
    sitemap_urls: list[HttpUrl] = []
    article_pattern: str | None = None
    listing_pattern: str | None = None
    max_listing_pages: Annotated[int, Field(ge=1, le=1000)] | None = None
    profile: str | None = None
    # Whose copy heads a story: official sites, then wire services, then portals, then blogs.
    authority: Authority = DEFAULT_AUTHORITY
    enabled: bool = True

    @field_validator("article_pattern", "listing_pattern")
    @classmethod
    def _is_regex(cls, value: str | None) -> str | None:
        if value is not None:
            try:
                re.compile(value)
            except re.error as error:
                raise ValueError(f"invalid regular expression: {error}") from None
        return value

    @field_validator("profile")
    @classmethod
    def _is_known_profile(cls, value: str | None) -> str | None:
        from crawler.cleaner import profile_names  # the cleaner owns the list of profiles

        if value is not None and value not in profile_names():
            raise ValueError(f"unknown profile {value!r}; known: {', '.join(profile_names())}")
        return value

    @model_validator(mode="after")
    def _fits_kind(self) -> Self:
        if self.kind == "feed":
            if self.url is None:
                raise ValueError("a feed source needs url")
            for key in ("start_urls", "sitemap_urls", "article_pattern", "listing_pattern"):
                if getattr(self, key):
                    raise ValueError(f"{key} is for site sources; a feed source takes url")
        else:
            if self.url is not None:
                raise ValueError("a site source takes start_urls (and/or sitemap_urls), not url")
            if not self.start_urls and not self.sitemap_urls:
                raise ValueError("a site source needs start_urls or sitemap_urls")
            if self.article_pattern is None:
                raise ValueError("a site source needs article_pattern (a regex of article URLs)")
        return self

    @property
    def entry_url(self) -> str:
        """The URL that identifies the source: its feed, or its first start or sitemap URL."""
        return self.url or (self.start_urls or self.sitemap_urls)[0]


class Config(_Strict):
    database: DatabaseConfig = DatabaseConfig()
    crawl: CrawlConfig = CrawlConfig()
    topics: Annotated[list[TopicConfig], Field(min_length=1)]
    sources: list[SourceConfig] = []

    @model_validator(mode="after")
    def _unique_names(self) -> Self:
        for key, items in (("topics", self.topics), ("sources", self.sources)):
            names = [item.name for item in items]
            duplicates = sorted({n for n in names if names.count(n) > 1})
            if duplicates:
                raise ValueError(f"{key}: duplicate name {', '.join(duplicates)}")
        return self

    def with_database(self, url: str | None) -> Config:
        """This configuration with the database URL replaced (``--db``), validated like the file."""
        if url is None:
            return self
        return self.model_copy(update={"database": DatabaseConfig(url=url)})

    @property
    def enabled_sources(self) -> list[SourceConfig]:
        return [source for source in self.sources if source.enabled]


def load_config(path: Path) -> Config:
    """Read and validate ``path``; raise ConfigError with one line per problem."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError([f"{path}: no such file"]) from None
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError([f"{path}: cannot read: {error}"]) from None
    except tomllib.TOMLDecodeError as error:
        raise ConfigError([f"{path}: not valid TOML: {error}"]) from None
    return parse_config(data, origin=str(path))


def parse_config(data: dict[str, object], origin: str = "config") -> Config:
    try:
        return Config.model_validate(data)
    except ValidationError as error:
        raise ConfigError([f"{origin}: {line}" for line in describe_errors(error, data)]) from None


def describe_errors(error: ValidationError, data: dict[str, object]) -> list[str]:
    """Pydantic's errors as 'key.path: reason' lines, naming list entries by their `name` too."""
    lines = []
    for detail in error.errors(include_url=False):
        location = _key_path(detail["loc"], data)
        reason = _reason(detail)
        lines.append(f"{location}: {reason}" if location else reason)
    return lines


def _key_path(location: tuple[int | str, ...], data: object) -> str:
    parts: list[str] = []
    node: object = data
    for key in location:
        if isinstance(key, int):
            entry = node[key] if isinstance(node, list) and key < len(node) else None
            named = entry.get("name") if isinstance(entry, dict) else None
            parts.append(f"[{key}]" + (f" ({named})" if isinstance(named, str) else ""))
            node = entry
        elif key.startswith(("function-", "literal[", "union[")) or key in ("str", "int", "float"):
            continue  # pydantic's names for validator branches, not keys of the file
        else:
            parts.append(f".{key}" if parts else key)
            node = node.get(key) if isinstance(node, dict) else None
    return "".join(parts)


def _reason(detail: Mapping[str, Any]) -> str:
    kind, message, given = detail["type"], str(detail["msg"]), detail.get("input")
    if kind == "extra_forbidden":
        return "unknown key"
    if kind == "missing":
        return "required key is missing"
    if kind == "string_pattern_mismatch":
        if str(detail.get("ctx", {}).get("pattern", "")).startswith("^https?"):
            return f"not an http(s) URL (got {given!r})"
        return f"use lower-case letters, digits, '-' and '_' only (got {given!r})"
    if kind.endswith("_type") or kind == "literal_error":
        return f"{message} (got {given!r})"
    return message.removeprefix("Value error, ")
