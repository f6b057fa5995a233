"""The service: run records with trigger, schedule and heartbeat; the alert outbox; source health; the
scheduler's lease.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-21
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

UTC_TIMESTAMP = sa.DateTime(timezone=True)


def upgrade() -> None:
    with op.batch_alter_table("crawl_runs") as table:
        table.add_column(sa.Column("trigger", sa.String(20), server_default="manual", nullable=False))
        table.add_column(sa.Column("schedule", sa.String(200), nullable=True))
        table.add_column(sa.Column("scheduled_for", UTC_TIMESTAMP, nullable=True))
        table.add_column(sa.Column("sources", sa.JSON(), server_default="[]", nullable=False))
        table.add_column(sa.Column("host", sa.String(255), nullable=True))
        table.add_column(sa.Column("pid", sa.Integer(), nullable=True))
        table.add_column(sa.Column("heartbeat_at", UTC_TIMESTAMP, nullable=True))
        table.add_column(sa.Column("exit_code", sa.Integer(), nullable=True))
        table.add_column(sa.Column("error", sa.Text(), nullable=True))
        table.add_column(sa.Column("reviewed_at", UTC_TIMESTAMP, nullable=True))
        table.create_index("ix_crawl_runs_status", ["status"])
    # Runs stored before this version were reviewed by nobody; they are history, not work to do.
    op.execute("UPDATE crawl_runs SET reviewed_at = finished_at WHERE finished_at IS NOT NULL")
    op.create_table(
        "alerts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("subject", sa.String(300), nullable=False),
        sa.Column("story_id", sa.Integer(), nullable=True),
        sa.Column("rule", sa.String(200), nullable=False),
        sa.Column("channel", sa.String(200), nullable=False),
        sa.Column("occasion", sa.String(200), nullable=False),
        sa.Column("delivery", sa.String(20), nullable=False),
        sa.Column("digest_key", sa.String(200), nullable=True),
        sa.Column("run_id", sa.Integer(), nullable=True),
        sa.Column("event_key", sa.String(300), nullable=True),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_attempt_at", UTC_TIMESTAMP, nullable=False),
        sa.Column("claimed_until", UTC_TIMESTAMP, nullable=True),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("idempotency_key", sa.String(64), nullable=False),
        sa.Column("created_at", UTC_TIMESTAMP, nullable=False),
        sa.Column("sent_at", UTC_TIMESTAMP, nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_alerts"),
        sa.UniqueConstraint("subject", "rule", "channel", "occasion", name="uq_alerts_subject"),
        sa.UniqueConstraint("idempotency_key", name="uq_alerts_idempotency_key"),
    )
    op.create_index("ix_alerts_story_id", "alerts", ["story_id"])
    op.create_index("ix_alerts_digest_key", "alerts", ["digest_key"])
    op.create_index("ix_alerts_event_key", "alerts", ["event_key"])
    op.create_index("ix_alerts_status_next_attempt_at", "alerts", ["status", "next_attempt_at"])
    op.create_table(
        "source_health",
        sa.Column("source_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("state", sa.String(20), nullable=False),
        sa.Column("problems", sa.JSON(), nullable=False),
        sa.Column("since_run_id", sa.Integer(), nullable=True),
        sa.Column("checked_run_id", sa.Integer(), nullable=True),
        sa.Column("updated_at", UTC_TIMESTAMP, nullable=False),
        sa.ForeignKeyConstraint(["source_id"], ["sources.id"], name="fk_source_health_source_id_sources"),
        sa.PrimaryKeyConstraint("source_id", name="pk_source_health"),
    )
    op.create_table(
        "leases",
        sa.Column("name", sa.String(100), nullable=False),
        sa.Column("holder", sa.String(300), nullable=False),
        sa.Column("acquired_at", UTC_TIMESTAMP, nullable=False),
        sa.Column("renewed_at", UTC_TIMESTAMP, nullable=False),
        sa.Column("expires_at", UTC_TIMESTAMP, nullable=False),
        sa.PrimaryKeyConstraint("name", name="pk_leases"),
    )


def downgrade() -> None:
    op.drop_table("leases")
    op.drop_table("source_health")
    op.drop_table("alerts")
    with op.batch_alter_table("crawl_runs") as table:
        table.drop_index("ix_crawl_runs_status")
        for column in (
            "reviewed_at",
            "error",
            "exit_code",
            "heartbeat_at",
            "pid",
            "host",
            "sources",
            "scheduled_for",
            "schedule",
            "trigger",
        ):
            table.drop_column(column)
