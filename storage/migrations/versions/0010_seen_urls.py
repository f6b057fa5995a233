"""Seen URLs: article pages a source downloaded that gave nothing to store (off-topic, empty, gone, or
stored by another source), so that later crawls do not download them again while they are not due.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-12
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "seen_urls",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("source_id", sa.Integer(), nullable=False),
        sa.Column("canonical_url", sa.String(2048), nullable=False),
        sa.Column("outcome", sa.String(20), nullable=False),
        sa.Column("topics_version", sa.String(64), nullable=False),
        sa.Column("seen_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["source_id"], ["sources.id"], name="fk_seen_urls_source_id_sources", ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_seen_urls"),
        sa.UniqueConstraint("source_id", "canonical_url", name="uq_seen_urls_source_id"),
    )


def downgrade() -> None:
    op.drop_table("seen_urls")
