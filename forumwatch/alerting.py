"""The configuration, turned into what alerting takes: the rules and the topics they name, the channels,
the health and delivery policies, and the zone messages are written in.

Alerting reads no configuration file and imports nothing of this package: this module is where the two
meet. Secrets stay in the environment; the channels' settings name the variables that hold them.
"""

from __future__ import annotations

from datetime import timedelta

from alerts.settings import (
    AlertRule,
    AlertSettings,
    AppriseSettings,
    ChannelSettings,
    DeliveryPolicy,
    EmailSettings,
    HealthPolicy,
    Topic,
    WebhookSettings,
)
from forumwatch import __version__
from forumwatch.config import Config
from forumwatch.config_alerts import (
    AlertRuleConfig,
    ChannelConfig,
    DeliveryConfig,
    EmailChannelConfig,
    HealthConfig,
    WebhookChannelConfig,
)
from forumwatch.scheduling import display_zone
from storage.outbox import RetryPolicy

# Receivers see which release sent an alert.
WEBHOOK_USER_AGENT = f"forumwatch/{__version__}"


def alerts_of(config: Config) -> AlertSettings:
    """[[topics]] (names and aliases), [[alerts]], [[channels]], [health], [delivery], and the zone."""
    return AlertSettings(
        topics=tuple(Topic(name=topic.name, aliases=tuple(topic.aliases)) for topic in config.topics),
        rules=tuple(rule_of(rule) for rule in config.alerts),
        channels=tuple(channel_of(channel) for channel in config.channels),
        health=health_of(config.health),
        delivery=delivery_of(config.delivery),
        zone=display_zone(config),
    )


def rule_of(rule: AlertRuleConfig) -> AlertRule:
    return AlertRule(
        name=rule.name,
        topics=tuple(rule.topics),
        kinds=tuple(rule.kinds),
        channels=tuple(rule.channels),
        delivery=rule.delivery,
    )


def channel_of(channel: ChannelConfig) -> ChannelSettings:
    """One [[channels]] entry, its defaults filled in (an e-mail channel's port from its security)."""
    if isinstance(channel, EmailChannelConfig):
        return EmailSettings(
            name=channel.name,
            to=tuple(channel.to),
            sender=channel.sender,
            smtp_host=channel.smtp_host,
            port=channel.port,
            security=channel.security,
            username_env=channel.username_env,
            password_env=channel.password_env,
            timeout_seconds=channel.timeout_seconds,
        )
    if isinstance(channel, WebhookChannelConfig):
        return WebhookSettings(
            name=channel.name,
            url=channel.url,
            secret_env=channel.secret_env,
            timeout_seconds=channel.timeout_seconds,
            user_agent=WEBHOOK_USER_AGENT,
        )
    return AppriseSettings(name=channel.name, url=channel.url, url_env=channel.url_env)


def health_of(health: HealthConfig) -> HealthPolicy:
    return HealthPolicy(
        channels=tuple(health.channels),
        silent_runs=health.silent_runs,
        error_rate_jump=health.error_rate_jump,
        empty_rate_jump=health.empty_rate_jump,
        min_requests=health.min_requests,
        replacement_pages=health.replacement_pages,
        mojibake_pages=health.mojibake_pages,
        stale_listing_runs=health.stale_listing_runs,
    )


def delivery_of(delivery: DeliveryConfig) -> DeliveryPolicy:
    return DeliveryPolicy(
        retry=RetryPolicy(
            timedelta(seconds=delivery.retry_initial_seconds),
            timedelta(seconds=delivery.retry_max_seconds),
            delivery.max_attempts,
        ),
        claim_for=timedelta(seconds=delivery.claim_seconds),
    )
