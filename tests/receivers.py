"""A local webhook receiver for alert tests: a real HTTP server on 127.0.0.1 that records what it is
sent, answers as told (fail the first tries, hang), and honours Idempotency-Key as a careful receiver
would: a key applied once is never applied again."""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass, field
from typing import Any

from forumwatch.localserver import LocalServer, Received, Reply


@dataclass
class Delivery:
    key: str
    body: dict[str, Any]
    status: int


@dataclass
class WebhookReceiver:
    """``fail_first``: answer 500 to the first N requests of every idempotency key. ``hold``: when set,
    each request waits (at most ``hold_seconds``) until ``release`` is set, after signalling ``held``."""

    fail_first: int = 0
    hold: bool = False
    hold_seconds: float = 30.0
    deliveries: list[Delivery] = field(default_factory=list)
    applied: dict[str, dict[str, Any]] = field(default_factory=dict)
    held: threading.Event = field(default_factory=threading.Event)
    release: threading.Event = field(default_factory=threading.Event)
    _tries: dict[str, int] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _server: LocalServer | None = None

    @property
    def url(self) -> str:
        assert self._server is not None
        return self._server.url("/hook")

    def answer(self, key: str, body: dict[str, Any]) -> int:
        if self.hold:
            self.held.set()
            self.release.wait(self.hold_seconds)
        with self._lock:
            self._tries[key] = self._tries.get(key, 0) + 1
            status = 500 if self._tries[key] <= self.fail_first else 200
            if status == 200:
                self.applied.setdefault(key, body)  # a repeated key is acknowledged, not applied again
            self.deliveries.append(Delivery(key, body, status))
        return status

    def ok_deliveries(self) -> list[Delivery]:
        with self._lock:
            return [d for d in self.deliveries if d.status == 200]

    def _reply(self, request: Received) -> Reply:
        body = json.loads(request.body or b"{}")
        return Reply(status=self.answer(request.header("Idempotency-Key") or "", body))

    def __enter__(self) -> WebhookReceiver:
        self._server = LocalServer(fallback=self._reply).start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.release.set()
        assert self._server is not None
        self._server.stop()
