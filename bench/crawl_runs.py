"""The crawl benchmark's two crawlers, each run in a process of its own and measured from outside: wall
time, CPU time and peak RSS of the process (os.wait4), Scrapy's stats from inside (the bare spider
writes them to a file; `forumwatch -v crawl` logs them when the crawl closes)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import threading
import time
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench.crawl_server import ServerProcess
from bench.crawl_site import ARTICLE_PATTERN, MAX_LISTING_PAGES, START_PATH

# The stages of forumwatch's pipeline, as crawler/stats.py's timed_stage names them.
STAGES = ("clean", "match", "events", "fingerprint", "store", "store_writer")
# Stages on a thread of their own (crawler/store_writer.py): their CPU is the process's, but their wall
# time did not hold the reactor, so it is left out of the stages' wall time.
OFF_REACTOR = ("store_writer",)
CPU_STAT = "forumwatch/cpu_us"
WALL_STAT = "forumwatch/wall_us"
# forumwatch's own counts (crawler/stats.py), shown beside the figures to tell what the crawl did.
COUNTS = ("fetched", "new", "duplicates", "off_topic", "empty", "errors", "skipped")
# The topics of the example configuration are the ones the site's forum pages are written to match.
EXAMPLE_CONFIG = Path(__file__).resolve().parents[1] / "forumwatch.example.toml"
_STATS_DUMP = re.compile(r"Dumping Scrapy stats:\s*\{(.*?)\}\s*$", re.DOTALL | re.MULTILINE)
_FINISHED = "'finish_reason': 'finished'"
_NUMERIC_STAT = re.compile(r"'([^']+)':\s*(-?\d+(?:\.\d+)?(?:e[-+]?\d+)?)[,\s]")


@dataclass(frozen=True)
class ProcessRun:
    """A finished child process, measured by the kernel."""

    wall_seconds: float
    cpu_seconds: float  # user + system, the process and the children it waited for
    peak_rss_mib: float
    rss_mib_by_tenth: tuple[float, ...]  # RSS when each tenth of the run's wall time had passed
    exit_code: int
    server_cpu_seconds: float  # what the site's server spent meanwhile


def run_measured(command: Sequence[str], log: Path, server: ServerProcess, timeout: float) -> ProcessRun:
    """Run ``command`` (output to ``log``) and measure it; killed after ``timeout`` seconds."""
    server_cpu = server.cpu_seconds()
    started = time.perf_counter()
    with log.open("wb") as output:
        process = subprocess.Popen(command, stdout=output, stderr=subprocess.STDOUT)
        killer = threading.Timer(timeout, process.kill)
        killer.start()
        samples: list[tuple[float, float]] = []
        sampler = threading.Thread(target=_sample_rss, args=(process.pid, samples), daemon=True)
        sampler.start()
        try:
            _, status, usage = os.wait4(process.pid, 0)
        finally:
            killer.cancel()
        sampler.join()
    wall = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    return ProcessRun(
        wall_seconds=wall,
        cpu_seconds=usage.ru_utime + usage.ru_stime,
        peak_rss_mib=usage.ru_maxrss / 1024,  # KiB on Linux
        rss_mib_by_tenth=_by_tenth(samples),
        exit_code=process.returncode,
        server_cpu_seconds=server.cpu_seconds() - server_cpu,
    )


# How often the RSS of a running crawl is read (from /proc).
RSS_SAMPLE_SECONDS = 0.25


def _sample_rss(pid: int, samples: list[tuple[float, float]]) -> None:
    """Append (seconds since start, RSS in MiB) until the process is gone."""
    started = time.perf_counter()
    status = Path(f"/proc/{pid}/status")
    while True:
        try:
            text = status.read_text()
        except OSError:  # exited (or no /proc: no samples)
            return
        rss = re.search(r"^VmRSS:\s+(\d+) kB", text, re.MULTILINE)
        if rss is None:  # a zombie, waiting to be reaped
            return
        samples.append((time.perf_counter() - started, int(rss.group(1)) / 1024))
        time.sleep(RSS_SAMPLE_SECONDS)


def _by_tenth(samples: Sequence[tuple[float, float]]) -> tuple[float, ...]:
    """The RSS last read by the end of each tenth of the run."""
    if not samples:
        return ()
    end = samples[-1][0]
    tenths = []
    for tenth in range(1, 11):
        before = [rss for seconds, rss in samples if seconds <= end * tenth / 10]
        tenths.append(round(before[-1] if before else samples[0][1], 1))
    return tuple(tenths)


@dataclass(frozen=True)
class CrawlFigures:
    """One crawl: what the process cost and what Scrapy counted."""

    crawler: str  # "bare" or "forumwatch"
    pages: int  # article pages downloaded
    requests: int
    crawl_seconds: float  # Scrapy's elapsed time: the spider's opening to its closing
    process: ProcessRun
    stage_cpu_ms: dict[str, float] = field(default_factory=dict)  # forumwatch's pipelines
    stage_wall_ms: dict[str, float] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)  # forumwatch's own stats, short names

    @property
    def pages_per_second(self) -> float:
        return self.pages / self.crawl_seconds if self.crawl_seconds else 0.0

    @property
    def cpu_ms_per_page(self) -> float:
        return 1000 * self.process.cpu_seconds / self.pages if self.pages else 0.0

    @property
    def server_busy(self) -> float:
        """The share of one core the server used over the crawl's process."""
        return self.process.server_cpu_seconds / self.process.wall_seconds

    def to_json(self) -> dict[str, Any]:
        return {
            "crawler": self.crawler,
            "pages": self.pages,
            "requests": self.requests,
            "crawl_seconds": round(self.crawl_seconds, 3),
            "pages_per_second": round(self.pages_per_second, 2),
            "cpu_ms_per_page": round(self.cpu_ms_per_page, 3),
            "process_wall_seconds": round(self.process.wall_seconds, 3),
            "process_cpu_seconds": round(self.process.cpu_seconds, 3),
            "peak_rss_mib": round(self.process.peak_rss_mib, 1),
            "rss_mib_by_tenth": list(self.process.rss_mib_by_tenth),
            "server_cpu_seconds": round(self.process.server_cpu_seconds, 3),
            "stage_cpu_ms": {k: round(v, 1) for k, v in self.stage_cpu_ms.items()},
            "stage_wall_ms": {k: round(v, 1) for k, v in self.stage_wall_ms.items()},
            "counts": self.counts,
        }


def run_bare(work: Path, server: ServerProcess, name: str, timeout: float) -> CrawlFigures:
    stats_file = work / f"{name}.json"
    command = [
        sys.executable,
        "-m",
        "bench.crawl_bare",
        server.base_url + START_PATH,
        ARTICLE_PATTERN,
        str(stats_file),
    ]
    process = run_measured(command, work / f"{name}.log", server, timeout)
    _check(process, work / f"{name}.log")
    stats = json.loads(stats_file.read_text(encoding="utf-8"))
    return CrawlFigures(
        "bare",
        pages=int(stats.get("bare/articles", 0)),
        requests=int(stats.get("downloader/request_count", 0)),
        crawl_seconds=float(stats.get("elapsed_time_seconds", 0.0)),
        process=process,
    )


def write_config(
    path: Path,
    database: Path | str,
    base_url: str,
    listing_pages: int,
    cluster: dict[str, Any] | None = None,
    browser: str | None = None,
) -> None:
    """A forumwatch.toml for the site: one site source, 16 requests in flight, no delay, no AutoThrottle,
    the example configuration's topics, its own SQLite database (a Path) or the database URL given, the
    [cluster] section given, and with ``browser`` (a Chromium) the source rendered in it."""
    topics = tomllib.loads(EXAMPLE_CONFIG.read_text(encoding="utf-8"))["topics"]
    url = f"sqlite:///{database}" if isinstance(database, Path) else database
    lines = [
        "# Written by bench/crawl.py for its local site.",
        "[database]",
        f"url = {_toml(url)}",
        "",
        "[crawl]",
        "obey_robots_txt = true",
        "download_delay = 0.0",
        "autothrottle = false",
        "concurrent_requests_per_domain = 16",
        f"max_listing_pages = {min(listing_pages, MAX_LISTING_PAGES)}",
        "source_time_limit = 0",
        'allow_private = ["127.0.0.1"]',
    ]
    if browser is not None:
        lines.append(f"browser_executable = {_toml(browser)}")
        lines.append("browser_max_pages = 1000000")
    if cluster is not None:
        lines += ["", "[cluster]", *(f"{key} = {_toml(value)}" for key, value in cluster.items())]
    for topic in topics:
        lines += ["", "[[topics]]", *(f"{key} = {_toml(value)}" for key, value in topic.items())]
    lines += [
        "",
        "[[sources]]",
        'name = "bench-site"',
        'kind = "site"',
        f"start_urls = {_toml([base_url + START_PATH])}",
        f"article_pattern = {_toml(ARTICLE_PATTERN)}",
        *(['render = "browser"'] if browser is not None else []),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _toml(value: object) -> str:
    # Strings, numbers and lists of them: JSON's syntax for these is TOML's.
    return json.dumps(value, ensure_ascii=False)


def run_forumwatch(config: Path, server: ServerProcess, name: str, timeout: float) -> CrawlFigures:
    log = config.parent / f"{name}.log"
    command = [sys.executable, "-m", "forumwatch", "-v", "crawl", "--config", str(config)]
    process = run_measured(command, log, server, timeout)
    text = log.read_text(encoding="utf-8", errors="replace")
    if process.exit_code != 0 and _FINISHED in text:
        # The crawl's figures are whole; what failed came after it (the alert rules, say).
        last = text.strip().splitlines()[-1]
        print(f"warning: {log.stem} exited with {process.exit_code} after its crawl finished: {last}")
    else:
        _check(process, log)
    stats = logged_stats(text)
    return CrawlFigures(
        "forumwatch",
        pages=int(stats.get("forumwatch/fetched", 0)),
        requests=int(stats.get("downloader/request_count", 0)),
        crawl_seconds=float(stats.get("elapsed_time_seconds", 0.0)),
        process=process,
        stage_cpu_ms={stage: stats.get(f"{CPU_STAT}/{stage}", 0.0) / 1000 for stage in STAGES},
        stage_wall_ms={
            stage: 0.0 if stage in OFF_REACTOR else stats.get(f"{WALL_STAT}/{stage}", 0.0) / 1000
            for stage in STAGES
        },
        counts={name: int(stats.get(f"forumwatch/{name}", 0)) for name in COUNTS},
    )


def logged_stats(log: str) -> Mapping[str, float]:
    """The numeric stats of the (last) "Dumping Scrapy stats" block of a crawl's log."""
    dumps = _STATS_DUMP.findall(log)
    if not dumps:
        raise RuntimeError("the crawl's log holds no stats: was it run with -v?")
    return {key: float(value) for key, value in _NUMERIC_STAT.findall(dumps[-1] + ",")}


def _check(process: ProcessRun, log: Path) -> None:
    if process.exit_code != 0:
        tail = "\n".join(log.read_text(encoding="utf-8", errors="replace").splitlines()[-20:])
        raise RuntimeError(f"{log.stem} exited with {process.exit_code}; the end of {log}:\n{tail}")
