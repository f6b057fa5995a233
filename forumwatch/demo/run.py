"""`forumwatch demo`: serve the bundled site, crawl it like a real nightly run, show what was stored."""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

import click
from sqlalchemy.orm import Session

from forumwatch.demo.inbox import DemoInbox
from forumwatch.demo.server import DemoServer
from forumwatch.listing import stories_text
from storage.articles import list_stories
from storage.engine import open_database

DEMO_CONFIG = Path(__file__).with_name("demo.toml")
DEMO_ALERTS = Path(__file__).with_name("alerts.toml")
DEFAULT_DEMO_DATABASE = Path("forumwatch-demo.db")
# The demo site is a few dozen pages on loopback; a crawl that takes longer than this is stuck.
CRAWL_TIMEOUT_SECONDS = 120


def demo_config_text(base_url: str) -> str:
    """The bundled demo configuration, pointed at a running demo server."""
    return DEMO_CONFIG.read_text(encoding="utf-8").replace("@@BASE@@", base_url)


def run_demo(db_url: str | None) -> int:
    if db_url is None:
        # A fresh file each time, left behind so that `forumwatch stories --db ...` can look at it.
        for leftover in DEFAULT_DEMO_DATABASE.parent.glob(DEFAULT_DEMO_DATABASE.name + "*"):
            leftover.unlink()
        db_url = f"sqlite:///{DEFAULT_DEMO_DATABASE}"
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
    click.echo(f"\nDone in {time.monotonic() - started:.1f} s. Look again with:")
    click.echo(f"  forumwatch stories --db {db_url}\n  forumwatch articles --db {db_url} --json")
    click.echo(f"  forumwatch runs --db {db_url}\n  forumwatch alerts list --db {db_url}")
    return 0
