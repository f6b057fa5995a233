"""One scheduled crawl: a `forumwatch crawl` subprocess on a run record, with a time limit.

The subprocess is what DESIGN.md asks for: Twisted's reactor cannot restart in one process, and a crash
or leak in one crawl must not take the service down. Whatever the child does (finishes, fails, crashes,
hangs) the run record says so.
"""

from __future__ import annotations

import collections
import contextlib
import logging
import os
import signal
import subprocess
import threading
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from storage.models import CrawlRun
from storage.runs import OverlappingRunError, RunStart, finish_run, record_unstarted_run, start_run

logger = logging.getLogger(__name__)

# A child asked to stop gets this long to close its spiders and record its stats, then is killed.
STOP_GRACE_SECONDS = 30.0
# The end of a crashed child's output is kept in the run record for whoever looks at it.
OUTPUT_TAIL_LINES = 30


@dataclass(frozen=True)
class CrawlCommand:
    """How to start a crawl process: `forumwatch crawl` with the service's configuration (the composition
    root, forumwatch/scheduling.py, fills it in)."""

    program: tuple[str, ...]  # the command line before its subcommand: python -m forumwatch
    config_path: str
    database_url: str
    database_url_env: str  # the variable the crawl reads the database URL from
    verbose: bool = False

    def argv(self, run_id: int, sources: list[str]) -> list[str]:
        argv = list(self.program)
        if self.verbose:
            argv.append("-v")
        argv += ["crawl", "--config", self.config_path, "--run-id", str(run_id)]
        for source in sources:
            argv += ["--source", source]
        return argv

    def environment(self) -> dict[str, str]:
        """The child's environment: the database URL goes here, not on the command line, where anyone
        on the machine could read its password (ps, /proc/PID/cmdline)."""
        return {**os.environ, self.database_url_env: self.database_url}


class CrawlSupervisor:
    """Starts crawl processes and watches them; ``stop_all`` ends them when the service stops."""

    def __init__(self, engine: Engine, command: CrawlCommand) -> None:
        self.engine = engine
        self.command = command
        self._children: dict[int, subprocess.Popen[str]] = {}
        self._lock = threading.Lock()
        self.stopping = threading.Event()

    def crawl(
        self, start: RunStart, timeout_seconds: float, after: Callable[[int], None] | None = None
    ) -> int | None:
        """Run one crawl to its end; returns the run id (None when it was refused or the service stops)."""
        if self.stopping.is_set():
            return None
        with Session(self.engine) as session:
            try:
                run_id = start_run(session, start)
                session.commit()
            except OverlappingRunError as overlap:
                session.rollback()
                refused = record_unstarted_run(session, start, "refused", f"refused: {overlap}")
                session.commit()
                logger.warning("schedule %s: run %s refused: %s", start.schedule, refused, overlap)
                if after is not None:
                    after(refused)
                return None
        logger.info("schedule %s: run %s starts (%s)", start.schedule, run_id, start.trigger)
        status, exit_code, tail = self._supervise(run_id, list(start.sources), timeout_seconds)
        self._record_end(run_id, status, exit_code, tail, timeout_seconds)
        if after is not None:
            after(run_id)
        return run_id

    def _supervise(
        self, run_id: int, sources: list[str], timeout: float
    ) -> tuple[str | None, int, list[str]]:
        child = subprocess.Popen(
            self.command.argv(run_id, sources),
            env=self.command.environment(),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            errors="replace",
            start_new_session=True,  # its own process group: stopping it stops Scrapy's helpers too
        )
        with self._lock:
            self._children[run_id] = child
        tail: collections.deque[str] = collections.deque(maxlen=OUTPUT_TAIL_LINES)
        reader = threading.Thread(target=self._relay, args=(run_id, child, tail), daemon=True)
        reader.start()
        status = None
        try:
            child.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            status = "timed-out"
            logger.error("run %s: no end after %g minutes; stopping it", run_id, timeout / 60)
            # Recorded before the stop, so that nobody reads the crawl's own late "finished" as its outcome.
            self._record_end(run_id, status, None, [], timeout)
            self._stop(child)
        finally:
            with self._lock:
                self._children.pop(run_id, None)
        reader.join(timeout=5)
        if status is None and self.stopping.is_set():
            status = "interrupted"
        return status, child.returncode, list(tail)

    def _relay(self, run_id: int, child: subprocess.Popen[str], tail: collections.deque[str]) -> None:
        assert child.stdout is not None
        for line in child.stdout:
            line = line.rstrip("\n")
            tail.append(line)
            logger.info("run %s| %s", run_id, line)

    def _record_end(
        self, run_id: int, status: str | None, exit_code: int | None, tail: list[str], timeout: float
    ) -> None:
        with Session(self.engine) as session:
            run = session.get_one(CrawlRun, run_id)
            if status == "timed-out":
                finish_run(
                    session, run_id, "timed-out", exit_code=exit_code,
                    error=f"stopped after the time limit of {timeout / 60:g} minutes",
                )  # fmt: skip
            elif status == "interrupted":
                finish_run(
                    session,
                    run_id,
                    "interrupted",
                    exit_code=exit_code,
                    error="the service stopped",
                )
            elif run.status == "running":  # the child died before it could close its own run
                reason = f"the crawl process exited with code {exit_code}"
                if exit_code is not None and exit_code < 0:
                    reason = f"the crawl process was killed by signal {-exit_code}"
                error = "\n".join([reason, *tail[-10:]])
                finish_run(session, run_id, "crashed", exit_code=exit_code, error=error)
            else:
                run.exit_code = exit_code
            session.commit()
            logger.info("run %s ended: %s", run_id, run.status)

    def _stop(self, child: subprocess.Popen[str]) -> None:
        # SIGTERM lets Scrapy close its spiders and the crawl record its stats; SIGKILL if it will not.
        with contextlib.suppress(ProcessLookupError):
            os.killpg(child.pid, signal.SIGTERM)
        try:
            child.wait(timeout=STOP_GRACE_SECONDS)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(child.pid, signal.SIGKILL)
            child.wait()

    def stop_all(self) -> None:
        """Stop every running crawl (the service is stopping); their runs end as interrupted."""
        self.stopping.set()
        with self._lock:
            running = dict(self._children)
        for run_id in running:
            # Recorded before the stop, as a timeout is: the crawl's own end, written as it stops, is then
            # not its outcome. A crawl that ended just before keeps its end (storage.runs.finish_run).
            self._record_end(run_id, "interrupted", None, [], 0)
        threads = [threading.Thread(target=self._stop, args=(child,)) for child in running.values()]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
