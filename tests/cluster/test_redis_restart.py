"""Redis restarted in the middle of a run (without persistence, as this project's Redis runs): the run
fails saying its queues were lost, and the worker lives on to crawl the next one."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

import pytest

pytest.importorskip("scrapy_redis")

import redis

from forumwatch.localserver import LocalServer, closed_port
from tests.cluster.workers import article_requests, serve_site, write_config
from tests.conftest import REQUIRE_SERVERS_ENV
from tests.hostile.crawl import CrawlOutcome, recorded, run_crawl, start_crawl

pytestmark = pytest.mark.slow


class PrivateRedis:
    """A redis-server of the test's own, on a port of its own: the machine's is shared by every test."""

    def __init__(self, folder: Path) -> None:
        binary = shutil.which("redis-server")
        if binary is None:
            if os.environ.get(REQUIRE_SERVERS_ENV):
                pytest.fail("redis-server is not installed")
            pytest.skip("redis-server is not installed (Debian's redis-server)")
        self.binary = binary
        self.folder = folder
        self.port = closed_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        self.process = subprocess.Popen(
            [
                self.binary,
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(self.folder),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        client = redis.Redis.from_url(self.url)
        for _ in range(100):
            try:
                client.ping()
                return
            except redis.ConnectionError:
                time.sleep(0.05)
        raise RuntimeError("redis-server did not start")

    def kill(self) -> None:
        assert self.process is not None
        self.process.send_signal(signal.SIGKILL)
        self.process.wait()


def test_a_redis_restart_fails_the_run_and_the_worker_crawls_the_next(
    tmp_path: Path, postgres_url: str, workers: Callable[[Path], subprocess.Popen[str]]
) -> None:
    private = PrivateRedis(tmp_path)
    private.start()
    try:
        with LocalServer() as server:
            serve_site(server, pages=80, delay=0.2)
            config = write_config(tmp_path / "fw.toml", server.base_url, postgres_url, private.url, "fw")
            worker = workers(config)
            started = time.monotonic()
            crawl = start_crawl(config)
            while len(article_requests(server)) < 5 and time.monotonic() - started < 60:
                time.sleep(0.01)
            private.kill()
            time.sleep(1.0)
            private.start()
            stdout, stderr = crawl.communicate(timeout=120)
            lost = CrawlOutcome(crawl.returncode, stdout, stderr, 0.0, *recorded(postgres_url))
            assert lost.exit_code == 1, lost.stderr
            assert lost.run["status"] == "failed"
            assert "queues were lost" in lost.run["error"]
            assert "Traceback" not in lost.stderr

            # The worker lives on, registers again, and crawls the next run to its end.
            assert worker.poll() is None
            client = redis.Redis.from_url(private.url)
            deadline = time.monotonic() + 30
            while not client.hlen("fw:workers") and time.monotonic() < deadline:
                time.sleep(0.1)
            assert client.hlen("fw:workers") == 1
            again = run_crawl(config, timeout=120)
            assert again.exit_code == 0, again.stderr
            assert again.run["status"] == "finished"
            assert len({a["url"] for a in again.articles}) == len(again.articles) == 80
    finally:
        private.kill()
