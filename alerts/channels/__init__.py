"""Where alerts go: e-mail, a JSON webhook, or any service apprise knows; ``build_channel`` makes the
channel its settings describe."""

from __future__ import annotations

import os
from collections.abc import Mapping

from alerts.channels.apprise import AppriseChannel
from alerts.channels.base import Channel, DeliveryError, Message
from alerts.channels.email import EmailChannel
from alerts.channels.webhook import WebhookChannel
from alerts.settings import AppriseSettings, ChannelSettings, EmailSettings, WebhookSettings

__all__ = [
    "AppriseChannel",
    "Channel",
    "DeliveryError",
    "EmailChannel",
    "Message",
    "WebhookChannel",
    "build_channel",
]


def build_channel(settings: ChannelSettings, environ: Mapping[str, str] = os.environ) -> Channel:
    """The channel for one channel's settings. Secrets are read from ``environ`` when a message is sent,
    so a missing variable fails that delivery (not retryable) rather than the service's start."""
    if isinstance(settings, EmailSettings):
        return EmailChannel(settings, environ)
    if isinstance(settings, WebhookSettings):
        return WebhookChannel(settings, environ)
    if isinstance(settings, AppriseSettings):
        return AppriseChannel(settings, environ)
    raise TypeError(f"no channel for settings {type(settings).__name__}")
