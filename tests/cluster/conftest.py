"""The crawl workers' tests share their way of starting `forumwatch worker` processes."""

from __future__ import annotations

import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.cluster.workers import started_workers


@pytest.fixture
def workers(tmp_path: Path) -> Iterator[Callable[[Path], subprocess.Popen[str]]]:
    """Start `forumwatch worker` processes on a configuration; what is left of them stops after the test."""
    yield from started_workers(tmp_path)
