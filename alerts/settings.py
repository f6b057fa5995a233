"""What alerting is told: plain, already-validated values.

The composition root (forumwatch/alerting.py) builds these from the configuration file; alerting never
reads the file's schema, so it can be driven by anything that can fill them in (a test, another front end).
Secrets are not here: the channels name the environment variables that hold them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta, tzinfo
from typing import Literal

from storage.outbox import RetryPolicy

AlertKind = Literal["announcement", "new-story", "event-changed"]
Delivery = Literal["immediate", "digest"]
SmtpSecurity = Literal["tls", "starttls", "none"]


@dataclass(frozen=True)
class Topic:
    """A watched topic as the rules see it: a story's event is the topic's when an alias names it."""

    name: str
    aliases: tuple[str, ...]


@dataclass(frozen=True)
class AlertRule:
    """Which stories alert whom: per story, never per copy."""

    name: str
    topics: tuple[str, ...]  # empty: stories of every topic
    # announcement: a new story announcing a forum to come; new-story: any new story; event-changed: a
    # story moves the date or place of a forum people were alerted about.
    kinds: tuple[AlertKind, ...]
    channels: tuple[str, ...]
    # immediate: each story as soon as it is stored; digest: one message per channel after the run.
    delivery: Delivery


@dataclass(frozen=True)
class HealthPolicy:
    """When a source is unwell (alerts/health.py says how each threshold is read), and whom to tell."""

    channels: tuple[str, ...]
    silent_runs: int
    error_rate_jump: float
    empty_rate_jump: float
    min_requests: int
    replacement_pages: int
    mojibake_pages: int
    stale_listing_runs: int | None  # None: a listing is never called stale


@dataclass(frozen=True)
class DeliveryPolicy:
    """How the outbox retries a channel that fails, and how long a sender holds an alert it sends."""

    retry: RetryPolicy
    # Longer than any channel's timeout: a sender that dies mid-send leaves its alert due again after.
    claim_for: timedelta


@dataclass(frozen=True)
class EmailSettings:
    name: str
    to: tuple[str, ...]
    sender: str
    smtp_host: str
    port: int
    # "tls": SMTPS from the first byte; "starttls": upgrade; "none": plain (local relays).
    security: SmtpSecurity
    username_env: str | None  # both or neither
    password_env: str | None
    timeout_seconds: float


@dataclass(frozen=True)
class WebhookSettings:
    name: str
    url: str
    secret_env: str | None  # when set, each request is signed with the secret it names
    timeout_seconds: float
    user_agent: str  # "forumwatch/<version>": receivers see which release sent the alert


@dataclass(frozen=True)
class AppriseSettings:
    name: str
    url: str | None  # exactly one of url and url_env
    url_env: str | None


ChannelSettings = EmailSettings | WebhookSettings | AppriseSettings


@dataclass(frozen=True)
class AlertSettings:
    """Everything alerting needs: the rules and the topics they name, the channels, source health, the
    outbox's retries, and the zone times in messages are written in."""

    topics: tuple[Topic, ...]
    rules: tuple[AlertRule, ...]
    channels: tuple[ChannelSettings, ...]
    health: HealthPolicy
    delivery: DeliveryPolicy
    zone: tzinfo
