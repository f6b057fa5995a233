"""`forumwatch db`: the database's schema revision, its migrations, and bringing it up to date."""

from __future__ import annotations

from pathlib import Path

import click

from forumwatch.cli.common import config_option, database_url, db_option
from forumwatch.terminal import command_name, database_url_for_display, echo


@click.group()
def db() -> None:
    """The database's schema: which revision it is at, the migrations, and bringing it up to date.

    Every command brings the schema up to date itself when it opens the database; `db upgrade` does it
    alone (before a deployment's first start, or to see what an upgrade will do), `db current` and
    `db history` change nothing."""


@db.command("current")
@config_option
@db_option
def db_current(config_path: Path, db_url: str | None) -> None:
    """Print the revision the database is at, and whether it is the newest."""
    from storage.engine import database_exists, head_revision, make_engine, schema_revision

    url = database_url(config_path, db_url)
    where = database_url_for_display(url)
    if not database_exists(url):
        echo(
            f"{where}: no database yet (any command that stores creates it; or `{command_name()} db upgrade`)"
        )
        return
    current, head = schema_revision(make_engine(url)), head_revision()
    if current is None:
        echo(f"{where}: not set up by forumwatch (no revision); `{command_name()} db upgrade` sets it up")
    elif current == head:
        echo(f"{where}: at {current}, the newest")
    else:
        echo(f"{where}: at {current}; the newest is {head} (`{command_name()} db upgrade`)")


@db.command("history")
@config_option
@db_option
def db_history(config_path: Path, db_url: str | None) -> None:
    """List the schema's migrations, oldest first, marking where the database is."""
    from storage.engine import database_exists, make_engine, schema_history

    url = database_url(config_path, db_url)
    engine = make_engine(url) if database_exists(url) else None
    for revision in schema_history(engine):
        marks = [mark for mark, on in (("current", revision.is_current), ("head", revision.is_head)) if on]
        summary = revision.message.split("\n", 1)[0]
        echo(f"{revision.revision}{' (' + ', '.join(marks) + ')' if marks else ''}  {summary}")


@db.command("upgrade")
@config_option
@db_option
def db_upgrade(config_path: Path, db_url: str | None) -> None:
    """Create the database, or migrate its schema to the newest revision."""
    from storage.engine import database_exists, head_revision, make_engine, open_database, schema_revision

    url = database_url(config_path, db_url)
    before = schema_revision(make_engine(url)) if database_exists(url) else None
    open_database(url)
    head = head_revision()
    where = database_url_for_display(url)
    if before == head:
        echo(f"{where}: at {head} already, the newest")
    else:
        echo(f"{where}: {'from ' + before + ' to' if before else 'created at'} {head}")
