"""What a person gets wrong with workers gets a clear refusal, and a run nobody crawls fails saying why."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("scrapy_redis")

from forumwatch.cluster import cluster_config, redis_url_for_display
from forumwatch.config import parse_config
from forumwatch.config_errors import ConfigError
from forumwatch.localserver import LocalServer, closed_port
from tests.cluster.workers import serve_site, write_config
from tests.hostile.crawl import REPOSITORY, run_crawl

TOPICS = {"topics": [{"name": "forum", "aliases": ["双城论坛"]}]}


def forumwatch(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "forumwatch", *args],
        capture_output=True,
        text=True,
        cwd=REPOSITORY,
        timeout=60,
    )


def test_workers_with_sqlite_are_refused_with_the_reason() -> None:
    # The database in use is judged, after --db and $FORUMWATCH_DATABASE_URL: the file may name none.
    config = parse_config({**TOPICS, "cluster": {"redis_url": "redis://127.0.0.1:6379/0"}})
    with pytest.raises(ConfigError) as refused:
        cluster_config(config)
    assert "database.url" in str(refused.value)
    assert "PostgreSQL" in str(refused.value)
    postgres = config.with_database("postgresql+psycopg://u@127.0.0.1/db")
    assert cluster_config(postgres).redis_url == "redis://127.0.0.1:6379/0"


def test_browser_sources_are_refused_for_workers() -> None:
    config = parse_config(
        {
            **TOPICS,
            "database": {"url": "postgresql+psycopg://u@127.0.0.1/db"},
            "cluster": {"redis_url": "redis://127.0.0.1:6379/0"},
            "sources": [
                {"name": "portal", "kind": "site", "start_urls": ["https://portal.example/news/"],
                 "article_pattern": "/news/", "render": "browser"},
            ],
        }
    )  # fmt: skip
    with pytest.raises(ConfigError, match=r"sources \(portal\)\.render: crawl workers"):
        cluster_config(config)


def test_a_redis_url_with_its_password_comes_from_the_environment() -> None:
    config = parse_config(
        {
            **TOPICS,
            "database": {"url": "postgresql+psycopg://u@127.0.0.1/db"},
            "cluster": {"redis_url_env": "FW_REDIS"},
        }
    )
    secret = "redis://:s3cret@10.0.0.5:6379/0"
    assert cluster_config(config, {"FW_REDIS": secret}).redis_url == secret
    assert redis_url_for_display(secret) == "redis://:***@10.0.0.5:6379/0"
    with pytest.raises(ConfigError, match=r"cluster.redis_url_env: \$FW_REDIS is not set"):
        cluster_config(config, {})
    with pytest.raises(ConfigError, match="not a Redis URL"):
        cluster_config(config, {"FW_REDIS": "10.0.0.5:6379"})
    with pytest.raises(ConfigError, match=r"cluster\.redis_url_env: not an environment variable's name"):
        parse_config({**TOPICS, "cluster": {"redis_url_env": "FW-REDIS"}})
    with pytest.raises(ConfigError, match="exactly one of redis_url and redis_url_env"):
        parse_config({**TOPICS, "cluster": {"redis_url": secret, "redis_url_env": "FW_REDIS"}})


def test_a_redis_url_that_is_not_one_is_refused_with_its_key() -> None:
    with pytest.raises(ConfigError) as refused:
        parse_config(
            {
                **TOPICS,
                "database": {"url": "postgresql+psycopg://u@h/db"},
                "cluster": {"redis_url": "127.0.0.1:6379"},
            }
        )
    assert "cluster.redis_url: not a Redis URL" in str(refused.value)
    assert "got '127.0.0.1:6379'" in str(refused.value)


def test_a_worker_without_cluster_or_with_sqlite_from_the_command_line_is_refused(tmp_path: Path) -> None:
    config = tmp_path / "fw.toml"
    config.write_text('[[topics]]\nname = "forum"\naliases = ["双城论坛"]\n', encoding="utf-8")
    without = forumwatch("worker", "--config", str(config))
    assert without.returncode == 2
    assert "[cluster]" in without.stderr
    assert "Traceback" not in without.stderr

    config.write_text(
        '[database]\nurl = "postgresql+psycopg://u@127.0.0.1/db"\n[cluster]\nredis_url = "redis://127.0.0.1:6379/0"\n'
        '[[topics]]\nname = "forum"\naliases = ["双城论坛"]\n',
        encoding="utf-8",
    )
    with_sqlite = forumwatch("worker", "--config", str(config), "--db", f"sqlite:///{tmp_path}/x.db")
    assert with_sqlite.returncode == 2
    assert "SQLite" in with_sqlite.stderr
    assert "Traceback" not in with_sqlite.stderr


@pytest.mark.slow
def test_a_crawl_with_redis_down_fails_and_says_so(tmp_path: Path, postgres_url: str) -> None:
    with LocalServer() as server:
        config = write_config(
            tmp_path / "fw.toml",
            server.base_url,
            postgres_url,
            f"redis://127.0.0.1:{closed_port()}/0",
            "fwtest-down",
        )
        outcome = run_crawl(config, timeout=60)
    assert outcome.exit_code == 1
    assert outcome.run["status"] == "failed"
    assert "Redis unreachable" in outcome.run["error"]
    assert "Traceback" not in outcome.stderr


@pytest.mark.slow
def test_a_run_no_worker_joins_fails_naming_the_worker_that_would_not(
    tmp_path: Path, postgres_url: str, redis_url: str, cluster_prefix: str
) -> None:
    with LocalServer() as server:
        serve_site(server, pages=2, delay=0.0)
        config = write_config(tmp_path / "fw.toml", server.base_url, postgres_url, redis_url, cluster_prefix)
        text = config.read_text(encoding="utf-8").replace("no_worker_seconds = 60", "no_worker_seconds = 5")
        config.write_text(text, encoding="utf-8")
        # A worker whose configuration differs (another topic) must not crawl this run.
        other = tmp_path / "other.toml"
        other.write_text(text.replace('aliases = ["双城论坛"]', 'aliases = ["城市论坛"]'), encoding="utf-8")
        worker = subprocess.Popen(
            [sys.executable, "-m", "forumwatch", "worker", "--config", str(other)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
            cwd=REPOSITORY,
        )
        try:
            outcome = run_crawl(config, timeout=60)
        finally:
            worker.terminate()
            _, worker_log = worker.communicate(timeout=30)
    assert outcome.exit_code == 1
    assert outcome.run["status"] == "failed"
    assert "no worker joined the run in 5 s" in outcome.run["error"]
    assert "not the run's" in outcome.run["error"]  # the refusing worker's reason
    assert "not joining run" in worker_log
    assert server.requested() == []
    assert json.loads(json.dumps(outcome.run["stats"]))  # recorded, whatever it holds
