"""The scripted server of the hostile-input tests: every path answers what the test says (a status,
headers, a body, a slow trickle, a redirect), and every request it receives is recorded.

It is forumwatch.localserver's LocalServer, the base the demo and every test server share; a test builds
the routes, starts the server on a loopback address (127.0.0.1, or another of 127/8 to stand for a
private service), and asserts on ``requested()`` afterwards. Paths that no route knows answer 404.
"""

from __future__ import annotations

from forumwatch.localserver import LocalServer, Received, Reply, Route, closed_port

__all__ = ["HostileServer", "Received", "Reply", "Route", "closed_port"]


class HostileServer(LocalServer):
    @property
    def base(self) -> str:
        """The base URL, by the name these tests have always used."""
        return self.base_url
