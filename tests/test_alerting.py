"""The configuration as alerting takes it (forumwatch/alerting.py): rules, topics, channels, health and
delivery as the file says, defaults filled in (an e-mail channel's port, the webhook's User-Agent, the zone
messages are written in); and the names that point elsewhere in the file, checked at load."""

from __future__ import annotations

from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest

from alerts.channels import AppriseChannel, EmailChannel, WebhookChannel, build_channel
from alerts.settings import AlertRule, EmailSettings, Topic, WebhookSettings
from forumwatch import __version__
from forumwatch.alerting import alerts_of, channel_of
from forumwatch.config import ConfigError, parse_config
from storage.outbox import RetryPolicy

CONFIG = {
    "topics": [{"name": "twin-city-forum", "aliases": ["双城论坛", "上海-台北城市论坛"]}],
    "channels": [
        {"name": "desk", "kind": "email", "to": ["desk@example.org"], "sender": "fw@example.org",
         "smtp_host": "mail.example.org", "security": "tls"},
        {"name": "hook", "kind": "webhook", "url": "https://h.example/a"},
        {"name": "chat", "kind": "apprise", "url": "ntfy://x"},
    ],
    "alerts": [{"name": "forums", "topics": ["twin-city-forum"], "channels": ["hook", "desk"]}],
    "health": {"channels": ["chat"], "silent_runs": 4},
    "delivery": {"retry_initial_seconds": 30, "claim_seconds": 120, "timezone": "Asia/Taipei"},
    "scheduler": {"timezone": "Asia/Shanghai"},
}  # fmt: skip


def test_the_configuration_becomes_alert_settings() -> None:
    settings = alerts_of(parse_config(CONFIG))
    assert settings.topics == (Topic(name="twin-city-forum", aliases=("双城论坛", "上海-台北城市论坛")),)
    assert settings.rules == (
        AlertRule(
            name="forums", topics=("twin-city-forum",), kinds=("announcement", "event-changed"),
            channels=("hook", "desk"), delivery="immediate",
        ),
    )  # fmt: skip
    assert [channel.name for channel in settings.channels] == ["desk", "hook", "chat"]
    assert (settings.health.channels, settings.health.silent_runs) == (("chat",), 4)
    assert settings.delivery.retry == RetryPolicy(timedelta(seconds=30), timedelta(hours=6), 12)
    assert settings.delivery.claim_for == timedelta(minutes=2)
    assert settings.zone == ZoneInfo("Asia/Taipei")  # [delivery]'s zone before [scheduler]'s


def test_channels_get_their_defaults_and_the_version_in_the_user_agent() -> None:
    desk, hook, _ = alerts_of(parse_config(CONFIG)).channels
    assert isinstance(desk, EmailSettings)
    assert (desk.port, desk.timeout_seconds, desk.username_env) == (465, 30.0, None)  # SMTPS
    assert isinstance(hook, WebhookSettings)
    assert hook.user_agent == f"forumwatch/{__version__}"
    assert hook.timeout_seconds == 10.0


def test_build_channel_from_configuration() -> None:
    mail, hook, chat = (
        build_channel(channel_of(channel), {"X": "y"}) for channel in parse_config(CONFIG).channels
    )
    assert isinstance(mail, EmailChannel)
    assert isinstance(hook, WebhookChannel)
    assert isinstance(chat, AppriseChannel)
    assert [mail.name, hook.name, chat.name] == ["desk", "hook", "chat"]


def test_alert_rules_name_known_topics_and_channels() -> None:
    data = {
        "topics": [{"name": "twin-city-forum", "aliases": ["双城论坛"]}],
        "sources": [{"name": "feed", "kind": "feed", "url": "http://127.0.0.1/feed"}],
        "channels": [{"name": "hook", "kind": "webhook", "url": "http://127.0.0.1/hook"}],
        "schedules": [{"name": "hourly", "cron": "61 * * * *", "sources": ["feed", "nope"]}],
        "alerts": [{"name": "forums", "topics": ["twin-city"], "channels": ["hook", "mail"]}],
        "health": {"channels": ["pager"]},
    }
    with pytest.raises(ConfigError) as refused:
        parse_config(data, origin="forumwatch.toml")
    lines = refused.value.lines
    assert any(
        line.startswith("forumwatch.toml: schedules[0] (hourly).cron: not a crontab") for line in lines
    )
    data["schedules"][0]["cron"] = "15 * * * *"  # type: ignore[index]
    with pytest.raises(ConfigError) as refused:
        parse_config(data, origin="forumwatch.toml")
    assert refused.value.lines == [
        "forumwatch.toml: schedules[0] (hourly).sources: no source named 'nope'",
        "forumwatch.toml: alerts[0] (forums).topics: no topic named 'twin-city'",
        "forumwatch.toml: alerts[0] (forums).channels: no channel named 'mail'",
        "forumwatch.toml: health.channels: no channel named 'pager'",
    ]
