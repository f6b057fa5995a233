"""The forumwatch.toml file, validated into typed objects: the schema (the value kinds are in
forumwatch/config_values.py, how errors are told in forumwatch/config_errors.py).

A bad file is refused before anything runs, with the key path and the reason, e.g.
``forumwatch.toml: sources[2] (sina-finance).artcle_pattern: unknown key``.
"""

from __future__ import annotations

import re
import sys
import tomllib
from pathlib import Path
from typing import Annotated, Any, Literal, Self

from pydantic import (
    AfterValidator,
    BaseModel,
    Field,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from dedup.textnorm import contains_term, normalise_for_matching
from forumwatch import __version__
from forumwatch.config_alerts import AlertRuleConfig, ChannelConfig, DeliveryConfig, HealthConfig
from forumwatch.config_errors import ConfigError as ConfigError
from forumwatch.config_errors import describe_errors, shown_value
from forumwatch.config_values import (
    STRICT_TABLE,
    Crontab,
    EnvName,
    Float,
    Name,
    PositiveFloat,
    SourceUrl,
    TimeZoneName,
    are_cookies,
    are_request_headers,
    is_proxy_url,
)
from storage.authority import DEFAULT_AUTHORITY, Authority

DEFAULT_CONFIG_PATH = Path("forumwatch.toml")
DEFAULT_SCHEDULE_NAME = "nightly"
# The database URL by environment (as --db): how the service hands it to its crawl processes, since a
# command line is readable by anyone on the machine.
DATABASE_URL_ENV = "FORUMWATCH_DATABASE_URL"
# Sites see who is asking; an operator adds a contact address with [crawl] user_agent or per source.
DEFAULT_USER_AGENT = f"forumwatch/{__version__} (news monitoring)"


class _Strict(BaseModel):
    model_config = STRICT_TABLE


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
    download_delay: Annotated[Float, Field(ge=0)] = 1.0
    # Off: download_delay and concurrent_requests_per_domain alone set the pace (a site of one's own, a
    # benchmark); on, AutoThrottle slows down for a server that answers slowly.
    autothrottle: bool = True
    autothrottle_start_delay: Annotated[Float, Field(ge=0)] = 5.0
    autothrottle_target_concurrency: PositiveFloat = 1.0
    concurrent_requests_per_domain: Annotated[int, Field(ge=1, le=64)] = 2
    download_timeout: PositiveFloat = 30.0
    max_listing_pages: Annotated[int, Field(ge=1, le=1000)] = 3
    keep_unmatched: bool = False
    # An article page that gave nothing to store (off-topic, empty, 404/410) is not downloaded again for
    # this many days, an off-topic one until the topics change (crawler/downloadermiddlewares/
    # incremental.py); 0: every crawl downloads it again.
    recheck_days: Annotated[int, Field(ge=0)] = 30
    # A feed that takes longer to parse is given up for the night (a feed built to be slow must not
    # stall the other sources); None: the crawler's default (crawler/feed_parsing.py).
    feed_parse_seconds: PositiveFloat | None = None
    # Each source's budget for one crawl (0: none): past either, the source stops and the run says so.
    # One broken source must not take the night; a healthy one needs minutes and fails a few tries
    # (errors and retried tries count alike).
    source_time_limit: Annotated[Float, Field(ge=0)] = 3600.0
    source_error_limit: Annotated[int, Field(ge=0)] = 100
    # Addresses, networks or host names a crawl may fetch although they are private (loopback, LAN,
    # link-local): an intranet's news server, the demo's local site. Everything else private is refused.
    # Each is checked by the crawler's parser (forumwatch/crawling.py), which owns the policy.
    allow_private: list[str] = []
    # Sources with render = "browser": the Chromium to drive (None: Playwright's own, if installed), how
    # long a page may take to load, and how many pages a source may render in one crawl.
    browser_executable: str | None = None
    browser_page_timeout: PositiveFloat = 30.0
    browser_max_pages: Annotated[int, Field(ge=1)] = 200


def _has_text_to_match(term: str) -> str:
    # Matching folds punctuation and white space away: a term made only of them would never be found,
    # a mistake to report rather than to ignore.
    if not normalise_for_matching(term):
        raise ValueError(f"{shown_value(term)} has no letter, digit or CJK character to match")
    return term


MatchTerm = Annotated[str, Field(min_length=1), AfterValidator(_has_text_to_match)]


class TopicConfig(_Strict):
    name: Name
    aliases: Annotated[list[MatchTerm], Field(min_length=1)]
    exclude: list[MatchTerm] = []
    # None: the matcher's default; the matcher's highest score is checked in forumwatch/crawling.py.
    min_score: PositiveFloat | None = None

    @field_validator("exclude")
    @classmethod
    def _excludes_no_alias(cls, value: list[str], info: ValidationInfo) -> list[str]:
        # An exclusion found inside an alias (or equal to it, in any script) is found wherever the alias
        # is: the topic could never match.
        for term in value:
            for alias in info.data.get("aliases", []):
                if normalise_for_matching(term) == normalise_for_matching(alias):
                    raise ValueError(
                        f"{shown_value(term)} is the alias {shown_value(alias)} once folded: the topic could never match"
                    )
                if contains_term(alias, term):
                    raise ValueError(
                        f"{shown_value(term)} occurs in the alias {shown_value(alias)}: the topic could never match"
                    )
        return value


class SourceConfig(_Strict):
    name: Name
    kind: Literal["feed", "site"]
    url: SourceUrl | None = None
    start_urls: list[SourceUrl] = []
    sitemap_urls: list[SourceUrl] = []
    article_pattern: str | None = None
    listing_pattern: str | None = None
    max_listing_pages: Annotated[int, Field(ge=1, le=1000)] | None = None
    profile: str | None = None  # one of the cleaner's, checked in forumwatch/crawling.py
    # Whose copy heads a story: official sites, then wire services, then portals, then blogs.
    authority: Authority = DEFAULT_AUTHORITY
    enabled: bool = True
    # This source's pace instead of [crawl]'s: at most concurrent_requests requests in flight to a host,
    # and download_delay seconds between two starts, counting every source's requests to that host.
    download_delay: Annotated[Float, Field(ge=0)] | None = None
    concurrent_requests: Annotated[int, Field(ge=1, le=64)] | None = None
    # Sent with every request of the source, robots.txt too (crawler/source_settings.py). Cookies also turn
    # cookies on for this source alone: what its sites set is kept for the crawl.
    headers: Annotated[dict[str, str], AfterValidator(are_request_headers)] = {}
    cookies: Annotated[dict[str, str], AfterValidator(are_cookies)] = {}
    proxy: Annotated[str, AfterValidator(is_proxy_url)] | None = None
    # "browser": pages built by JavaScript, loaded in Chromium (crawler/browser.py).
    render: Literal["html", "browser"] = "html"

    @field_validator("article_pattern", "listing_pattern")
    @classmethod
    def _is_regex(cls, value: str | None) -> str | None:
        if value is not None:
            try:
                re.compile(value)
            except re.error as error:
                raise ValueError(f"invalid regular expression: {error}") from None
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


class SchedulerConfig(_Strict):
    """The service's defaults: the nightly schedule of every source without one of its own."""

    cron: Crontab = "0 2 * * *"
    # None: the machine's local time zone.
    timezone: TimeZoneName | None = None
    # A run missed while the service was down starts once at start-up if it is at most this old.
    catch_up_hours: PositiveFloat = 24.0
    crawl_timeout_minutes: PositiveFloat = 180.0
    # A scheduler that dies without letting go holds the database at most this long.
    lease_seconds: Annotated[Float, Field(ge=10)] = 90.0
    # How often the outbox is looked at (immediate alerts, retries) while the service runs.
    delivery_interval_seconds: Annotated[Float, Field(ge=1)] = 30.0


class ScheduleConfig(_Strict):
    """A group of sources crawled on their own schedule."""

    name: Name
    cron: Crontab
    timezone: TimeZoneName | None = None  # None: [scheduler].timezone
    sources: Annotated[list[Name], Field(min_length=1)]
    timeout_minutes: PositiveFloat | None = None  # None: [scheduler].crawl_timeout_minutes


REDIS_URL_PATTERN = r"^(rediss?://\S+|unix:///\S+)$"
RedisUrl = Annotated[str, Field(pattern=REDIS_URL_PATTERN)]


class ClusterConfig(_Strict):
    """Crawl workers sharing the nightly run through Redis (docs/cluster.md); absent: one process crawls."""

    # A Redis URL with a password is a secret: give the name of the variable that holds it (redis_url_env).
    redis_url: RedisUrl | None = None
    redis_url_env: EnvName | None = None
    # Keys are named {key_prefix}:...: two deployments can share one Redis.
    key_prefix: Name = "forumwatch"
    # A worker silent this long is dead, and the requests it held go back to the queue.
    worker_timeout_seconds: Annotated[Float, Field(ge=5)] = 30.0
    # A run that no worker joins in this long fails, saying so.
    no_worker_seconds: Annotated[Float, Field(ge=5)] = 300.0

    @model_validator(mode="after")
    def _one_url(self) -> Self:
        if (self.redis_url is None) == (self.redis_url_env is None):
            raise ValueError("give exactly one of redis_url and redis_url_env")
        return self


class UiConfig(_Strict):
    """How people are shown things: the review page and the command line."""

    # Times are shown in this zone, labelled with it; None: [delivery] timezone, else [scheduler]
    # timezone, else the machine's zone.
    timezone: TimeZoneName | None = None


class Config(_Strict):
    database: DatabaseConfig = DatabaseConfig()
    ui: UiConfig = UiConfig()
    crawl: CrawlConfig = CrawlConfig()
    topics: Annotated[list[TopicConfig], Field(min_length=1)]
    sources: list[SourceConfig] = []
    scheduler: SchedulerConfig = SchedulerConfig()
    schedules: list[ScheduleConfig] = []
    channels: list[ChannelConfig] = []
    alerts: list[AlertRuleConfig] = []
    health: HealthConfig = HealthConfig()
    delivery: DeliveryConfig = DeliveryConfig()
    cluster: ClusterConfig | None = None

    @model_validator(mode="after")
    def _unique_names(self) -> Self:
        named: tuple[tuple[str, list[Any]], ...] = (
            ("topics", self.topics),
            ("sources", self.sources),
            ("schedules", self.schedules),
            ("channels", self.channels),
            ("alerts", self.alerts),
        )
        for key, items in named:
            names = [item.name for item in items]
            duplicates = sorted({n for n in names if names.count(n) > 1})
            if duplicates:
                raise ValueError(f"{key}: duplicate name {', '.join(duplicates)}")
        return self

    @model_validator(mode="after")
    def _references_exist(self) -> Self:
        # Names that point elsewhere in the file must exist: a typo would silently alert nobody.
        topics = {t.name for t in self.topics}
        sources = {s.name for s in self.sources}
        channels = {c.name for c in self.channels}
        problems: list[str] = []
        scheduled: dict[str, str] = {}
        for index, schedule in enumerate(self.schedules):
            for name in schedule.sources:
                where = f"schedules[{index}] ({schedule.name}).sources"
                if name not in sources:
                    problems.append(f"{where}: no source named {name!r}")
                elif name in scheduled:
                    problems.append(f"{where}: {name!r} is in schedule {scheduled[name]!r} already")
                scheduled.setdefault(name, schedule.name)
        for index, rule in enumerate(self.alerts):
            where = f"alerts[{index}] ({rule.name})"
            problems += [f"{where}.topics: no topic named {n!r}" for n in rule.topics if n not in topics]
            problems += [
                f"{where}.channels: no channel named {n!r}" for n in rule.channels if n not in channels
            ]
        problems += [
            f"health.channels: no channel named {n!r}" for n in self.health.channels if n not in channels
        ]
        if any(s.name == DEFAULT_SCHEDULE_NAME for s in self.schedules) and len(scheduled) < len(sources):
            problems.append(
                f"schedules: {DEFAULT_SCHEDULE_NAME!r} is the name of the default schedule of the sources"
                " in no group; name yours otherwise or put every source in a group"
            )
        if problems:
            # One error per problem, each already naming its key path.
            raise ValueError("\n".join(problems))
        return self

    def with_database(self, url: str | None) -> Config:
        """This configuration with the database URL replaced (``--db``), validated like the file."""
        if url is None:
            return self
        return self.model_copy(update={"database": DatabaseConfig(url=url)})

    @property
    def enabled_sources(self) -> list[SourceConfig]:
        return [source for source in self.sources if source.enabled]

    def crawl_schedules(self) -> list[ScheduleConfig]:
        """Every schedule the service runs: the [[schedules]] groups, then the default one
        ("nightly", from [scheduler]) for the enabled sources in no group, if there are any."""
        grouped = {name for schedule in self.schedules for name in schedule.sources}
        rest = [s.name for s in self.enabled_sources if s.name not in grouped]
        schedules = list(self.schedules)
        if rest:
            schedules.append(
                ScheduleConfig(
                    name=DEFAULT_SCHEDULE_NAME,
                    cron=self.scheduler.cron,
                    timezone=self.scheduler.timezone,
                    sources=rest,
                )
            )
        return schedules

    def channel(self, name: str) -> ChannelConfig:
        return next(channel for channel in self.channels if channel.name == name)


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
    except ValueError:
        # tomllib reads integers with int(), which refuses more than sys.get_int_max_str_digits() digits.
        limit = sys.get_int_max_str_digits()
        raise ConfigError([f"{path}: not valid TOML: an integer of more than {limit:,} digits"]) from None
    return with_paths_from(parse_config(data, origin=str(path)), path.parent)


def with_paths_from(config: Config, folder: Path) -> Config:
    """A relative SQLite path in the file (sqlite:///forumwatch.db) is the config file's neighbour, not the
    working directory's: a service manager starts the process anywhere."""
    url = make_url(config.database.url)
    if url.get_backend_name() != "sqlite" or not url.database:
        return config
    # SQLite's URI form (sqlite:///file:data.db?mode=ro&uri=true) names the file after "file:".
    prefix = "file:" if url.query.get("uri") == "true" and url.database.startswith("file:") else ""
    written = url.database.removeprefix(prefix)
    if written in ("", ":memory:") or Path(written).is_absolute():
        return config
    absolute = url.set(database=prefix + str((folder / written).absolute()))
    return config.with_database(absolute.render_as_string(hide_password=False))


def parse_config(data: dict[str, object], origin: str = "config") -> Config:
    try:
        return Config.model_validate(data)
    except ValidationError as error:
        raise ConfigError([f"{origin}: {line}" for line in describe_errors(error, data)]) from None
