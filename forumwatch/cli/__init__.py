"""The `forumwatch` command line: the group, and every command added to it (one module per area)."""

from __future__ import annotations

import logging
import sys
from typing import Any

import click

from forumwatch.cli import (
    alert_commands,
    crawl_commands,
    db_commands,
    demo_command,
    report_commands,
    review_commands,
    schedule_commands,
)
from forumwatch.cli.common import DATABASE_URL_KEY, EXIT_BAD_DATABASE
from forumwatch.cli.database_errors import about_the_database, database_problem
from forumwatch.terminal import EscapingFormatter, database_url_for_display, echo

logger = logging.getLogger(__name__)

LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


class _Commands(click.Group):
    """The `forumwatch` group: any command's database error is one line on stderr and exit 2, never a
    traceback (-vv logs the traceback)."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except Exception as error:
            url = ctx.meta.get(DATABASE_URL_KEY)
            if url is None or not about_the_database(error, url):
                raise
            logger.debug("database error", exc_info=True)
            reason = database_problem(error, url)
            echo(f"forumwatch: database {database_url_for_display(url)}: {reason}", err=True)
            sys.exit(EXIT_BAD_DATABASE)


@click.group(cls=_Commands)
@click.version_option(package_name="forumwatch")
@click.option("-v", "--verbose", count=True, help="More log output (-v: info, -vv: debug).")
@click.pass_context
def main(context: click.Context, verbose: int) -> None:
    """forumwatch: nightly news monitoring for cross-strait city diplomacy."""
    level = {0: logging.WARNING, 1: logging.INFO}.get(verbose, logging.DEBUG)
    context.obj = level
    # A crawl's logging is set up by Scrapy, from LOG_LEVEL, for every logger of the process.
    if context.invoked_subcommand not in ("crawl", "worker"):
        # Messages quote titles, URLs and servers' errors: their controls are escaped as on stdout.
        handler = logging.StreamHandler()
        handler.setFormatter(EscapingFormatter(LOG_FORMAT))
        logging.basicConfig(level=level, handlers=[handler])


main.add_command(crawl_commands.crawl)
main.add_command(crawl_commands.worker)
main.add_command(crawl_commands.clean)
main.add_command(crawl_commands.explain_command)
main.add_command(crawl_commands.restory)
main.add_command(report_commands.articles)
main.add_command(report_commands.stories)
main.add_command(demo_command.demo)
main.add_command(schedule_commands.schedule)
main.add_command(report_commands.runs)
main.add_command(report_commands.status)
main.add_command(report_commands.export)
main.add_command(db_commands.db)
main.add_command(alert_commands.alerts)
main.add_command(review_commands.review)
main.add_command(review_commands.serve)

__all__ = ["main"]
