"""Where alerts go: e-mail, a JSON webhook, or any service apprise knows; ``build_channel`` makes the
channel a configuration entry describes."""

from __future__ import annotations

import os
from collections.abc import Mapping

from forumwatch.config import AppriseChannelConfig, ChannelConfig, EmailChannelConfig, WebhookChannelConfig
from scheduler.channels.apprise import AppriseChannel
from scheduler.channels.base import Channel, DeliveryError, Message
from scheduler.channels.email import EmailChannel
from scheduler.channels.webhook import WebhookChannel

__all__ = [
    "AppriseChannel",
    "Channel",
    "DeliveryError",
    "EmailChannel",
    "Message",
    "WebhookChannel",
    "build_channel",
]


def build_channel(config: ChannelConfig, environ: Mapping[str, str] = os.environ) -> Channel:
    """The channel for one [[channels]] entry. Secrets are read from ``environ`` when a message is sent,
    so a missing variable fails that delivery (not retryable) rather than the service's start."""
    if isinstance(config, EmailChannelConfig):
        return EmailChannel(config, environ)
    if isinstance(config, WebhookChannelConfig):
        return WebhookChannel(config, environ)
    if isinstance(config, AppriseChannelConfig):
        return AppriseChannel(config, environ)
    raise TypeError(f"no channel for configuration {type(config).__name__}")
