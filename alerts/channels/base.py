"""What every alert channel shares: the message it sends and the error it raises."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol


@dataclass(frozen=True)
class Message:
    """One alert (or one digest of alerts) ready to send, rendered in the articles' language.

    ``idempotency_key`` is fixed when the outbox row is created and sent with every attempt: a
    receiver that honours it applies a message once however often a crash makes us send it.
    """

    subject: str  # one line
    text: str  # plain text body: title, outlet, time, event, link, excerpt
    language: str  # BCP 47: "zh-Hans", "zh-Hant" or "en"
    idempotency_key: str
    # The structured form for machines (the webhook's JSON body): event type, story or stories, rule.
    payload: dict[str, Any] = field(default_factory=dict)


class DeliveryError(Exception):
    """A channel could not deliver. ``retryable``: worth trying again later (network, 5xx, timeouts);
    not retryable: it will fail the same way until someone fixes the configuration (bad address,
    refused credentials, a 4xx answer)."""

    def __init__(self, reason: str, *, retryable: bool = True) -> None:
        super().__init__(reason)
        self.retryable = retryable


class Channel(Protocol):
    """Sends messages somewhere people read them; raises DeliveryError when it cannot."""

    name: str

    def send(self, message: Message) -> None: ...
