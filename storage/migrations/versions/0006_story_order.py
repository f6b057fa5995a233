"""Stories in the order they were stored: a new story is never first seen before an older one, and a
source's copies are indexed newest first.

The inbox finds the stories of a search or of a source by reading their copies newest first and stops
early (storage.review); that rests on a story's first-seen time never running behind an older story's
(storage.stories.open_story keeps it so from now on). Stories stored before, with a clock that was
stepped back, are brought forward here to the latest first-seen time before them.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-23
"""

from __future__ import annotations

from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute(
        """
        UPDATE stories SET created_at = running.latest
        FROM (SELECT id, max(created_at) OVER (ORDER BY id) AS latest FROM stories) AS running
        WHERE running.id = stories.id AND running.latest > stories.created_at
        """
    )
    op.drop_index("ix_articles_source_id", table_name="articles")
    op.create_index("ix_articles_source_id_id", "articles", ["source_id", "id"])


def downgrade() -> None:
    op.drop_index("ix_articles_source_id_id", table_name="articles")
    op.create_index("ix_articles_source_id", "articles", ["source_id"])
