"""The local server base (forumwatch/localserver.py) that the demo and the tests' servers share: routes,
the fallback, recorded requests, trickled bodies, bodiless statuses, keep-alive and a clean stop."""

from __future__ import annotations

import http.client
import socket
import time

import pytest

from forumwatch.localserver import LocalServer, Received, Reply, closed_port


def fetch(
    server: LocalServer, path: str, method: str = "GET", body: bytes | None = None
) -> tuple[int, dict[str, str], bytes]:
    connection = http.client.HTTPConnection(server.host, server.port, timeout=5)
    try:
        connection.request(method, path, body=body)
        response = connection.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    finally:
        connection.close()


def test_routes_answer_and_every_request_is_recorded() -> None:
    def echo_method(request: Received) -> Reply:
        return Reply(f"{request.method} {request.header('X-Case')} {request.body.decode()}".encode())

    with LocalServer() as server:
        url = server.route("/page?x=1", Reply(b"<p>hello</p>", headers={"ETag": '"v1"'}))
        server.route("/echo", echo_method)
        assert url == f"http://127.0.0.1:{server.port}/page?x=1"
        status, headers, body = fetch(server, "/page?x=1")
        assert (status, body, headers["etag"]) == (200, b"<p>hello</p>", '"v1"')
        assert headers["content-type"] == "text/html; charset=utf-8"
        assert headers["content-length"] == str(len(body))
        assert fetch(server, "/echo", "POST", b"payload")[2] == b"POST None payload"
        assert fetch(server, "/page")[0] == 404  # the query is part of the route
        assert [(r.method, r.path) for r in server.requested()] == [
            ("GET", "/page?x=1"),
            ("POST", "/echo"),
            ("GET", "/page"),
        ]
        assert [r.path for r in server.requested("/echo")] == ["/echo"]


def test_the_fallback_answers_what_no_route_names() -> None:
    with LocalServer(fallback=lambda request: Reply(request.path.encode(), status=410)) as server:
        assert fetch(server, "/anything")[:3:2] == (410, b"/anything")


def test_bodiless_statuses_and_head_send_headers_only() -> None:
    with LocalServer() as server:
        server.route("/same", Reply(b"ignored", status=304))
        server.route("/page", Reply(b"body"))
        status, headers, body = fetch(server, "/same")
        assert (status, body, "content-length" in headers) == (304, b"", False)
        status, headers, body = fetch(server, "/page", "HEAD")
        assert (status, body, headers["content-length"]) == (200, b"", "4")


def test_a_trickled_body_arrives_whole_on_a_closed_connection() -> None:
    with LocalServer() as server:
        server.route("/slow", Reply(chunks=[b"a", b"b", b"c"], pause=0.05))
        started = time.monotonic()
        status, headers, body = fetch(server, "/slow")
        assert (status, body, headers["connection"]) == (200, b"abc", "close")
        assert time.monotonic() - started >= 0.1


def test_keep_alive_serves_several_requests_on_one_connection() -> None:
    with LocalServer() as server:
        server.route("/a", Reply(b"A"))
        connection = http.client.HTTPConnection(server.host, server.port, timeout=5)
        for _ in range(3):
            connection.request("GET", "/a")
            assert connection.getresponse().read() == b"A"
        connection.close()
        assert len(server.requested("/a")) == 3


def test_stop_frees_the_port_and_keeps_it_readable() -> None:
    server = LocalServer().start()
    port = server.port
    server.stop()
    assert server.port == port
    with pytest.raises(ConnectionRefusedError), socket.create_connection(("127.0.0.1", port), timeout=2):
        pass
    with pytest.raises(RuntimeError, match="not been started"):
        _ = LocalServer().port


def test_a_closed_port_refuses_connections() -> None:
    with (
        pytest.raises(ConnectionRefusedError),
        socket.create_connection(("127.0.0.1", closed_port()), timeout=2),
    ):
        pass
