"""The `forumwatch` command line."""

from __future__ import annotations

import logging
import os
import sys
from datetime import tzinfo
from pathlib import Path
from typing import Any, NoReturn, cast

import click
from sqlalchemy import Engine
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DBAPIError
from sqlalchemy.orm import Session

from forumwatch.config import (
    DATABASE_URL_ENV,
    DEFAULT_CONFIG_PATH,
    Config,
    ConfigError,
    DatabaseConfig,
    load_config,
)
from forumwatch.terminal import (
    HIDDEN,
    EscapingFormatter,
    command_name,
    database_url_for_display,
    echo,
    json_text,
    printable,
)

logger = logging.getLogger(__name__)

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
db_option = click.option(
    "--db",
    "db_url",
    metavar="URL",
    envvar=DATABASE_URL_ENV,
    help=f"Database URL (or ${DATABASE_URL_ENV}); overrides [database].url.",
)
json_option = click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")


def _refuse(error: ConfigError) -> NoReturn:
    for line in error.lines:
        echo(line, err=True)
    sys.exit(EXIT_BAD_CONFIG)


def _load(config_path: Path, db_url: str | None) -> Config:
    from forumwatch.config_checks import check_config

    try:
        config = check_config(load_config(config_path), str(config_path))
    except ConfigError as error:
        _refuse(error)
    _use_database(db_url if db_url is not None else config.database.url)
    return config.with_database(db_url)


def _database_url(config_path: Path, db_url: str | None) -> str:
    """The database to read: --db, else the config file's, else the default."""
    if db_url:
        return _use_database(db_url)
    if config_path.exists():
        return _load(config_path, None).database.url
    return _use_database(DatabaseConfig().url)


def _database_and_zone(config_path: Path, db_url: str | None) -> tuple[str, tzinfo]:
    """The database to read (as :func:`_database_url`) and the zone to show times in: the config file's
    ([ui] timezone, ...) when there is one, else the machine's. The file is read once for both."""
    from forumwatch.scheduling import display_zone
    from scheduler.timezones import local_zone

    if not config_path.exists():
        return _database_url(config_path, db_url), local_zone()
    config = _load(config_path, db_url)
    return config.database.url, display_zone(config)


def _print_json(value: Any) -> None:
    click.echo(json_text(value))


# Where a command notes the database it uses (click's meta is shared by a command and its groups), for
# the one-line error should the database fail it.
DATABASE_URL_KEY = "forumwatch.database_url"


def _use_database(url: str) -> str:
    """Note ``url`` as the command's database and return it; a URL SQLAlchemy cannot read fails here."""
    click.get_current_context().meta[DATABASE_URL_KEY] = url
    make_url(url)
    return url


def _alembic_error(error: BaseException) -> bool:
    # Imported only when a command fails: importing Alembic costs a tenth of a second on every start.
    from alembic.util import CommandError

    return isinstance(error, CommandError)


def _about_the_database(error: Exception, url: str) -> bool:
    if isinstance(error, DBAPIError | ArgumentError):
        return True
    if isinstance(error, OSError):
        return _on_database_path(error, url)
    return _alembic_error(error)


class _Commands(click.Group):
    """The `forumwatch` group: any command's database error is one line on stderr and exit 2, never a
    traceback (-vv logs the traceback)."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except Exception as error:
            url = ctx.meta.get(DATABASE_URL_KEY)
            if url is None or not _about_the_database(error, url):
                raise
            logger.debug("database error", exc_info=True)
            reason = _database_problem(error, url)
            echo(f"forumwatch: database {database_url_for_display(url)}: {reason}", err=True)
            sys.exit(EXIT_BAD_DATABASE)


def _sqlite_path(url: str) -> Path | None:
    from storage.engine import sqlite_file

    try:
        path = sqlite_file(url)
    except ArgumentError:
        return None
    return path.absolute() if path is not None else None


def _on_database_path(error: OSError, url: str) -> bool:
    """Whether ``error`` is about the SQLite file of ``url`` or a folder on its way (made if missing)."""
    path = _sqlite_path(url)
    if path is None or error.filename is None:
        return False
    failed = Path(os.fsdecode(error.filename)).absolute()
    return failed == path or failed in path.parents


def _database_problem(error: Exception, url: str) -> str:
    """One line: why the database cannot be used, without its password."""
    path = _sqlite_path(url)
    if path is not None and path.is_dir():
        return "a directory, not an SQLite file"  # SQLite only says "unable to open database file"
    if isinstance(error, DBAPIError):
        reason = str(error.orig)
    elif isinstance(error, OSError):
        reason = f"{error.strerror}: {os.fsdecode(error.filename)}"
    elif _alembic_error(error):
        # Most often a schema revision this forumwatch does not know: a newer one upgraded the database.
        reason = f"schema: {error}"
    else:
        reason = str(error)
    first_line = next((line.strip() for line in reason.splitlines() if line.strip()), type(error).__name__)
    try:
        password = make_url(url).password
    except ArgumentError:
        password = None
    # Drivers name the host and user, not the password; should one ever quote the URL, it is hidden.
    return first_line.replace(password, HIDDEN) if password else first_line


@click.group(cls=_Commands)
@click.version_option(package_name="forumwatch")
@click.option("-v", "--verbose", count=True, help="More log output (-v: info, -vv: debug).")
@click.pass_context
def main(context: click.Context, verbose: int) -> None:
    """forumwatch: nightly news monitoring for cross-strait city diplomacy."""
    level = {0: logging.WARNING, 1: logging.INFO}.get(verbose, logging.DEBUG)
    context.obj = level
    # A crawl's logging is set up by Scrapy, from LOG_LEVEL, for every logger of the process.
    if context.invoked_subcommand != "crawl":
        # Messages quote titles, URLs and servers' errors: their controls are escaped as on stdout.
        handler = logging.StreamHandler()
        handler.setFormatter(EscapingFormatter(LOG_FORMAT))
        logging.basicConfig(level=level, handlers=[handler])


@main.command()
@config_option
@db_option
@click.option(
    "--source", "only_sources", multiple=True, metavar="NAME", help="Crawl only this source (repeatable)."
)
@click.option("--run-id", type=int, hidden=True, help="The run record the scheduler opened for this crawl.")
@click.option("--no-alerts", is_flag=True, help="Store only: apply no alert rules and send nothing now.")
@click.pass_obj
def crawl(
    log_level: int,
    config_path: Path,
    db_url: str | None,
    only_sources: tuple[str, ...],
    run_id: int | None,
    no_alerts: bool,
) -> None:
    """Crawl every enabled source once, now, print a table per source, then send the alerts due."""
    from forumwatch.crawl import crawl_once, default_progress_stream, stopped_early_lines, summary_table
    from storage.runs import OverlappingRunError

    config = _load(config_path, db_url)
    known = {source.name for source in config.enabled_sources}
    unknown = [name for name in only_sources if name not in known]
    if unknown:
        raise click.BadParameter(f"no enabled source named {', '.join(unknown)}", param_hint="--source")
    if not config.enabled_sources:
        click.echo(f"{config_path}: no enabled sources to crawl", err=True)
        sys.exit(EXIT_BAD_CONFIG)
    try:
        result = crawl_once(
            config,
            progress_stream=default_progress_stream(),
            log_level=log_level,
            only_sources=only_sources or None,
            run_id=run_id,
        )
    except OverlappingRunError as overlap:
        click.echo(f"forumwatch crawl: refused: {overlap}", err=True)
        sys.exit(EXIT_BUSY)
    echo(summary_table(result.counts))
    for line in stopped_early_lines(result.counts):
        echo(line, err=True)
    # A crawl the scheduler started is reviewed by the scheduler, which also knows how it ended.
    if run_id is None and not no_alerts:
        from alerts.delivery import Deliverer
        from forumwatch.alerting import alerts_of
        from scheduler.postrun import review_run
        from storage.engine import open_database

        engine = open_database(config.database.url)
        alert_settings = alerts_of(config)
        review_run(engine, alert_settings, result.run_id)
        if config.alerts or config.health.channels:
            report = Deliverer(engine, alert_settings).deliver_due()
            click.echo(f"alerts: {report}")
    if result.status != "finished":
        echo(f"forumwatch crawl: run {result.run_id} {result.status}: {result.error}", err=True)
        sys.exit(EXIT_INTERRUPTED if result.status == "interrupted" else EXIT_CRAWL_FAILED)


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
        echo("How this page was cleaned:")
        echo(trace.render())
        echo()
    if article.is_empty:
        echo(f"no article: {article.empty_reason}", err=True)
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
    # The page's fields stay one line each; only the paragraphs keep their line breaks.
    echo(printable(article.title))
    echo("=" * min(60, max(10, len(article.title) * 2)))
    for key, value in facts.items():
        if value:
            echo(printable(f"{key}: {value}"))
    echo()
    echo("\n\n".join(article.paragraphs))


@main.command(name="explain")
@config_option
@click.argument("page", metavar="URL-or-FILE")
@click.option("--url", help="For a FILE: the page's URL (picks the site profile).")
@click.option("--profile", help="Force a cleaner profile by name.")
@click.option(
    "--encoding", "declared_encoding", help="For a FILE: the charset the server declared, if known."
)
@click.option("--allow-private", is_flag=True, help="Fetch a URL even on a private or local address.")
@json_option
def explain_command(
    config_path: Path,
    page: str,
    url: str | None,
    profile: str | None,
    declared_encoding: str | None,
    allow_private: bool,
    as_json: bool,
) -> None:
    """Why a page would be kept or not: the cleaner's decisions, every topic's score and the event
    reading, each with its reasons. PAGE is a saved file or an http(s) URL (fetched once)."""
    from crawler.cleaner import profile_names
    from crawler.topics import Topic
    from forumwatch.explaining import FetchError, explain, fetch

    config = _load(config_path, None)
    if profile is not None and profile not in profile_names():
        raise click.BadParameter(f"known profiles: {', '.join(profile_names())}", param_hint="--profile")
    if page.startswith(("http://", "https://")):
        try:
            fetched = fetch(page, allow_private=allow_private)
        except FetchError as error:
            echo(f"forumwatch: {error}", err=True)
            sys.exit(1)
        raw, url, declared_encoding = fetched.body, fetched.url, declared_encoding or fetched.charset
    else:
        path = Path(page)
        if not path.is_file():
            raise click.BadParameter(
                f"{page}: no such file (and not an http(s) URL)", param_hint="URL-or-FILE"
            )
        raw = path.read_bytes()
    topics = [Topic.from_dict(topic.model_dump()) for topic in config.topics]
    explanation = explain(raw, url, topics, profile=profile, declared_encoding=declared_encoding)
    if as_json:
        _print_json(explanation.to_json())
    else:
        echo(explanation.render())
    if explanation.article.is_empty:
        sys.exit(1)


@main.command()
@config_option
@db_option
@click.option("--all", "mark_all", is_flag=True, help="Recompute every article (after a change of topics).")
@click.option(
    "--batch",
    type=click.IntRange(1, 10_000),
    default=200,
    show_default=True,
    help="Articles per transaction.",
)
def restory(config_path: Path, db_url: str | None, mark_all: bool, batch: int) -> None:
    """Recompute what is derived from stored articles (fingerprints, topic matches, events, search) with
    today's rules and the configured topics, then make the stories and their heads again. Resumable;
    the review page may stay open."""
    from crawler.topics import Topic
    from forumwatch.restory import RestoryError, run_restory
    from storage.engine import database_exists, open_database

    config = _load(config_path, db_url)
    if not database_exists(config.database.url):
        echo(
            f"no database at {database_url_for_display(config.database.url)}: nothing to recompute", err=True
        )
        sys.exit(1)
    engine = open_database(config.database.url)
    topics = [Topic.from_dict(topic.model_dump()) for topic in config.topics]

    def progress(done: int, total: int) -> None:
        echo(f"{done}/{total} articles recomputed", err=True)

    try:
        report = run_restory(engine, topics, mark_all=mark_all, batch=batch, progress=progress)
    except RestoryError as error:
        echo(f"forumwatch: {error}", err=True)
        sys.exit(EXIT_BUSY)
    echo(report.describe())


def _open_for_reading(url: str) -> Session:
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


@main.command()
@config_option
@db_option
@click.option("--topic", help="Only articles that matched this topic.")
@json_option
def articles(config_path: Path, db_url: str | None, topic: str | None, as_json: bool) -> None:
    """List stored articles, newest first."""
    from forumwatch.listing import articles_text
    from storage.articles import article_json, list_articles

    with _open_for_reading(_database_url(config_path, db_url)) as session:
        found = list_articles(session, topic=topic)
    if as_json:
        _print_json([article_json(a) for a in found])
    else:
        echo(articles_text(found))


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
    from forumwatch.listing import stories_text
    from storage.articles import list_stories, story_json

    with _open_for_reading(_database_url(config_path, db_url)) as session:
        found = list_stories(session, kind=kind)
    if as_json:
        _print_json([story_json(s) for s in found])
    else:
        echo(stories_text(found))


@main.command()
@db_option
def demo(db_url: str | None) -> None:
    """Serve the bundled sample site on 127.0.0.1, crawl it into a fresh database, show the result."""
    from forumwatch.demo.run import run_demo

    if db_url is not None:
        _use_database(db_url)
    sys.exit(run_demo(db_url))


@main.command()
@config_option
@db_option
@click.pass_obj
def schedule(log_level: int, config_path: Path, db_url: str | None) -> None:
    """Run the service: scheduled crawls, alerts and health checks, until SIGTERM or Ctrl-C."""
    from forumwatch.alerting import alerts_of
    from forumwatch.scheduling import crawl_command, service_of
    from scheduler.service import SchedulerBusyError, SchedulerService
    from storage.engine import open_database

    config = _load(config_path, db_url)
    if not config.enabled_sources:
        echo(f"{config_path}: no enabled sources to crawl", err=True)
        sys.exit(EXIT_BAD_CONFIG)
    missing = _missing_secrets(config)
    if missing:
        for line in missing:
            echo(f"{config_path}: {line}", err=True)
        sys.exit(EXIT_BAD_CONFIG)
    command = crawl_command(str(config_path.resolve()), config, verbose=log_level <= logging.INFO)
    service = SchedulerService(
        open_database(config.database.url), service_of(config), alerts_of(config), command
    )
    # The service logs at info level at least (what it started, when, how each run ended); a refusal
    # stays the one line below.
    logging.getLogger().setLevel(min(log_level, logging.INFO))
    # APScheduler logs two lines each time a job runs: every 30 s for the outbox, 5,800 lines a day that
    # say nothing. Its warnings (a missed or overlapping run) stay; -vv shows the rest.
    logging.getLogger("apscheduler.executors").setLevel(
        logging.DEBUG if log_level <= logging.DEBUG else logging.WARNING
    )
    try:
        sys.exit(service.run())
    except SchedulerBusyError as busy:
        echo(f"forumwatch schedule: {busy}", err=True)
        sys.exit(EXIT_BUSY)


def _missing_secrets(config: Config) -> list[str]:
    """The environment variables the channels name that are not set: found at start, not at 2 a.m."""
    missing = []
    for index, channel in enumerate(config.channels):
        for key in ("username_env", "password_env", "secret_env", "url_env"):
            variable = getattr(channel, key, None)
            if variable and variable not in os.environ:
                missing.append(
                    f"channels[{index}] ({channel.name}).{key}: environment variable {variable} is not set"
                )
    return missing


@main.command()
@config_option
@db_option
@click.option("--limit", default=20, show_default=True, help="How many runs, newest first.")
@json_option
def runs(config_path: Path, db_url: str | None, limit: int, as_json: bool) -> None:
    """List crawl runs: when, why, how they ended, what they found."""
    from forumwatch.status import run_json, runs_text
    from storage.runs import latest_runs

    url, zone = _database_and_zone(config_path, db_url)
    with _open_for_reading(url) as session:
        found = latest_runs(session, limit=limit)
    if as_json:
        _print_json([run_json(run) for run in found])
    else:
        echo(runs_text(found, zone))


@main.command()
@config_option
@db_option
def status(config_path: Path, db_url: str | None) -> None:
    """Each source's health, the next scheduled runs, and the alert outbox."""
    from forumwatch.status import status_text

    config = _load(config_path, db_url)
    with _open_for_reading(config.database.url) as session:
        engine = session.get_bind()
        assert isinstance(engine, Engine)
        # Not echo(): status_text escapes what it quotes itself, keeping only the colours it chose.
        click.echo(status_text(engine, config, color=sys.stdout.isatty()))


@main.command()
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

    url, zone = _database_and_zone(config_path, db_url)
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
    with _open_for_reading(url) as session:
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


@main.group()
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

    url = _database_url(config_path, db_url)
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

    url = _database_url(config_path, db_url)
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

    url = _database_url(config_path, db_url)
    before = schema_revision(make_engine(url)) if database_exists(url) else None
    open_database(url)
    head = head_revision()
    where = database_url_for_display(url)
    if before == head:
        echo(f"{where}: at {head} already, the newest")
    else:
        echo(f"{where}: {'from ' + before + ' to' if before else 'created at'} {head}")


@main.group()
def alerts() -> None:
    """The alert outbox: what was sent, what waits, what failed."""


@alerts.command("list")
@config_option
@db_option
@click.option("--status", "state", type=click.Choice(["pending", "sending", "sent", "failed", "merged"]))
@click.option("--limit", default=30, show_default=True)
@json_option
def alerts_list(config_path: Path, db_url: str | None, state: str | None, limit: int, as_json: bool) -> None:
    """List alerts, newest first."""
    from forumwatch.tables import render_table, truncate
    from storage.outbox import list_alerts

    with _open_for_reading(_database_url(config_path, db_url)) as session:
        found = list_alerts(session, limit=limit, status=state)
        rows: list[dict[str, Any]] = [
            {
                "id": a.id,
                "status": a.status,
                "rule": a.rule,
                "channel": a.channel,
                "subject": a.subject,
                "occasion": a.occasion,
                "title": a.payload.get("title") or "; ".join(a.payload.get("problems", [])),
                "attempts": a.attempts,
                "created": a.created_at.isoformat(),
                "sent": a.sent_at.isoformat() if a.sent_at else None,
                "last_error": a.last_error,
            }
            for a in found
        ]
    if as_json:
        _print_json(rows)
        return
    if not rows:
        echo("no alerts")
        return
    headers = ["id", "status", "rule", "channel", "occasion", "tries", "title / error"]
    table = [
        [r["id"], r["status"], r["rule"], r["channel"], r["occasion"].partition(":")[0], r["attempts"],
         truncate(str(r["last_error"] if r["status"] == "failed" else r["title"]), 60)]
        for r in rows
    ]  # fmt: skip
    echo(render_table(headers, table))


@alerts.command("send")
@config_option
@db_option
def alerts_send(config_path: Path, db_url: str | None) -> None:
    """Review ended runs and send the alerts due now (what the service does every few seconds)."""
    from alerts.delivery import Deliverer
    from forumwatch.alerting import alerts_of
    from scheduler.postrun import review_ended_runs
    from storage.engine import open_database

    config = _load(config_path, db_url)
    engine = open_database(config.database.url)
    alert_settings = alerts_of(config)
    review_ended_runs(engine, alert_settings)
    echo(f"alerts: {Deliverer(engine, alert_settings).deliver_due()}")


def _reviewer(name: str | None) -> str:
    import getpass

    return name or getpass.getuser()


# The inbox's filters: on `review list`, and on `review` itself, which lists (`forumwatch review --status all`).
_INBOX_OPTIONS = (
    click.option(
        "--status",
        type=click.Choice(["new", "relevant", "dismissed", "later", "all"]),
        default="new",
        show_default=True,
    ),
    click.option("--topic", help="Only stories that matched this topic."),
    click.option(
        "--search", "query", help="Words in a copy's title or text (either script: 雙城論壇 finds 双城论坛)."
    ),
    click.option("--source", help="Only stories with a copy from this source."),
    click.option("--kind", type=click.Choice(["announcement", "report", "other"])),
    click.option("--since", type=click.DateTime(), help="First seen on or after (in the display zone)."),
    click.option("--until", type=click.DateTime(), help="First seen before (in the display zone)."),
    click.option("--limit", default=30, show_default=True),
    click.option("--after", metavar="CURSOR", help="The next page: the cursor the previous page printed."),
    json_option,
)
_INBOX_DEFAULTS = {"status": "new", "limit": 30, "as_json": False}


def _inbox_options(command: Any) -> Any:
    for option in reversed(_INBOX_OPTIONS):
        command = option(command)
    return command


@main.group(invoke_without_command=True)
@config_option
@db_option
@_inbox_options
@click.pass_context
def review(context: click.Context, /, **options: Any) -> None:
    """Review stories from the terminal: list the inbox (the default: `forumwatch review`, which takes the
    options of `review list`), show one (`review show ID`), mark them (`review mark relevant ID...`)."""
    if context.invoked_subcommand is None:
        context.invoke(review_list, **options)
        return
    # `review --db URL show 3`: the group's --config and --db are the subcommand's unless it names its own.
    shared = {name: options[name] for name in ("config_path", "db_url") if options[name] is not None}
    context.default_map = dict.fromkeys(review.commands, shared)
    filters = {name: value for name, value in options.items() if name not in ("config_path", "db_url")}
    given = [name for name, value in filters.items() if value != _INBOX_DEFAULTS.get(name)]
    if given:
        listed = ", ".join(f"--{name.removeprefix('as_').replace('query', 'search')}" for name in given)
        raise click.UsageError(
            f"{listed}: options of the inbox, not of `review {context.invoked_subcommand}`"
        )


@review.command("list")
@config_option
@db_option
@_inbox_options
def review_list(
    config_path: Path,
    db_url: str | None,
    status: str,
    topic: str | None,
    query: str | None,
    source: str | None,
    kind: str | None,
    since: Any,
    until: Any,
    limit: int,
    after: str | None,
    as_json: bool,
) -> None:
    """The inbox: stories newest first, one row per story (copies/outlets counted)."""
    from forumwatch.reviewing import inbox_text
    from storage.inbox import InboxFilter, inbox, inbox_row_json

    url, zone = _database_and_zone(config_path, db_url)
    filters = InboxFilter(
        status=status,  # type: ignore[arg-type]
        topic=topic,
        source=source,
        kind=kind,
        since=since.replace(tzinfo=zone) if since else None,
        until=until.replace(tzinfo=zone) if until else None,
        query=query,
    )
    with _open_for_reading(url) as session:
        try:
            page = inbox(session, filters, limit=limit, after=after)
        except ValueError as error:
            hint = "--after" if "cursor" in str(error) else "--search"
            raise click.BadParameter(str(error), param_hint=hint) from None
    if as_json:
        _print_json({"stories": [inbox_row_json(r) for r in page.rows], "next": page.next_cursor})
    else:
        echo(inbox_text(page, zone))


@review.command("show")
@config_option
@db_option
@click.argument("story_id", type=int)
def review_show(config_path: Path, db_url: str | None, story_id: int) -> None:
    """One story: its head's clean text, its copies, and who marked it what and when."""
    from forumwatch.listing import stories_text
    from forumwatch.reviewing import history_text
    from storage.articles import list_stories
    from storage.models import Article
    from storage.review import history, review_of

    url, zone = _database_and_zone(config_path, db_url)
    with _open_for_reading(url) as session:
        found = list_stories(session, story_ids=[story_id])
        if not found:
            echo(f"no story {story_id}", err=True)
            sys.exit(1)
        story = found[0]
        head = session.get(Article, story.head.id) if story.head else None
        state = review_of(session, story_id)
        events = history(session, story_id)
        echo(stories_text([story]))
        note = f"; note: {state.note}" if state and state.note else ""
        echo("\n" + printable(f"status: {state.status if state else 'new'}{note}"))
        echo("history:\n" + history_text(events, zone))
        if head is not None:
            echo("\n" + head.text)  # the body: its paragraphs keep their line breaks


@review.command("mark")
@config_option
@db_option
@click.argument("decision", type=click.Choice(["relevant", "dismissed", "later"]))
@click.argument("story_ids", type=int, nargs=-1, required=True)
@click.option("--note", help="A note to keep with the stories.")
@click.option("--as", "reviewer", help="Who marks (default: your user name).")
def review_mark(
    config_path: Path,
    db_url: str | None,
    decision: str,
    story_ids: tuple[int, ...],
    note: str | None,
    reviewer: str | None,
) -> None:
    """Mark stories relevant, dismissed or later (several at once: `mark dismissed 12 13 14`)."""
    from storage.engine import open_database
    from storage.review import mark

    url = _database_url(config_path, db_url)
    _open_for_reading(url).close()  # refuses a database that does not exist
    with Session(open_database(url)) as session, session.begin():
        marked = mark(session, story_ids, decision, _reviewer(reviewer), note=note)  # type: ignore[arg-type]
    missing = sorted(set(story_ids) - set(marked))
    if marked:
        echo(f"{decision}: {', '.join(map(str, marked))}")
    if missing:
        echo(f"no such story: {', '.join(map(str, missing))}", err=True)
        sys.exit(1)


LOOPBACK_HOSTS = ("127.0.0.1", "::1", "localhost")


@main.command()
@config_option
@db_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8080, show_default=True, type=int)
@click.option(
    "--open",
    "open_access",
    is_flag=True,
    help="No sign-in (only on a loopback address): for one person on their own machine.",
)
@click.option("--https", "secure_cookies", is_flag=True, help="Mark cookies Secure (behind an HTTPS proxy).")
def serve(
    config_path: Path, db_url: str | None, host: str, port: int, open_access: bool, secure_cookies: bool
) -> None:
    """The review web page (and its JSON API, described at /api/openapi.json)."""
    import uvicorn

    from review.app import create_app
    from review.security import TOKEN_ENV, Access
    from storage.engine import open_database

    token = os.environ.get(TOKEN_ENV) or None
    if open_access and host not in LOOPBACK_HOSTS:
        echo(f"forumwatch serve: --open is for a loopback address only, not {host}", err=True)
        sys.exit(EXIT_BAD_CONFIG)
    if token is None and not open_access:
        echo(
            f"forumwatch serve: set {TOKEN_ENV} (the token reviewers sign in with),"
            " or pass --open to serve on 127.0.0.1 without sign-in",
            err=True,
        )
        sys.exit(EXIT_BAD_CONFIG)
    # The page shows times in the reader's zone: [ui] timezone (…), else the machine's, by its name.
    url, reader_zone = _database_and_zone(config_path, db_url)
    app = create_app(
        open_database(url),
        Access(None if open_access else token),
        zone=reader_zone,
        secure_cookies=secure_cookies,
    )
    echo(f"forumwatch review at http://{host}:{port}/ ({'open' if open_access else 'sign-in required'})")
    uvicorn.run(app, host=host, port=port, log_level="warning")
