"""Review state: each story's decision (relevant, dismissed, later) and note, the history of who marked
what and when, the review status on the story row, and the indexes the inbox pages by.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-21
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

UTC_TIMESTAMP = sa.DateTime(timezone=True)


def upgrade() -> None:
    with op.batch_alter_table("stories") as table:
        table.add_column(sa.Column("review_status", sa.String(20), nullable=True))
        table.drop_index("ix_stories_kind")
    op.create_index("ix_stories_created_at_id", "stories", ["created_at", "id"])
    op.create_index(
        "ix_stories_review_status_created_at_id", "stories", ["review_status", "created_at", "id"]
    )
    op.create_index("ix_stories_kind_created_at_id", "stories", ["kind", "created_at", "id"])
    op.create_index("ix_articles_story_id_source_id", "articles", ["story_id", "source_id"])
    op.create_table(
        "story_reviews",
        sa.Column("story_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("reviewer", sa.String(200), nullable=False),
        sa.Column("updated_at", UTC_TIMESTAMP, nullable=False),
        sa.ForeignKeyConstraint(
            ["story_id"], ["stories.id"], name="fk_story_reviews_story_id_stories", ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("story_id", name="pk_story_reviews"),
    )
    op.create_index("ix_story_reviews_status", "story_reviews", ["status"])
    op.create_table(
        "review_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("story_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(20), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("reviewer", sa.String(200), nullable=False),
        sa.Column("at", UTC_TIMESTAMP, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_review_events"),
    )
    op.create_index("ix_review_events_story_id", "review_events", ["story_id"])


def downgrade() -> None:
    op.drop_table("review_events")
    op.drop_table("story_reviews")
    op.drop_index("ix_articles_story_id_source_id", "articles")
    op.drop_index("ix_stories_kind_created_at_id", "stories")
    op.drop_index("ix_stories_review_status_created_at_id", "stories")
    op.drop_index("ix_stories_created_at_id", "stories")
    with op.batch_alter_table("stories") as table:
        table.drop_column("review_status")
        table.create_index("ix_stories_kind", ["kind"])
