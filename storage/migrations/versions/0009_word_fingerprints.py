"""Fingerprints folded by words (dedup.neardup.FINGERPRINT_VERSION 2): a Taiwanese edition that writes
網路, 軟體 or 報導 where the Mainland's writes 网络, 软件 or 报道 is the same text to the content hash and to
the near-duplicate fingerprint. Stored articles keep the fingerprints of version 1 until `forumwatch
restory` computes them again: they are marked here (0008's mark).

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-05
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute(sa.text("UPDATE articles SET restory_needed = :yes").bindparams(yes=True))


def downgrade() -> None:
    # Version 1's code computes its own fingerprints for what it stores; the mark means nothing to it.
    pass
