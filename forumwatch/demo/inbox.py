"""The demo's alert inbox: a webhook receiver on 127.0.0.1 that keeps the alerts it is sent."""

from __future__ import annotations

import json
import threading
from http import HTTPStatus
from typing import Any

from forumwatch.localserver import LocalServer, Received, Reply


class DemoInbox:
    """Keeps each alert once per idempotency key, as a receiver should; a context manager."""

    def __init__(self) -> None:
        self.alerts: dict[str, dict[str, Any]] = {}
        self._lock = threading.Lock()
        self._server = LocalServer(fallback=self._receive)

    @property
    def url(self) -> str:
        return self._server.url("/alerts")

    def _receive(self, request: Received) -> Reply:
        try:
            alert = json.loads(request.body)
        except ValueError:
            return Reply(b"not JSON", status=HTTPStatus.BAD_REQUEST)
        key = request.header("Idempotency-Key")
        with self._lock:
            self.alerts.setdefault(key or str(len(self.alerts)), alert)
        return Reply(status=HTTPStatus.NO_CONTENT)

    def __enter__(self) -> DemoInbox:
        self._server.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._server.stop()
