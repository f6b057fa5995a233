"""`forumwatch demo`: serve the bundled site, crawl it like a real nightly run, show what was stored."""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

import click
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from forumwatch.demo.inbox import DemoInbox
from forumwatch.demo.server import DemoServer
from forumwatch.listing import stories_text
from forumwatch.terminal import command_name, database_url_for_display
from storage.articles import list_stories
from storage.engine import database_exists, open_database
from storage.models import Article

DEMO_CONFIG = Path(__file__).with_name("demo.toml")
DEMO_ALERTS = Path(__file__).with_name("alerts.toml")
DEFAULT_DEMO_DATABASE = Path("forumwatch-demo.db")
PREVIOUS_DEMO_DATABASE = Path("forumwatch-demo.previous.db")
# The demo site is a few dozen pages on loopback; a crawl that takes longer than this is stuck.
CRAWL_TIMEOUT_SECONDS = 120


def demo_config_text(base_url: str) -> str:
    """The bundled demo configuration, pointed at a running demo server."""
    return DEMO_CONFIG.read_text(encoding="utf-8").replace("@@BASE@@", base_url)


def run_demo(db_url: str | None) -> int:
    if db_url is None:
        # A fresh file each time, left behind so that `forumwatch stories --db ...` can look at it; the
        # previous demo's (and the review marks made on it) is kept once, beside it.
        if DEFAULT_DEMO_DATABASE.exists():
            _keep_as_previous(DEFAULT_DEMO_DATABASE)
            click.echo(f"The previous demo's database is kept as {PREVIOUS_DEMO_DATABASE}.")
        db_url = f"sqlite:///{DEFAULT_DEMO_DATABASE}"
    elif stored := _articles_in(db_url):
        click.echo(
            f"{database_url_for_display(db_url)} holds {stored} articles already: the demo crawls into a new"
            " database (leave out --db, or name one that does not exist yet)",
            err=True,
        )
        return 2
    started = time.monotonic()
    with (
        DemoServer() as server,
        DemoInbox() as inbox,
        tempfile.TemporaryDirectory(prefix="forumwatch-demo-") as workdir,
    ):
        config_path = Path(workdir) / "forumwatch.toml"
        alerts = DEMO_ALERTS.read_text(encoding="utf-8").replace("@@INBOX@@", inbox.url)
        config_path.write_text(demo_config_text(server.base_url) + "\n" + alerts, encoding="utf-8")
        click.echo(f"Demo site served at {server.base_url}; crawling it into {db_url}\n")
        crawl = subprocess.run(
            [sys.executable, "-m", "forumwatch", "crawl", "--config", str(config_path), "--db", db_url],
            timeout=CRAWL_TIMEOUT_SECONDS,
            check=False,
        )
    if crawl.returncode != 0:
        click.echo(f"the demo crawl failed (exit code {crawl.returncode})", err=True)
        return 1
    with Session(open_database(db_url)) as session:
        stories = list_stories(session)
    copies = sum(len(story.articles) - 1 for story in stories)
    click.echo(f"\n{len(stories)} stories stored; {copies} copies folded into them.\n")
    click.echo(stories_text(stories))
    click.echo(f"\n{len(inbox.alerts)} alerts reached the demo's webhook inbox (one per new forum story):")
    for alert in inbox.alerts.values():
        click.echo(f"  {alert.get('subject', '')}")
    command = command_name()
    click.echo(f"\nDone in {time.monotonic() - started:.1f} s. Look again with:")
    for what in ("review", "stories", "runs", "alerts list"):
        click.echo(f"  {command} {what} --db {db_url}")
    click.echo(f"or on the review page: {command} serve --open --db {db_url}")
    return 0


def _keep_as_previous(database: Path) -> None:
    """Move an SQLite file and its WAL and shared-memory files aside, replacing an older copy."""
    for suffix in ("", "-wal", "-shm"):
        kept = Path(str(PREVIOUS_DEMO_DATABASE) + suffix)
        kept.unlink(missing_ok=True)
        current = Path(str(database) + suffix)
        if current.exists():
            current.replace(kept)


def _articles_in(db_url: str) -> int:
    """How many articles a database holds (0 for one that does not exist yet)."""
    if not database_exists(db_url):
        return 0
    with Session(open_database(db_url)) as session:
        return session.scalar(select(func.count()).select_from(Article)) or 0
