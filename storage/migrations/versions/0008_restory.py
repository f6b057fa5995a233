"""Articles marked for `forumwatch restory`: what is derived from their title and text was computed by
older rules.

Matching now folds Taiwanese and Mainland words together (0007): the topic matches of articles stored
before may differ from a fresh crawl's, so every stored article is marked here. `forumwatch restory`
recomputes them (storage.restory) and clears the mark; new articles are stored unmarked.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-05
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A plain ADD COLUMN (no table rebuild on SQLite: rebuilding would cascade to the tables that
    # reference the articles).
    op.add_column(
        "articles", sa.Column("restory_needed", sa.Boolean(), nullable=False, server_default=sa.false())
    )
    op.create_index("ix_articles_restory_needed", "articles", ["restory_needed"])
    op.execute(sa.text("UPDATE articles SET restory_needed = :yes").bindparams(yes=True))


def downgrade() -> None:
    op.drop_index("ix_articles_restory_needed", table_name="articles")
    # In place (SQLite 3.35 or later): a table rebuild would cascade to the tables that reference articles.
    op.drop_column("articles", "restory_needed")
