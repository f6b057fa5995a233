"""The crawl benchmark with crawl workers: the same local site crawled by 1, 2, 4... `forumwatch worker`
processes sharing each run through Redis, into PostgreSQL (docs/cluster.md).

For each worker count, in turns and ``--rounds`` times: a fresh PostgreSQL schema and Redis key prefix,
the workers started and registered, then `forumwatch crawl` seeding the run and waiting for it to drain.
The rate is the pages fetched over the span of the crawl's work: from the run's record, opened just
before the seeding, to the last article stored (a second or two of noticing that the run drained is
left out, as Scrapy's elapsed time leaves out a process's start). The workers' CPU is read from /proc before and after.
"""

from __future__ import annotations

import signal
import statistics
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import redis
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from bench.crawl_runs import ProcessRun, run_measured, write_config
from bench.crawl_server import _CLOCK_TICKS, ServerProcess

REGISTER_SECONDS = 60.0


@dataclass(frozen=True)
class WorkersFigures:
    workers: int
    pages: int  # article pages fetched, over all workers
    requests: int
    crawl_seconds: float  # from the seeding to the last article stored
    seeder: ProcessRun  # `forumwatch crawl`: the seeding, the wait, the recording
    worker_cpu_seconds: float
    new: int
    status: str

    @property
    def pages_per_second(self) -> float:
        return self.pages / self.crawl_seconds if self.crawl_seconds else 0.0

    @property
    def worker_cpu_ms_per_page(self) -> float:
        return 1000 * self.worker_cpu_seconds / self.pages if self.pages else 0.0

    def to_json(self) -> dict[str, Any]:
        return {
            "workers": self.workers,
            "pages": self.pages,
            "requests": self.requests,
            "crawl_seconds": round(self.crawl_seconds, 3),
            "pages_per_second": round(self.pages_per_second, 2),
            "worker_cpu_ms_per_page": round(self.worker_cpu_ms_per_page, 3),
            "seeder_wall_seconds": round(self.seeder.wall_seconds, 3),
            "new": self.new,
            "status": self.status,
        }


def run_workers(
    work: Path,
    server: ServerProcess,
    listing_pages: int,
    count: int,
    postgres_url: str,
    redis_url: str,
    name: str,
    timeout: float,
) -> WorkersFigures:
    prefix = f"bench-{uuid.uuid4().hex[:8]}"
    with _schema(postgres_url) as database_url:
        config = work / f"{name}.toml"
        cluster = {"redis_url": redis_url, "key_prefix": prefix, "no_worker_seconds": 60}
        write_config(config, database_url, server.base_url, listing_pages, cluster=cluster)
        with _workers(config, count, work / name, redis_url, prefix) as pids:
            cpu_before = sum(_cpu_seconds(pid) for pid in pids)
            command = [sys.executable, "-m", "forumwatch", "crawl", "--config", str(config), "--no-alerts"]
            seeder = run_measured(command, work / f"{name}-seeder.log", server, timeout)
            worker_cpu = sum(_cpu_seconds(pid) for pid in pids) - cpu_before
        if seeder.exit_code != 0:
            tail = (work / f"{name}-seeder.log").read_text(encoding="utf-8", errors="replace")[-2000:]
            raise RuntimeError(f"{name}: forumwatch crawl exited with {seeder.exit_code}:\n{tail}")
        return _recorded(database_url, count, seeder, worker_cpu)


def _recorded(database_url: str, count: int, seeder: ProcessRun, worker_cpu: float) -> WorkersFigures:
    engine = create_engine(database_url)
    try:
        with engine.connect() as connection:
            run = connection.execute(
                text("SELECT id, status, stats, started_at FROM crawl_runs ORDER BY id DESC")
            ).first()
            assert run is not None
            last = connection.scalar(
                text("SELECT max(fetched_at) FROM articles WHERE crawl_run_id = :run"), {"run": run.id}
            )
    finally:
        engine.dispose()
    counts = run.stats["sources"]["bench-site"]
    # From the run's record, opened just before the seeding, to its last article stored.
    span = (last - run.started_at).total_seconds() if last is not None else 0.0
    return WorkersFigures(
        workers=count,
        pages=int(counts["fetched"]),
        requests=int(counts["requests"]),
        crawl_seconds=span,
        seeder=seeder,
        worker_cpu_seconds=worker_cpu,
        new=int(counts["new"]),
        status=str(run.status),
    )


@contextmanager
def _schema(postgres_url: str) -> Iterator[str]:
    """A schema of its own in the PostgreSQL database, dropped after: a URL whose connections use it."""
    schema = f"bench_{uuid.uuid4().hex[:10]}"
    admin = create_engine(postgres_url)
    with admin.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    try:
        url = make_url(postgres_url).update_query_dict({"options": f"-csearch_path={schema}"})
        yield url.render_as_string(hide_password=False)
    finally:
        with admin.begin() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@contextmanager
def _workers(config: Path, count: int, logs: Path, redis_url: str, prefix: str) -> Iterator[list[int]]:
    """``count`` workers started, and registered in Redis before the crawl is seeded; stopped after."""
    client = redis.Redis.from_url(redis_url)
    processes = []
    try:
        for number in range(count):
            # The child has the file open; the parent's copy closes at once.
            with Path(f"{logs}-worker{number}.log").open("wb") as log:
                processes.append(
                    subprocess.Popen(
                        [sys.executable, "-m", "forumwatch", "worker", "--config", str(config)],
                        stdout=log,
                        stderr=subprocess.STDOUT,
                    )
                )
        deadline = time.monotonic() + REGISTER_SECONDS
        while client.hlen(f"{prefix}:workers") < count:
            if time.monotonic() > deadline or any(p.poll() is not None for p in processes):
                raise RuntimeError(f"the workers did not start; see {logs}-worker*.log")
            time.sleep(0.1)
        yield [p.pid for p in processes]
    finally:
        for process in processes:
            process.send_signal(signal.SIGTERM)
        for process in processes:
            try:
                process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                process.kill()
        leftovers = list(client.scan_iter(match=f"{prefix}:*"))
        if leftovers:
            client.delete(*leftovers)
        client.close()


def _cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / _CLOCK_TICKS


def workers_report(runs: Sequence[WorkersFigures]) -> str:
    """Pages/s per worker count (the median of its rounds) and the ratio to one worker."""
    by_count: dict[int, list[WorkersFigures]] = {}
    for figures in runs:
        by_count.setdefault(figures.workers, []).append(figures)
    medians = {
        count: statistics.median(f.pages_per_second for f in group) for count, group in by_count.items()
    }
    base = medians.get(1) or medians[min(medians)]
    rows = []
    for count, group in sorted(by_count.items()):
        cpu = statistics.median(f.worker_cpu_ms_per_page for f in group)
        rates = ", ".join(f"{f.pages_per_second:.1f}" for f in group)
        rows.append(
            f"{count:>7}  {medians[count]:>10.1f}  {medians[count] / base:>13.2f}x  {cpu:>18.1f}  {rates}"
        )
    header = f"{'workers':>7}  {'pages/s':>10}  {'vs 1 worker':>14}  {'worker CPU-ms/page':>18}  each round"
    return "\n".join([header, *rows])


__all__ = ["WorkersFigures", "run_workers", "workers_report"]

if __name__ == "__main__":  # pragma: no cover
    sys.exit("run python -m bench.crawl --workers 1,2,4")
