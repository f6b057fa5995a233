"""Initial schema: sources, stories, articles, article topics, crawl runs, feed states.

Revision ID: 0001
Revises:
Create Date: 2026-11-20
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

UTC_TIMESTAMP = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "sources",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("url", sa.Text(), nullable=False),
        sa.Column("created_at", UTC_TIMESTAMP, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_sources"),
        sa.UniqueConstraint("name", name="uq_sources_name"),
    )
    op.create_table(
        "stories",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("created_at", UTC_TIMESTAMP, nullable=False),
        sa.Column("updated_at", UTC_TIMESTAMP, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_stories"),
    )
    op.create_table(
        "crawl_runs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("started_at", UTC_TIMESTAMP, nullable=False),
        sa.Column("finished_at", UTC_TIMESTAMP, nullable=True),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("stats", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_crawl_runs"),
    )
    op.create_table(
        "feed_states",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("feed_url", sa.String(2048), nullable=False),
        sa.Column("etag", sa.Text(), nullable=True),
        sa.Column("last_modified", sa.Text(), nullable=True),
        sa.Column("last_status", sa.Integer(), nullable=True),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("checked_at", UTC_TIMESTAMP, nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_feed_states"),
        sa.UniqueConstraint("feed_url", name="uq_feed_states_feed_url"),
    )
    op.create_table(
        "articles",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("story_id", sa.Integer(), nullable=False),
        sa.Column("source_id", sa.Integer(), nullable=False),
        sa.Column("crawl_run_id", sa.Integer(), nullable=True),
        sa.Column("is_head", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("url", sa.Text(), nullable=False),
        sa.Column("canonical_url", sa.String(2048), nullable=False),
        sa.Column("content_hash", sa.String(64), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("html", sa.Text(), nullable=False),
        sa.Column("author", sa.Text(), nullable=True),
        sa.Column("editor", sa.Text(), nullable=True),
        sa.Column("published_at", UTC_TIMESTAMP, nullable=True),
        sa.Column("outlet", sa.Text(), nullable=True),
        sa.Column("language", sa.String(16), nullable=True),
        sa.Column("script", sa.String(8), nullable=True),
        sa.Column("image_url", sa.Text(), nullable=True),
        sa.Column("extractor", sa.String(50), nullable=False),
        sa.Column("fetched_at", UTC_TIMESTAMP, nullable=False),
        sa.ForeignKeyConstraint(["story_id"], ["stories.id"], name="fk_articles_story_id_stories"),
        sa.ForeignKeyConstraint(["source_id"], ["sources.id"], name="fk_articles_source_id_sources"),
        sa.ForeignKeyConstraint(
            ["crawl_run_id"], ["crawl_runs.id"], name="fk_articles_crawl_run_id_crawl_runs"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_articles"),
        sa.UniqueConstraint("canonical_url", name="uq_articles_canonical_url"),
    )
    op.create_index("ix_articles_story_id", "articles", ["story_id"])
    op.create_index("ix_articles_source_id", "articles", ["source_id"])
    op.create_index("ix_articles_content_hash", "articles", ["content_hash"])
    op.create_index(
        "uq_articles_story_head",
        "articles",
        ["story_id"],
        unique=True,
        sqlite_where=sa.text("is_head IS 1"),
        postgresql_where=sa.text("is_head IS true"),
    )
    op.create_table(
        "article_topics",
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("topic", sa.String(200), nullable=False),
        sa.ForeignKeyConstraint(
            ["article_id"], ["articles.id"], name="fk_article_topics_article_id_articles"
        ),
        sa.PrimaryKeyConstraint("article_id", "topic", name="pk_article_topics"),
    )
    op.create_index("ix_article_topics_topic", "article_topics", ["topic"])


def downgrade() -> None:
    op.drop_table("article_topics")
    op.drop_table("articles")
    op.drop_table("feed_states")
    op.drop_table("crawl_runs")
    op.drop_table("stories")
    op.drop_table("sources")
