"""What every command shares: the exit codes, the --config, --db and --json options, and reading the
configuration and the database URL they name."""

from __future__ import annotations

import sys
from datetime import tzinfo
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import click
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session

from forumwatch.config import (
    DATABASE_URL_ENV,
    DEFAULT_CONFIG_PATH,
    Config,
    ConfigError,
    DatabaseConfig,
    load_config,
)
from forumwatch.terminal import command_name, database_url_for_display, echo, json_text

CONFIG_ENV = "FORUMWATCH_CONFIG"
EXIT_BAD_CONFIG = 2
# Refused because another process is at it already: a second scheduler, an overlapping crawl.
EXIT_BUSY = 3
# The database cannot be used (unreachable, read-only, not a database): like a bad config, what the user
# gave must change before anything can run.
EXIT_BAD_DATABASE = 2
# A crawl that failed (every request failed, the database stopped taking writes), and one a signal
# stopped (the shell's code for Ctrl-C): what cron, systemd and the scheduler see.
EXIT_CRAWL_FAILED = 1
EXIT_INTERRUPTED = 130

config_option = click.option(
    "--config",
    "config_path",
    type=click.Path(dir_okay=False, path_type=Path),
    envvar=CONFIG_ENV,
    default=DEFAULT_CONFIG_PATH,
    show_default=True,
    help=f"Configuration file (or ${CONFIG_ENV}).",
)
db_option = click.option(
    "--db",
    "db_url",
    metavar="URL",
    envvar=DATABASE_URL_ENV,
    help=f"Database URL (or ${DATABASE_URL_ENV}); overrides [database].url.",
)
json_option = click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")

# Where a command notes the database it uses (click's meta is shared by a command and its groups), for
# the one-line error should the database fail it.
DATABASE_URL_KEY = "forumwatch.database_url"

if TYPE_CHECKING:
    from forumwatch.cluster import ClusterSettings


def _refuse(error: ConfigError) -> NoReturn:
    for line in error.lines:
        echo(line, err=True)
    sys.exit(EXIT_BAD_CONFIG)


def load_checked_config(config_path: Path, db_url: str | None) -> Config:
    """The configuration file, checked (a refusal is its lines on stderr and exit 2), with --db applied."""
    from forumwatch.config_checks import check_config

    try:
        config = check_config(load_config(config_path), str(config_path))
    except ConfigError as error:
        _refuse(error)
    use_database(db_url if db_url is not None else config.database.url)
    return config.with_database(db_url)


def database_url(config_path: Path, db_url: str | None) -> str:
    """The database to read: --db, else the config file's, else the default."""
    if db_url:
        return use_database(db_url)
    if config_path.exists():
        return load_checked_config(config_path, None).database.url
    return use_database(DatabaseConfig().url)


def database_and_zone(config_path: Path, db_url: str | None) -> tuple[str, tzinfo]:
    """The database to read (as :func:`database_url`) and the zone to show times in: the config file's
    ([ui] timezone, ...) when there is one, else the machine's. The file is read once for both."""
    from forumwatch.scheduling import display_zone
    from scheduler.timezones import local_zone

    if not config_path.exists():
        return database_url(config_path, db_url), local_zone()
    config = load_checked_config(config_path, db_url)
    return config.database.url, display_zone(config)


def use_database(url: str) -> str:
    """Note ``url`` as the command's database and return it; a URL SQLAlchemy cannot read fails here."""
    click.get_current_context().meta[DATABASE_URL_KEY] = url
    make_url(url)
    return url


def open_for_reading(url: str) -> Session:
    """A session on the database at ``url``; one that does not exist yet is a hint and exit 1."""
    from storage.engine import database_exists, open_database

    if not database_exists(url):
        from forumwatch.demo.run import DEFAULT_DEMO_DATABASE

        shown = database_url_for_display(url)
        hint = f"run `{command_name()} crawl` first"
        if DEFAULT_DEMO_DATABASE.exists():
            hint += f", or look at the demo's with --db sqlite:///{DEFAULT_DEMO_DATABASE}"
        echo(f"no database at {shown}: {hint}", err=True)
        sys.exit(1)
    return Session(open_database(url))


def print_json(value: Any) -> None:
    click.echo(json_text(value))


def check_cluster(config: Config, config_path: Path, command: str) -> ClusterSettings:
    """[cluster] and a database the workers can share, with what they need installed; else exit 2."""
    try:
        import scrapy_redis  # noqa: F401  (the workers' scheduler; imported by Scrapy by name)

        from forumwatch.cluster import cluster_config
    except ImportError as missing:
        echo(
            f"forumwatch {command}: {missing}: install the workers' extra: pip install 'forumwatch[cluster]'",
            err=True,
        )
        sys.exit(EXIT_BAD_CONFIG)
    from forumwatch.config_errors import ConfigError

    try:
        return cluster_config(config)
    except ConfigError as error:
        for line in error.lines:
            echo(f"{config_path}: {line}", err=True)
        sys.exit(EXIT_BAD_CONFIG)
