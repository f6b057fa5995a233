"""Crawl workers as people run them, for the tests: `forumwatch worker` processes, a local site, and a
configuration with [cluster] on a real Redis and PostgreSQL."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

from forumwatch.localserver import LocalServer, Reply
from tests.hostile.crawl import REPOSITORY, CrawlOutcome

TEXT = "上海台北双城论坛今天在台北举行，两市代表就交通、文化、青年交流等议题深入讨论。"


def article(number: int) -> bytes:
    # Each page a story of its own: its own words, so that no two are near-duplicates.
    words = "".join(chr(0x4E00 + (number * 37 + k * 11) % 20000) for k in range(120))
    paragraphs = "".join(f"<p>{TEXT}第{number}篇第{j}段：{words}。</p>" for j in range(3))
    return (
        f"<html><head><title>双城论坛第{number}篇</title></head><body><article>"
        f"<h1>双城论坛第{number}篇报道</h1>{paragraphs}</article></body></html>"
    ).encode()


def serve_site(server: LocalServer, pages: int, delay: float) -> None:
    links = "".join(f"<li><a href='/news/a{i}.html'>{i}</a></li>" for i in range(pages))
    server.route("/news/", Reply(f"<html><body><ul>{links}</ul></body></html>".encode()))
    for i in range(pages):
        server.route(f"/news/a{i}.html", Reply(article(i), delay=delay))


def write_config(
    path: Path,
    base_url: str,
    database_url: str,
    redis_url: str,
    prefix: str,
    *,
    crawl: str = "download_delay = 0.0\n",
) -> Path:
    path.write_text(
        f"[database]\nurl = {json.dumps(database_url)}\n\n"
        "[crawl]\nautothrottle = false\ndownload_timeout = 10.0\n"
        f'allow_private = ["127.0.0.1"]\n{crawl}\n'
        f"[cluster]\nredis_url = {json.dumps(redis_url)}\nkey_prefix = {json.dumps(prefix)}\n"
        "worker_timeout_seconds = 5\nno_worker_seconds = 60\n\n"
        '[[topics]]\nname = "twin-city-forum"\naliases = ["双城论坛"]\n\n'
        f'[[sources]]\nname = "news"\nkind = "site"\nstart_urls = ["{base_url}/news/"]\n'
        "article_pattern = '/news/a\\d+\\.html'\n",
        encoding="utf-8",
    )
    return path


def started_workers(tmp_path: Path) -> Iterator[Callable[[Path], subprocess.Popen[str]]]:
    """Start `forumwatch worker` processes; whatever is left of them is stopped after the test."""
    started: list[subprocess.Popen[str]] = []

    def start(config: Path) -> subprocess.Popen[str]:
        log = (tmp_path / f"worker{len(started)}.log").open("w")
        process = subprocess.Popen(
            [sys.executable, "-m", "forumwatch", "-v", "worker", "--config", str(config)],
            stdout=log,
            stderr=subprocess.STDOUT,
            text=True,
            cwd=REPOSITORY,
            env={**os.environ, "PYTHONPATH": str(REPOSITORY)},
        )
        started.append(process)
        return process

    yield start
    for process in started:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
    for process in started:
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def article_requests(server: LocalServer) -> list[str]:
    return [r.path for r in server.requested() if r.path.startswith("/news/a")]


def assert_stored_once(outcome: CrawlOutcome, pages: int) -> None:
    assert outcome.exit_code == 0, outcome.stderr
    assert outcome.run["status"] == "finished", outcome.run
    urls = [a["url"] for a in outcome.articles]
    assert len(urls) == len(set(urls)) == pages
    counts = outcome.counts("news")
    # Stories opened and copies added are what the database holds: a page done again after a worker
    # died is still one article.
    assert counts["new"] + counts["duplicates"] == pages
    assert counts["fetched"] >= pages
    assert counts["errors"] == 0
