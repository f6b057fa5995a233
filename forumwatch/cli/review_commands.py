"""Reviewing stories: `forumwatch review` (list the inbox, show a story, mark stories) in the terminal,
and `forumwatch serve`, the review web page."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

import click
from sqlalchemy.orm import Session

from forumwatch.cli.common import (
    EXIT_BAD_CONFIG,
    config_option,
    database_and_zone,
    database_url,
    db_option,
    json_option,
    open_for_reading,
    print_json,
)
from forumwatch.terminal import echo, printable


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


@click.group(invoke_without_command=True)
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

    url, zone = database_and_zone(config_path, db_url)
    filters = InboxFilter(
        status=status,  # type: ignore[arg-type]
        topic=topic,
        source=source,
        kind=kind,
        since=since.replace(tzinfo=zone) if since else None,
        until=until.replace(tzinfo=zone) if until else None,
        query=query,
    )
    with open_for_reading(url) as session:
        try:
            page = inbox(session, filters, limit=limit, after=after)
        except ValueError as error:
            hint = "--after" if "cursor" in str(error) else "--search"
            raise click.BadParameter(str(error), param_hint=hint) from None
    if as_json:
        print_json({"stories": [inbox_row_json(r) for r in page.rows], "next": page.next_cursor})
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

    url, zone = database_and_zone(config_path, db_url)
    with open_for_reading(url) as session:
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

    url = database_url(config_path, db_url)
    open_for_reading(url).close()  # refuses a database that does not exist
    with Session(open_database(url)) as session, session.begin():
        marked = mark(session, story_ids, decision, _reviewer(reviewer), note=note)  # type: ignore[arg-type]
    missing = sorted(set(story_ids) - set(marked))
    if marked:
        echo(f"{decision}: {', '.join(map(str, marked))}")
    if missing:
        echo(f"no such story: {', '.join(map(str, missing))}", err=True)
        sys.exit(1)


LOOPBACK_HOSTS = ("127.0.0.1", "::1", "localhost")


@click.command()
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
    url, reader_zone = database_and_zone(config_path, db_url)
    app = create_app(
        open_database(url),
        Access(None if open_access else token),
        zone=reader_zone,
        secure_cookies=secure_cookies,
    )
    echo(f"forumwatch review at http://{host}:{port}/ ({'open' if open_access else 'sign-in required'})")
    uvicorn.run(app, host=host, port=port, log_level="warning")
