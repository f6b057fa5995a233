"""Alerts to any service apprise knows (Slack, Telegram, DingTalk, WeCom, Feishu, ntfy...) by its URL.

Apprise logs what it does through the "apprise" logger. While this channel sends, those records are
held back: they are dropped when the notification went through and let out (and quoted in the error)
when it failed, so a working channel stays quiet and a broken one says why.
"""

from __future__ import annotations

import contextvars
import logging
import os
import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager

from alerts.channels.base import DeliveryError, Message
from alerts.settings import AppriseSettings

APPRISE_LOGGER = "apprise"

# The records apprise logs while this context is sending; None outside a send. A context variable,
# not a thread-local: apprise may notify from worker threads that run in a copy of the caller's context.
_held: contextvars.ContextVar[list[logging.LogRecord] | None] = contextvars.ContextVar(
    "forumwatch_apprise_held_records", default=None
)
_filter_lock = threading.Lock()


class _HoldBack(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        held = _held.get()
        if held is None:
            return True
        held.append(record)
        return False


_HOLD_BACK = _HoldBack()


def _install_filter() -> None:
    apprise_logger = logging.getLogger(APPRISE_LOGGER)
    with _filter_lock:
        if _HOLD_BACK not in apprise_logger.filters:
            apprise_logger.addFilter(_HOLD_BACK)


@contextmanager
def _holding_logs() -> Iterator[list[logging.LogRecord]]:
    _install_filter()
    held: list[logging.LogRecord] = []
    token = _held.set(held)
    try:
        yield held
    finally:
        _held.reset(token)


def _let_out(records: list[logging.LogRecord]) -> None:
    apprise_logger = logging.getLogger(APPRISE_LOGGER)
    for record in records:
        apprise_logger.handle(record)


def _quote(records: list[logging.LogRecord]) -> str:
    lines = [" ".join(r.getMessage().split()) for r in records if r.levelno >= logging.WARNING]
    quoted = "; ".join(dict.fromkeys(line for line in lines if line))
    return f": {quoted[:500]}" if quoted else ""


# The apprise notification type (a NotifyType name) for each kind of message: chat services colour or
# mark them. By name, as apprise is imported only when a message goes out: it loads its plugins, some
# megabytes, and most processes that can send an alert (a crawl among them) send none.
_NOTIFY_TYPES = {"source.unhealthy": "WARNING", "source.recovered": "SUCCESS"}


class AppriseChannel:
    """Sends the subject as the title and the text as a plain-text body to one apprise URL."""

    def __init__(self, config: AppriseSettings, environ: Mapping[str, str] = os.environ) -> None:
        self.name = config.name
        self.config = config
        self._environ = environ

    def _url(self) -> str:
        if self.config.url is not None:
            return self.config.url
        variable = self.config.url_env or ""
        url = self._environ.get(variable)
        if not url:
            raise DeliveryError(
                f"environment variable {variable} (channel {self.name}) is not set", retryable=False
            )
        return url

    def send(self, message: Message) -> None:
        url = self._url()
        # Only the scheme in messages: the rest of an apprise URL is usually a token.
        where = f"{url.partition('://')[0]}://..." if "://" in url else "(not a URL)"
        notify_type = _NOTIFY_TYPES.get(str(message.payload.get("type")), "INFO")
        with _holding_logs() as records:  # what apprise logs while it loads is held back too
            try:
                import apprise

                notifier = apprise.Apprise()
                understood = notifier.add(url)
                delivered = understood and bool(
                    notifier.notify(
                        title=message.subject,
                        body=message.text,
                        body_format=apprise.NotifyFormat.TEXT,
                        notify_type=getattr(apprise.NotifyType, notify_type),
                    )
                )
            except Exception as error:  # a plugin's bug must not stop the other alerts
                crash: Exception | None = error
            else:
                crash = None
        if understood and delivered and crash is None:
            return
        _let_out(records)
        if crash is not None:
            raise DeliveryError(f"apprise failed on {where} (channel {self.name}): {crash!r}") from crash
        if not understood:
            raise DeliveryError(
                f"apprise does not understand the URL of channel {self.name} ({where})", retryable=False
            )
        raise DeliveryError(f"apprise could not notify {where} (channel {self.name}){_quote(records)}")
