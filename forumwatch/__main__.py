"""`python -m forumwatch` is the `forumwatch` command."""

from forumwatch.cli import main

main()
