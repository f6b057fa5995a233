"""`forumwatch schedule` logs what happens, not that a timer fired: APScheduler's two lines per job run
(every delivery interval, 5,800 a day at 30 s) stay out of the log unless -vv asks for them."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

CONFIG = """
[database]
url = "sqlite:///{db}"

[crawl]
allow_private = ["127.0.0.1"]

[[topics]]
name = "twin-city-forum"
aliases = ["双城论坛"]

[[sources]]
name = "nowhere"
kind = "feed"
url = "http://127.0.0.1:9/feed.xml"

[scheduler]
cron = "0 2 1 1 *"
delivery_interval_seconds = 1
"""


STARTUP_SECONDS = 60


def run_service(tmp_path: Path, *flags: str, seconds: float = 3.5) -> str:
    config = tmp_path / "forumwatch.toml"
    config.write_text(CONFIG.format(db=tmp_path / "forumwatch.db"), encoding="utf-8")
    service = subprocess.Popen(
        [sys.executable, "-m", "forumwatch", *flags, "schedule", "--config", str(config)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert service.stderr is not None
    lines = []
    # Wait until the service has scheduled its jobs (a loaded machine takes seconds to get there), then
    # let the 1-second outbox timer fire a few times.
    deadline = time.monotonic() + STARTUP_SECONDS
    while not any("next run" in line for line in lines):
        line = service.stderr.readline()
        assert line, "".join(lines)  # the service ended before it scheduled anything
        assert time.monotonic() < deadline, "".join(lines)
        lines.append(line)
    time.sleep(seconds)
    service.send_signal(signal.SIGTERM)
    _, rest = service.communicate(timeout=60)
    log = "".join(lines) + rest
    assert service.returncode == 0, log
    return log


def test_the_outbox_timer_is_not_logged(tmp_path: Path) -> None:
    log = run_service(tmp_path)
    assert "Running job" not in log, log
    assert "executed successfully" not in log, log


def test_very_verbose_shows_the_timer(tmp_path: Path) -> None:
    log = run_service(tmp_path, "-vv")
    assert "Running job" in log, log
