"""A scripted HTTP server for tests of hostile input: every path answers what the test says (a status,
headers, a body, a slow trickle, a redirect), and every request it receives is recorded.

One base for every attack, like Scrapy's MockServer: a test builds the routes, starts the server on a
loopback address (127.0.0.1, or another of 127/8 to stand for a private service), and asserts on
``requests`` afterwards. Paths that no route knows answer 404.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType


@dataclass(frozen=True)
class Received:
    method: str
    path: str
    headers: dict[str, str]
    at: float  # time.monotonic() when the request arrived


@dataclass
class Reply:
    """What a route answers. ``chunks`` stream the body piece by piece, ``pause`` seconds apart (a slow
    or endless server); otherwise ``body`` is sent whole. Give ``chunks`` as a list for a page asked for
    more than once: an iterator is used up by the first request (or make the Reply in a route function)."""

    body: bytes = b""
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    chunks: Iterable[bytes] | None = None
    pause: float = 0.0


Route = Reply | Callable[["Received"], Reply]


class HostileServer:
    def __init__(self, host: str = "127.0.0.1", port: int = 0) -> None:
        self.host = host
        self.routes: dict[str, Route] = {}
        self.requests: list[Received] = []
        self._lock = threading.Lock()
        self._httpd = _Server((host, port), _Handler)
        self._httpd.owner = self
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)

    @property
    def port(self) -> int:
        return int(self._httpd.server_port)

    @property
    def base(self) -> str:
        return f"http://{self.host}:{self.port}"

    def url(self, path: str) -> str:
        return self.base + path

    def route(self, path: str, reply: Route) -> str:
        """Answer ``path`` (with its query) with ``reply``; returns the path's URL."""
        self.routes[path] = reply
        return self.url(path)

    def redirect(self, path: str, location: str, status: int = 302) -> str:
        return self.route(path, Reply(status=status, headers={"Location": location}))

    def requested(self, path: str | None = None) -> list[Received]:
        with self._lock:
            return [r for r in self.requests if path is None or r.path == path]

    def _record(self, received: Received) -> None:
        with self._lock:
            self.requests.append(received)

    def __enter__(self) -> HostileServer:
        self._thread.start()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, value: BaseException | None, trace: TracebackType | None
    ) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    owner: HostileServer


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:
        owner = self.server.owner
        received = Received("GET", self.path, dict(self.headers.items()), time.monotonic())
        owner._record(received)
        route = owner.routes.get(self.path)
        if route is None:
            reply = Reply(b"not here", status=404)
        else:
            reply = route(received) if callable(route) else route
        self.send_response(reply.status)
        headers = {"Content-Type": "text/html; charset=utf-8", **reply.headers}
        for name, value in headers.items():
            self.send_header(name, value)
        if reply.chunks is None:
            self.send_header("Content-Length", str(len(reply.body)))
            self.end_headers()
            self.wfile.write(reply.body)
            return
        self.send_header("Connection", "close")
        self.end_headers()
        self.close_connection = True
        try:
            for chunk in _paced(reply.chunks, reply.pause):
                self.wfile.write(chunk)
                self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up: what a hostile server's client should do

    def log_message(self, format: str, *args: object) -> None:
        pass


def _paced(chunks: Iterable[bytes], pause: float) -> Iterator[bytes]:
    for chunk in chunks:
        yield chunk
        if pause:
            time.sleep(pause)


def closed_port(host: str = "127.0.0.1") -> int:
    """A port nothing listens on (bound, then closed): connections to it are refused."""
    with socket.socket() as probe:
        probe.bind((host, 0))
        return int(probe.getsockname()[1])
