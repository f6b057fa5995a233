"""A local HTTP server: the offline demo's site and inbox, and every server the tests crawl or post to.

One base, as Scrapy's tests have one MockServer: it listens on a loopback address (127.0.0.1, or another
of 127/8 to stand for a private service) on a free port, answers each request from its routes, records
every request it receives, and stops cleanly; a context manager. A route is a `Reply` (static bytes with
a status and headers, sent whole or trickled) or a function of the request that returns one, for
behaviour: conditional GETs, a redirect loop, a receiver that fails its first tries or hangs until
released. Paths that no route names go to ``fallback`` (404 unless told otherwise).

It serves from daemon threads of the process that starts it. Scrapy runs its mock server in a
subprocess because its tests crawl in the test process, on the reactor; forumwatch's crawls run in
subprocesses of their own (`forumwatch crawl`), so the server shares no reactor with them, and a thread
lets a test script routes with closures and read what was requested without any IPC.
"""

from __future__ import annotations

import socket
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Self

DEFAULT_CONTENT_TYPE = "text/html; charset=utf-8"
# How often the serving loop looks for a stop request: stop() waits up to this long, once per server,
# and fixtures start and stop servers for every test.
POLL_SECONDS = 0.05


@dataclass(frozen=True)
class Received:
    """A request as the server read it."""

    method: str
    path: str  # the request target as sent: path and query, or the absolute URL asked of a proxy
    headers: dict[str, str]  # names as the client spelt them; header() looks one up in any case
    body: bytes
    at: float  # time.monotonic() when the request arrived

    def header(self, name: str) -> str | None:
        wanted = name.lower()
        return next((value for key, value in self.headers.items() if key.lower() == wanted), None)


@dataclass
class Reply:
    """What a route answers. ``delay`` seconds pass before the status line (a server slow to start
    answering). ``chunks`` stream the body piece by piece, ``pause`` seconds apart, on a connection
    closed at the end (a slow or endless server); otherwise ``body`` is sent whole. Give ``chunks`` as a
    list for a page asked for more than once: an iterator is used up by the first request (or make the
    Reply in a route function)."""

    body: bytes = b""
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    chunks: Iterable[bytes] | None = None
    pause: float = 0.0
    delay: float = 0.0


Route = Reply | Callable[[Received], Reply]


def not_found(request: Received) -> Reply:
    """The fallback of a server told no other: 404."""
    return Reply(b"not here", status=HTTPStatus.NOT_FOUND)


class LocalServer:
    """Serves ``routes`` on ``host`` at ``port`` (0: a free one) from the moment it is started."""

    def __init__(self, host: str = "127.0.0.1", port: int = 0, *, fallback: Route = not_found) -> None:
        self.host = host
        self.routes: dict[str, Route] = {}
        self.fallback = fallback
        self.requests: list[Received] = []  # appended to as requests arrive; requested() is a snapshot
        self._port = port
        self._started = False
        self._lock = threading.Lock()
        self._httpd: _HTTPServer | None = None
        self._thread: threading.Thread | None = None

    @property
    def port(self) -> int:
        """The port it listens on; still known once stopped, for reading what the crawl stored."""
        if not self._started:
            raise RuntimeError("the server has not been started: its port is not chosen yet")
        return self._port

    @property
    def base_url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def url(self, path: str) -> str:
        return self.base_url + path

    def route(self, path: str, reply: Route) -> str:
        """Answer ``path`` (with its query, exactly as requested) with ``reply``; returns its URL."""
        self.routes[path] = reply
        return self.url(path)

    def redirect(self, path: str, location: str, status: int = HTTPStatus.FOUND) -> str:
        return self.route(path, Reply(status=status, headers={"Location": location}))

    def requested(self, path: str | None = None) -> list[Received]:
        """The requests received so far, in order; only those for ``path`` when it is given."""
        with self._lock:
            return [r for r in self.requests if path is None or r.path == path]

    def answer(self, request: Received) -> Reply:
        """Record ``request`` and make its reply: from its path's route, else from the fallback."""
        with self._lock:
            self.requests.append(request)
        route = self.routes.get(request.path, self.fallback)
        return route(request) if callable(route) else route

    def start(self) -> Self:
        httpd = _HTTPServer((self.host, self._port), _Handler)
        httpd.owner = self
        self._httpd = httpd
        self._port, self._started = int(httpd.server_port), True
        self._thread = threading.Thread(
            target=httpd.serve_forever,
            kwargs={"poll_interval": POLL_SECONDS},
            name=f"{type(self).__name__} {self.base_url}",
            daemon=True,
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop listening. A handler still busy (a trickle, a hang) finishes in its daemon thread."""
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.server_close()
            self._httpd = None
        if self._thread is not None:
            self._thread.join()
            self._thread = None

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()


def closed_port(host: str = "127.0.0.1") -> int:
    """A port nothing listens on (bound, then closed): connections to it are refused."""
    with socket.socket() as probe:
        probe.bind((host, 0))
        return int(probe.getsockname()[1])


class _HTTPServer(ThreadingHTTPServer):
    # Keep-alive connections hold their handler thread until the client closes them: daemon threads,
    # or stop() would wait for every crawler that still holds one.
    daemon_threads = True
    owner: LocalServer

    def handle_error(self, request: Any, client_address: Any) -> None:
        if isinstance(sys.exc_info()[1], ConnectionError):
            return  # a client that gave up (a timeout, a killed crawl): nothing to report
        super().handle_error(request, client_address)


class _Handler(BaseHTTPRequestHandler):
    server: _HTTPServer
    # Keep-alive, as the servers a crawler meets in the wild speak it.
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:
        self._serve()

    def do_HEAD(self) -> None:
        self._serve()

    def do_POST(self) -> None:
        self._serve()

    def log_message(self, format: str, *args: object) -> None:
        """Quiet: a crawl makes hundreds of requests, and the tests read LocalServer.requests instead."""

    def _serve(self) -> None:
        arrived = time.monotonic()
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        request = Received(self.command, self.path, dict(self.headers.items()), body, arrived)
        reply = self.server.owner.answer(request)
        try:
            self._send(reply)
        except ConnectionError:
            self.close_connection = True  # the client gave up: what a hostile server's client should do

    def _send(self, reply: Reply) -> None:
        if reply.delay:
            time.sleep(reply.delay)
        self.send_response(reply.status)
        # RFC 9110: 1xx, 204 and 304 answers end with their headers.
        bodiless = reply.status < 200 or reply.status in (HTTPStatus.NO_CONTENT, HTTPStatus.NOT_MODIFIED)
        given = {name.lower() for name in reply.headers}
        headers = dict(reply.headers)
        if not bodiless and "content-type" not in given:
            headers["Content-Type"] = DEFAULT_CONTENT_TYPE
        if reply.chunks is not None:
            # No length to announce: the body ends when the connection does.
            headers["Connection"] = "close"
            self.close_connection = True
        elif not bodiless and "content-length" not in given:
            headers["Content-Length"] = str(len(reply.body))
        for name, value in headers.items():
            self.send_header(name, value)
        self.end_headers()
        if bodiless or self.command == "HEAD":
            return
        if reply.chunks is None:
            self.wfile.write(reply.body)
            return
        for chunk in _paced(reply.chunks, reply.pause):
            self.wfile.write(chunk)
            self.wfile.flush()


def _paced(chunks: Iterable[bytes], pause: float) -> Iterator[bytes]:
    for chunk in chunks:
        yield chunk
        if pause:
            time.sleep(pause)
