"""The `forumwatch` command line."""

from __future__ import annotations

import json
import logging
import sys
from pathlib import Path
from typing import Any, NoReturn

import click
from sqlalchemy.orm import Session

from forumwatch.config import DEFAULT_CONFIG_PATH, Config, ConfigError, DatabaseConfig, load_config

CONFIG_ENV = "FORUMWATCH_CONFIG"
EXIT_BAD_CONFIG = 2
LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"

config_option = click.option(
    "--config",
    "config_path",
    type=click.Path(dir_okay=False, path_type=Path),
    envvar=CONFIG_ENV,
    default=DEFAULT_CONFIG_PATH,
    show_default=True,
    help=f"Configuration file (or ${CONFIG_ENV}).",
)
db_option = click.option("--db", "db_url", metavar="URL", help="Database URL; overrides [database].url.")
json_option = click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")


def _refuse(error: ConfigError) -> NoReturn:
    for line in error.lines:
        click.echo(line, err=True)
    sys.exit(EXIT_BAD_CONFIG)


def _load(config_path: Path, db_url: str | None) -> Config:
    try:
        return load_config(config_path).with_database(db_url)
    except ConfigError as error:
        _refuse(error)


def _database_url(config_path: Path, db_url: str | None) -> str:
    """The database to read: --db, else the config file's, else the default."""
    if db_url:
        return db_url
    if config_path.exists():
        return _load(config_path, None).database.url
    return DatabaseConfig().url


def _print_json(value: Any) -> None:
    click.echo(json.dumps(value, ensure_ascii=False, indent=2))


@click.group()
@click.version_option(package_name="forumwatch")
@click.option("-v", "--verbose", count=True, help="More log output (-v: info, -vv: debug).")
@click.pass_context
def main(context: click.Context, verbose: int) -> None:
    """forumwatch: nightly news monitoring for cross-strait city diplomacy."""
    level = {0: logging.WARNING, 1: logging.INFO}.get(verbose, logging.DEBUG)
    context.obj = level
    # A crawl's logging is set up by Scrapy, from LOG_LEVEL, for every logger of the process.
    if context.invoked_subcommand != "crawl":
        logging.basicConfig(level=level, format=LOG_FORMAT)


@main.command()
@config_option
@db_option
@click.pass_obj
def crawl(log_level: int, config_path: Path, db_url: str | None) -> None:
    """Crawl every enabled source once, now, and print a table per source."""
    from forumwatch.crawl import crawl_once, default_progress_stream, summary_table

    config = _load(config_path, db_url)
    if not config.enabled_sources:
        click.echo(f"{config_path}: no enabled sources to crawl", err=True)
        sys.exit(EXIT_BAD_CONFIG)
    counts = crawl_once(config, progress_stream=default_progress_stream(), log_level=log_level)
    click.echo(summary_table(counts))


@main.command()
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--url", help="The page's URL: picks the site profile and resolves relative links.")
@click.option("--profile", help="Force a cleaner profile by name.")
@click.option("--encoding", "declared_encoding", help="The charset the server declared, if known.")
@click.option(
    "--explain", is_flag=True, help="Also say which profile or extractor ran and what each rule removed."
)
@json_option
def clean(
    file: Path,
    url: str | None,
    profile: str | None,
    declared_encoding: str | None,
    explain: bool,
    as_json: bool,
) -> None:
    """Clean one saved page and print the article."""
    from crawler.cleaner import explain as explain_page
    from crawler.cleaner import profile_names

    if profile is not None and profile not in profile_names():
        raise click.BadParameter(f"known profiles: {', '.join(profile_names())}", param_hint="--profile")
    article, trace = explain_page(
        file.read_bytes(), url, profile=profile, declared_encoding=declared_encoding
    )
    if as_json:
        result = article.to_json()
        if explain:
            result["explanation"] = trace.to_json()
        _print_json(result)
        return
    if explain:
        click.echo("How this page was cleaned:")
        click.echo(trace.render())
        click.echo()
    if article.is_empty:
        click.echo(f"no article: {article.empty_reason}", err=True)
        sys.exit(1)
    facts = {
        "published": article.published.isoformat() if article.published else None,
        "author": article.author,
        "editor": article.editor,
        "outlet": article.outlet,
        "credit": article.credit if article.credit != article.outlet else None,
        "original title": article.original_title,
        "language": article.language,
        "script": article.script,
        "image": article.image,
        "extractor": article.extractor,
    }
    click.echo(article.title)
    click.echo("=" * min(60, max(10, len(article.title) * 2)))
    for key, value in facts.items():
        if value:
            click.echo(f"{key}: {value}")
    click.echo()
    click.echo("\n\n".join(article.paragraphs))


def _open_for_reading(url: str) -> Session:
    from storage.engine import database_exists, open_database

    if not database_exists(url):
        click.echo(f"no database at {url}: run `forumwatch crawl` (or `forumwatch demo`) first", err=True)
        sys.exit(1)
    return Session(open_database(url))


@main.command()
@config_option
@db_option
@click.option("--topic", help="Only articles that matched this topic.")
@json_option
def articles(config_path: Path, db_url: str | None, topic: str | None, as_json: bool) -> None:
    """List stored articles, newest first."""
    from forumwatch.listing import article_json, articles_text
    from storage.articles import list_articles

    with _open_for_reading(_database_url(config_path, db_url)) as session:
        found = list_articles(session, topic=topic)
    if as_json:
        _print_json([article_json(a) for a in found])
    else:
        click.echo(articles_text(found))


@main.command()
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
    from forumwatch.listing import stories_text, story_json
    from storage.articles import list_stories

    with _open_for_reading(_database_url(config_path, db_url)) as session:
        found = list_stories(session, kind=kind)
    if as_json:
        _print_json([story_json(s) for s in found])
    else:
        click.echo(stories_text(found))


@main.command()
@db_option
def demo(db_url: str | None) -> None:
    """Serve the bundled sample site on 127.0.0.1, crawl it into a fresh database, show the result."""
    from forumwatch.demo.run import run_demo

    sys.exit(run_demo(db_url))
