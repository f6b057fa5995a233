"""Near-duplicate stories, source authority, topic evidence, announcements and events.

Adds the MinHash fingerprint of every article and the band-key index that finds near-duplicates, the
source authority that picks a story's head, the score and evidence of each topic match, and the kind
and event of articles and stories. Existing articles get their fingerprints and band keys computed here,
so that a store crawled before this version finds copies of its stories too.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-20
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

BACKFILL_BATCH = 500


def upgrade() -> None:
    with op.batch_alter_table("sources") as table:
        table.add_column(sa.Column("authority", sa.String(20), server_default="portal", nullable=False))
    with op.batch_alter_table("stories") as table:
        table.add_column(sa.Column("kind", sa.String(20), nullable=True))
        table.add_column(sa.Column("event", sa.JSON(), nullable=True))
        table.create_index("ix_stories_kind", ["kind"])
    with op.batch_alter_table("articles") as table:
        table.add_column(sa.Column("minhash", sa.LargeBinary(), nullable=True))
        table.add_column(sa.Column("shingle_count", sa.Integer(), nullable=True))
        table.add_column(sa.Column("joined_by", sa.String(20), server_default="first", nullable=False))
        table.add_column(sa.Column("resemblance", sa.Float(), nullable=True))
        table.add_column(sa.Column("kind", sa.String(20), nullable=True))
        table.add_column(sa.Column("event", sa.JSON(), nullable=True))
    with op.batch_alter_table("article_topics") as table:
        table.add_column(sa.Column("score", sa.Float(), nullable=True))
        table.add_column(sa.Column("evidence", sa.JSON(), nullable=True))
    op.create_table(
        "near_duplicate_keys",
        sa.Column("band_key", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("article_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.ForeignKeyConstraint(
            ["article_id"],
            ["articles.id"],
            name="fk_near_duplicate_keys_article_id_articles",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("band_key", "article_id", name="pk_near_duplicate_keys"),
        sqlite_with_rowid=False,
    )
    op.create_index("ix_near_duplicate_keys_article_id", "near_duplicate_keys", ["article_id"])
    _backfill_fingerprints()


def _backfill_fingerprints() -> None:
    # Imported here: the fingerprint code is needed by this step only, and must be today's code.
    from dedup.neardup import fingerprint

    connection = op.get_bind()
    articles = sa.table(
        "articles",
        sa.column("id", sa.Integer()),
        sa.column("text", sa.Text()),
        sa.column("minhash", sa.LargeBinary()),
        sa.column("shingle_count", sa.Integer()),
    )
    keys = sa.table("near_duplicate_keys", sa.column("band_key"), sa.column("article_id"))
    last_id = 0
    while True:
        rows = connection.execute(
            sa.select(articles.c.id, articles.c.text)
            .where(articles.c.id > last_id)
            .order_by(articles.c.id)
            .limit(BACKFILL_BATCH)
        ).all()
        if not rows:
            return
        for article_id, text in rows:
            found = fingerprint(text)
            if found is None:
                continue
            connection.execute(
                sa.update(articles)
                .where(articles.c.id == article_id)
                .values(minhash=found.signature, shingle_count=found.shingles)
            )
            connection.execute(
                sa.insert(keys), [{"band_key": key, "article_id": article_id} for key in found.band_keys()]
            )
        last_id = rows[-1][0]


def downgrade() -> None:
    op.drop_index("ix_near_duplicate_keys_article_id", "near_duplicate_keys")
    op.drop_table("near_duplicate_keys")
    with op.batch_alter_table("article_topics") as table:
        table.drop_column("evidence")
        table.drop_column("score")
    with op.batch_alter_table("articles") as table:
        for column in ("event", "kind", "resemblance", "joined_by", "shingle_count", "minhash"):
            table.drop_column(column)
    with op.batch_alter_table("stories") as table:
        table.drop_index("ix_stories_kind")
        table.drop_column("event")
        table.drop_column("kind")
    with op.batch_alter_table("sources") as table:
        table.drop_column("authority")
