"""The tables of forumwatch.toml that say whom to alert and how: [[channels]] (email, webhook, chat
services through apprise), [[alerts]] rules, [health] and [delivery]. Part of the schema of
forumwatch/config.py, which puts them in the whole file's Config."""

from __future__ import annotations

from typing import Annotated, Literal, Self

from pydantic import BaseModel, Field, field_validator, model_validator

from forumwatch.config_values import STRICT_TABLE, EnvName, Float, HttpUrl, Name, PositiveFloat, TimeZoneName


class _Strict(BaseModel):
    model_config = STRICT_TABLE


class EmailChannelConfig(_Strict):
    name: Name
    kind: Literal["email"]
    to: Annotated[list[Annotated[str, Field(pattern=r"^[^@\s]+@[^@\s]+$")]], Field(min_length=1)]
    sender: Annotated[str, Field(pattern=r"^[^@\s]+@[^@\s]+$")]
    smtp_host: Annotated[str, Field(min_length=1)]
    smtp_port: Annotated[int, Field(ge=1, le=65535)] | None = None  # None: 465 for tls, 587 starttls, 25
    # "tls": SMTPS from the first byte (port 465); "starttls": upgrade (587); "none": plain (local relays).
    security: Literal["tls", "starttls", "none"] = "starttls"
    username_env: EnvName | None = None
    password_env: EnvName | None = None
    timeout_seconds: PositiveFloat = 30.0

    @model_validator(mode="after")
    def _credentials_in_pairs(self) -> Self:
        if (self.username_env is None) != (self.password_env is None):
            raise ValueError("username_env and password_env go together")
        return self

    @property
    def port(self) -> int:
        return self.smtp_port or {"tls": 465, "starttls": 587, "none": 25}[self.security]


class WebhookChannelConfig(_Strict):
    name: Name
    kind: Literal["webhook"]
    url: HttpUrl
    # When set, each request is signed: X-Forumwatch-Signature: sha256=HMAC(secret, body).
    secret_env: EnvName | None = None
    timeout_seconds: PositiveFloat = 10.0


class AppriseChannelConfig(_Strict):
    """Any service apprise knows (Slack, Telegram, DingTalk, WeCom, Feishu, ntfy, ...) by its URL."""

    name: Name
    kind: Literal["apprise"]
    # Apprise URLs usually carry tokens: give the name of the variable that holds it (url_env), or the
    # URL itself for services without secrets.
    url: str | None = None
    url_env: EnvName | None = None

    @model_validator(mode="after")
    def _one_url(self) -> Self:
        if (self.url is None) == (self.url_env is None):
            raise ValueError("give exactly one of url and url_env")
        return self


ChannelConfig = Annotated[
    EmailChannelConfig | WebhookChannelConfig | AppriseChannelConfig, Field(discriminator="kind")
]
AlertKind = Literal["announcement", "new-story", "event-changed"]


class AlertRuleConfig(_Strict):
    """Which stories alert whom: per story, never per copy."""

    name: Name
    # Empty: stories of every topic.
    topics: list[Name] = []
    # announcement: a new story announcing a forum to come; new-story: any new story;
    # event-changed: a story moves the date or place of a forum people were alerted about.
    kinds: Annotated[list[AlertKind], Field(min_length=1)] = ["announcement", "event-changed"]
    channels: Annotated[list[Name], Field(min_length=1)]
    # immediate: each story as soon as it is stored; digest: one message per channel after the run.
    delivery: Literal["immediate", "digest"] = "immediate"


class HealthConfig(_Strict):
    """When a source is unwell, and whom to tell."""

    channels: list[Name] = []
    # No articles (new, copies or already stored) in this many runs in a row.
    silent_runs: Annotated[int, Field(ge=1, le=100)] = 3
    # The share of failed requests (or of pages without an article) above the source's median of its
    # last runs by this much, with at least min_requests requests in the run.
    error_rate_jump: Annotated[Float, Field(gt=0, le=1)] = 0.3
    empty_rate_jump: Annotated[Float, Field(gt=0, le=1)] = 0.3
    min_requests: Annotated[int, Field(ge=1)] = 5
    # Pages in one run whose text holds U+FFFD: bytes that the detected charset could not read.
    replacement_pages: Annotated[int, Field(ge=1)] = 1
    # Pages in one run whose text reads as mojibake after decoding (crawler/cleaner/mojibake.py).
    mojibake_pages: Annotated[int, Field(ge=1)] = 1
    # A site whose listing links to the same articles in this many runs in a row is stale (0: never):
    # a week of nightly runs, as the outlets we watch publish daily and city governments several times
    # a week.
    stale_listing_runs: Annotated[int, Field(ge=0, le=365)] | None = 7

    @field_validator("stale_listing_runs")
    @classmethod
    def _never_is_zero(cls, value: int | None) -> int | None:
        # TOML has no null: 0 says "never"; 1 would call every listing stale after its first run.
        if value == 1:
            raise ValueError("0 (never) or at least 2 runs")
        return value or None


class DeliveryConfig(_Strict):
    """How the outbox retries a channel that fails."""

    retry_initial_seconds: PositiveFloat = 60.0
    retry_max_seconds: PositiveFloat = 6 * 3600.0
    max_attempts: Annotated[int, Field(ge=1, le=100)] = 12
    # An alert being sent is claimed this long: a sender that dies mid-send leaves it due again after.
    # Longer than any channel's timeout.
    claim_seconds: Annotated[Float, Field(ge=1)] = 300.0
    # Times in messages are shown in this zone; None: [scheduler].timezone, else the machine's.
    timezone: TimeZoneName | None = None
