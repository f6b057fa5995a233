"""Run `forumwatch crawl` as a person would (a subprocess of the real CLI) and read what it recorded."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, text

VERBOSITY: list[str] = []  # ["-vv"] to see a crawl's debug log while writing a test
REPOSITORY = Path(__file__).resolve().parents[2]


@dataclass
class CrawlOutcome:
    exit_code: int
    stdout: str
    stderr: str
    seconds: float
    run: dict[str, Any]  # the last crawl run's row: status, error, stats (per source counts)
    articles: list[dict[str, Any]]  # url, title, text of every stored article

    def counts(self, source: str) -> dict[str, Any]:
        return dict(self.run["stats"]["sources"][source])


def write_config(
    path: Path,
    *,
    allow_private: list[str],
    sources: str,
    crawl: str = "",
    database_url: str | None = None,
    download_timeout: float = 5.0,
) -> Path:
    """A config of the sources given; the database is hostile.db beside the file unless ``database_url``."""
    database_url = database_url or f"sqlite:///{path.parent / 'hostile.db'}"
    path.write_text(
        f"[database]\nurl = {json.dumps(database_url)}\n\n"
        "[crawl]\ndownload_delay = 0.0\nautothrottle_start_delay = 0.0\n"
        f"download_timeout = {download_timeout}\n"
        f"allow_private = {json.dumps(allow_private)}\n{crawl}\n"
        '[[topics]]\nname = "twin-city-forum"\naliases = ["双城论坛", "上海台北城市论坛"]\n\n' + sources,
        encoding="utf-8",
    )
    return path


def feed_source(name: str, url: str) -> str:
    return f'[[sources]]\nname = "{name}"\nkind = "feed"\nurl = "{url}"\n\n'


def site_source(name: str, url: str, article_pattern: str) -> str:
    return (
        f'[[sources]]\nname = "{name}"\nkind = "site"\nstart_urls = ["{url}"]\n'
        f"article_pattern = '{article_pattern}'\n\n"
    )


def start_crawl(
    config: Path, *extra: str, preexec_fn: Callable[[], None] | None = None
) -> subprocess.Popen[str]:
    """`forumwatch crawl` started, not waited for: to signal it, or to watch it."""
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "forumwatch",
            *VERBOSITY,
            "crawl",
            "--config",
            str(config),
            "--no-alerts",
            *extra,
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=REPOSITORY,
        env={**os.environ, "PYTHONPATH": str(REPOSITORY)},
        preexec_fn=preexec_fn,  # a resource limit for the child only, set before exec
    )


def finish_crawl(
    process: subprocess.Popen[str], config: Path, started: float, timeout: float = 120
) -> CrawlOutcome:
    stdout, stderr = process.communicate(timeout=timeout)
    seconds = time.monotonic() - started
    database_url = tomllib.loads(config.read_text(encoding="utf-8"))["database"]["url"]
    return CrawlOutcome(process.returncode, stdout, stderr, seconds, *recorded(database_url))


def run_crawl(config: Path, *extra: str, timeout: float = 120) -> CrawlOutcome:
    started = time.monotonic()
    return finish_crawl(start_crawl(config, *extra), config, started, timeout)


def recorded(database_url: str) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    engine = create_engine(database_url)
    try:
        with engine.connect() as connection:
            row = (
                connection.execute(
                    text("SELECT status, error, stats FROM crawl_runs ORDER BY id DESC LIMIT 1")
                )
                .mappings()
                .first()
            )
            articles = [
                dict(r) for r in connection.execute(text("SELECT url, title, text FROM articles")).mappings()
            ]
    finally:
        engine.dispose()
    run = dict(row) if row else {}
    if isinstance(run.get("stats"), str):
        run["stats"] = json.loads(run["stats"])
    return run, articles
