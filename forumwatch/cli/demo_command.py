"""`forumwatch demo`: the bundled sample site, crawled into a fresh database and shown."""

from __future__ import annotations

import sys

import click

from forumwatch.cli.common import db_option, use_database


@click.command()
@db_option
def demo(db_url: str | None) -> None:
    """Serve the bundled sample site on 127.0.0.1, crawl it into a fresh database, show the result."""
    from forumwatch.demo.run import run_demo

    if db_url is not None:
        use_database(db_url)
    sys.exit(run_demo(db_url))
