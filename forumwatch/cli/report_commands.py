"""The read-only reports: `articles`, `stories`, `runs`, `status`, and `export` (CSV, JSON Lines, Atom)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any, cast

import click
from sqlalchemy import Engine

from forumwatch.cli.common import (
    config_option,
    database_and_zone,
    database_url,
    db_option,
    json_option,
    load_checked_config,
    open_for_reading,
    print_json,
)
from forumwatch.terminal import echo


@click.command()
@config_option
@db_option
@click.option("--topic", help="Only articles that matched this topic.")
@json_option
def articles(config_path: Path, db_url: str | None, topic: str | None, as_json: bool) -> None:
    """List stored articles, newest first."""
    from forumwatch.listing import articles_text
    from storage.articles import article_json, list_articles

    with open_for_reading(database_url(config_path, db_url)) as session:
        found = list_articles(session, topic=topic)
    if as_json:
        print_json([article_json(a) for a in found])
    else:
        echo(articles_text(found))


@click.command()
@config_option
@db_option
@click.option(
    "--kind",
    type=click.Choice(["announcement", "report", "other"]),
    help="Only stories of this kind (announcement: a forum to come).",
)
@json_option
def stories(config_path: Path, db_url: str | None, kind: str | None, as_json: bool) -> None:
    """List stories with their copies (the head marked *), how each copy joined, and why each
    topic matched."""
    from forumwatch.listing import stories_text
    from storage.articles import list_stories, story_json

    with open_for_reading(database_url(config_path, db_url)) as session:
        found = list_stories(session, kind=kind)
    if as_json:
        print_json([story_json(s) for s in found])
    else:
        echo(stories_text(found))


@click.command()
@config_option
@db_option
@click.option("--limit", default=20, show_default=True, help="How many runs, newest first.")
@json_option
def runs(config_path: Path, db_url: str | None, limit: int, as_json: bool) -> None:
    """List crawl runs: when, why, how they ended, what they found."""
    from forumwatch.status import run_json, runs_text
    from storage.runs import latest_runs

    url, zone = database_and_zone(config_path, db_url)
    with open_for_reading(url) as session:
        found = latest_runs(session, limit=limit)
    if as_json:
        print_json([run_json(run) for run in found])
    else:
        echo(runs_text(found, zone))


@click.command()
@config_option
@db_option
def status(config_path: Path, db_url: str | None) -> None:
    """Each source's health, the next scheduled runs, and the alert outbox."""
    from forumwatch.status import status_text

    config = load_checked_config(config_path, db_url)
    with open_for_reading(config.database.url) as session:
        engine = session.get_bind()
        assert isinstance(engine, Engine)
        # Not echo(): status_text escapes what it quotes itself, keeping only the colours it chose.
        click.echo(status_text(engine, config, color=sys.stdout.isatty()))
    if config.cluster is not None:
        try:
            from forumwatch.cluster import workers_text
        except ImportError as missing:
            echo(f"\nCrawl workers: {missing}: install the workers' extra: pip install 'forumwatch[cluster]'")
            return
        echo("\n" + workers_text(config))


@click.command()
@config_option
@db_option
@click.option(
    "--format", "format_name", type=click.Choice(["csv", "jsonl", "atom"]), default="csv", show_default=True
)
@click.option(
    "--status",
    type=click.Choice(["new", "relevant", "dismissed", "later", "all"]),
    default="all",
    show_default=True,
)
@click.option("--topic", help="Only stories that matched this topic.")
@click.option("--source", help="Only stories with a copy from this source.")
@click.option("--kind", type=click.Choice(["announcement", "report", "other"]))
@click.option("--search", help="Words in a copy's title or text (either script).")
@click.option("--since", type=click.DateTime(["%Y-%m-%d"]), help="First seen on or after this day.")
@click.option("--until", type=click.DateTime(["%Y-%m-%d"]), help="First seen on or before this day.")
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write to this file (complete or not at all) instead of standard output.",
)
def export(
    config_path: Path,
    db_url: str | None,
    format_name: str,
    status: str,
    topic: str | None,
    source: str | None,
    kind: str | None,
    search: str | None,
    since: Any,
    until: Any,
    output: Path | None,
) -> None:
    """Export stories (newest first) with their head article's URL, outlet and publication time, topics,
    kind, event and review status: CSV for a spreadsheet, JSON Lines for a program, Atom for a feed reader.
    Times are in the display zone ([ui] timezone), with their offset."""
    from review.export_formats import ExportFormat, write_export
    from review.exports import export_filter, export_rows

    url, zone = database_and_zone(config_path, db_url)
    chosen = cast(ExportFormat, format_name)
    filters = export_filter(
        status=status,
        topic=topic,
        source=source,
        kind=kind,
        since=since.date() if since else None,
        until=until.date() if until else None,
        search=search,
        zone=zone,
    )
    with open_for_reading(url) as session:
        try:
            rows = export_rows(session, filters, zone)
        except ValueError as error:
            raise click.BadParameter(str(error), param_hint="--search") from None
        if output is None:
            write_export(chosen, rows, sys.stdout.buffer)
            return
        written = _write_whole(output, lambda stream: write_export(chosen, rows, stream))
    echo(f"{written} stories written to {output}", err=True)


def _write_whole(path: Path, write: Any) -> Any:
    """Write to a temporary file beside ``path`` and move it into place: a reader never sees half a file,
    and a failed export leaves the previous one as it was."""
    import tempfile

    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile("wb", dir=path.parent, prefix=f".{path.name}.", delete=False) as stream:
        temporary = Path(stream.name)
        try:
            result = write(stream)
        except BaseException:
            stream.close()
            temporary.unlink(missing_ok=True)
            raise
    temporary.replace(path)
    return result
