"""The crawl commands: `crawl` (every enabled source, once, now), `clean` and `explain` (one page, and why
it would be kept), and `restory` (what is derived from stored articles, again)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from forumwatch.cli.common import (
    EXIT_BAD_CONFIG,
    EXIT_BAD_DATABASE,
    EXIT_BUSY,
    EXIT_CRAWL_FAILED,
    EXIT_INTERRUPTED,
    check_cluster,
    config_option,
    db_option,
    json_option,
    load_checked_config,
    print_json,
)
from forumwatch.terminal import database_url_for_display, echo, printable


@click.command()
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

    config = load_checked_config(config_path, db_url)
    known = {source.name for source in config.enabled_sources}
    unknown = [name for name in only_sources if name not in known]
    if unknown:
        raise click.BadParameter(f"no enabled source named {', '.join(unknown)}", param_hint="--source")
    if not config.enabled_sources:
        click.echo(f"{config_path}: no enabled sources to crawl", err=True)
        sys.exit(EXIT_BAD_CONFIG)
    if config.cluster is not None:
        check_cluster(config, config_path, "crawl")
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


@click.command()
@config_option
@db_option
@click.pass_obj
def worker(log_level: int, config_path: Path, db_url: str | None) -> None:
    """Crawl the runs that `forumwatch crawl` seeds for the workers ([cluster] in the configuration),
    until stopped: Ctrl-C or SIGTERM lets it finish what it holds; run one per core, on any machine."""
    config = load_checked_config(config_path, db_url)
    settings = check_cluster(config, config_path, "worker")
    import redis

    from forumwatch.cluster import redis_url_for_display, run_worker_from
    from forumwatch.terminal import EscapingFormatter

    where = redis_url_for_display(settings.redis_url)

    def ready() -> None:
        echo(f"forumwatch worker: waiting for runs on {where} (Ctrl-C stops it)", err=True)

    try:
        run_worker_from(config, log_level, EscapingFormatter, ready)
    except redis.RedisError as error:
        echo(f"forumwatch worker: Redis at {where}: {error}", err=True)
        sys.exit(EXIT_BAD_DATABASE)


@click.command()
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
        print_json(result)
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


@click.command(name="explain")
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

    config = load_checked_config(config_path, None)
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
        print_json(explanation.to_json())
    else:
        echo(explanation.render())
    if explanation.article.is_empty:
        sys.exit(1)


@click.command()
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

    config = load_checked_config(config_path, db_url)
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
