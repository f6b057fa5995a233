"""The crawl benchmark's web server, in a process of its own, and a load probe that measures it alone.

    python -m bench.crawl_server FOLDER        serves FOLDER on 127.0.0.1 and prints the port

Twisted's static File resource: persistent HTTP/1.1 connections, Content-Length, Last-Modified and
If-Modified-Since (a 304), no access log. The probe fetches pages over 16 persistent connections, as
the crawlers do, and reads the server's CPU time from /proc: the pages per second it reached (a floor:
the probe's own Python may be the slower side) and what each page cost the server.
"""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any, Self

# Clock ticks per second of /proc/<pid>/stat's times.
_CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def serve(folder: Path) -> None:
    """Serve ``folder`` on a free port of 127.0.0.1 until terminated; the port goes to stdout."""
    from twisted.internet import reactor as installed
    from twisted.web.server import Site
    from twisted.web.static import File

    class QuietSite(Site):
        def log(self, request: Any) -> None:
            """No access log: a line per request would cost more than the request."""

    reactor: Any = installed  # typed as the module it replaces; it is the default (epoll) reactor
    site = QuietSite(File(str(folder)))  # type: ignore[no-untyped-call]
    listening = reactor.listenTCP(0, site, backlog=256, interface="127.0.0.1")
    print(listening.getHost().port, flush=True)
    reactor.run()


class ServerProcess:
    """``python -m bench.crawl_server`` as a context manager: its port, its CPU time so far."""

    def __init__(self, folder: Path) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "bench.crawl_server", str(folder)],
            stdout=subprocess.PIPE,
            text=True,
        )
        assert self.process.stdout is not None
        line = self.process.stdout.readline()
        if not line.strip().isdigit():
            self.process.kill()
            raise RuntimeError(f"the benchmark's server did not start: {line!r}")
        self.port = int(line)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def cpu_seconds(self) -> float:
        """User and system CPU time of the server process so far."""
        fields = Path(f"/proc/{self.process.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / _CLOCK_TICKS  # utime, stime

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)


@dataclass(frozen=True)
class ProbeResult:
    pages: int
    seconds: float
    bytes: int
    server_cpu_seconds: float

    @property
    def pages_per_second(self) -> float:
        return self.pages / self.seconds

    @property
    def server_cpu_ms_per_page(self) -> float:
        return 1000 * self.server_cpu_seconds / self.pages

    @property
    def server_capacity(self) -> float:
        """Pages per second the server could serve on one core of its own, by its CPU cost per page."""
        return 1000 / self.server_cpu_ms_per_page if self.server_cpu_seconds else float("inf")


def probe(server: ServerProcess, paths: Sequence[str], connections: int = 16) -> ProbeResult:
    """Fetch every path once over ``connections`` persistent connections; the server's rate and cost."""
    cpu_before = server.cpu_seconds()
    started = time.perf_counter()
    sizes = asyncio.run(_fetch_all(server.port, paths, connections))
    seconds = time.perf_counter() - started
    return ProbeResult(len(sizes), seconds, sum(sizes), server.cpu_seconds() - cpu_before)


async def _fetch_all(port: int, paths: Sequence[str], connections: int) -> list[int]:
    queue = list(reversed(paths))
    sizes: list[int] = []

    async def worker() -> None:
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        try:
            while queue:
                path = queue.pop()
                writer.write(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n".encode("ascii"))
                head = await reader.readuntil(b"\r\n\r\n")
                status = head.split(b" ", 2)[1]
                if status != b"200":
                    raise RuntimeError(f"{path}: HTTP {status.decode()}")
                length = next(
                    int(line.split(b":", 1)[1])
                    for line in head.split(b"\r\n")
                    if line.lower().startswith(b"content-length:")
                )
                sizes.append(len(await reader.readexactly(length)))
        finally:
            writer.close()

    await asyncio.gather(*(worker() for _ in range(connections)))
    return sizes


if __name__ == "__main__":
    serve(Path(sys.argv[1]))
