"""The demo's alert inbox: a webhook receiver on 127.0.0.1 that keeps the alerts it is sent."""

from __future__ import annotations

import json
import threading
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


class _InboxServer(ThreadingHTTPServer):
    inbox: DemoInbox


class _Handler(BaseHTTPRequestHandler):
    server: _InboxServer

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        try:
            alert = json.loads(body)
        except ValueError:
            self.send_error(HTTPStatus.BAD_REQUEST, "not JSON")
            return
        self.server.inbox.receive(self.headers.get("Idempotency-Key", ""), alert)
        self.send_response(HTTPStatus.NO_CONTENT)
        self.end_headers()

    def log_message(self, format: str, *args: object) -> None:
        """Quiet: the demo prints what arrived at the end."""


class DemoInbox:
    """Keeps each alert once per idempotency key, as a receiver should; a context manager."""

    def __init__(self) -> None:
        self.alerts: dict[str, dict[str, Any]] = {}
        self._lock = threading.Lock()
        self._httpd: _InboxServer | None = None

    @property
    def url(self) -> str:
        assert self._httpd is not None
        return f"http://127.0.0.1:{self._httpd.server_port}/alerts"

    def receive(self, key: str, alert: dict[str, Any]) -> None:
        with self._lock:
            self.alerts.setdefault(key or str(len(self.alerts)), alert)

    def __enter__(self) -> DemoInbox:
        self._httpd = _InboxServer(("127.0.0.1", 0), _Handler)
        self._httpd.inbox = self
        threading.Thread(target=self._httpd.serve_forever, name="demo-inbox", daemon=True).start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.server_close()
            self._httpd = None
