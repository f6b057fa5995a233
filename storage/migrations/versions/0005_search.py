"""Full-text search: every article's folded title and text, and a trigram index over them.

``article_search`` holds each article's search document (storage.search.search_document). The index is
the backend's own: on SQLite an FTS5 table with the trigram tokenizer (external content, no positions)
kept up to date by triggers; on PostgreSQL a GIN index with pg_trgm's gin_trgm_ops, the extension being
created when it is missing. Where it cannot be created (no privilege, not installed on the server), the
table stays without an index and search scans it: a warning says so.

Articles stored before this version are indexed here, in batches.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-22
"""

from __future__ import annotations

import logging

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

logger = logging.getLogger("storage.migrations")

FTS_TABLE = "article_search_fts"
TRIGRAM_INDEX = "ix_article_search_document_trgm"
# The FTS5 index follows its content table: rows added, removed (articles deleted: ON DELETE CASCADE)
# or changed in article_search are added, removed or changed in the index.
SQLITE_TRIGGERS = {
    "article_search_ai": f"""
        CREATE TRIGGER article_search_ai AFTER INSERT ON article_search BEGIN
            INSERT INTO {FTS_TABLE}(rowid, document) VALUES (new.article_id, new.document);
        END""",
    "article_search_ad": f"""
        CREATE TRIGGER article_search_ad AFTER DELETE ON article_search BEGIN
            INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, document)
            VALUES ('delete', old.article_id, old.document);
        END""",
    "article_search_au": f"""
        CREATE TRIGGER article_search_au AFTER UPDATE ON article_search BEGIN
            INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, document)
            VALUES ('delete', old.article_id, old.document);
            INSERT INTO {FTS_TABLE}(rowid, document) VALUES (new.article_id, new.document);
        END""",
}


def upgrade() -> None:
    op.create_table(
        "article_search",
        sa.Column("article_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("document", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["article_id"], ["articles.id"], name="fk_article_search_article_id_articles", ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("article_id", name="pk_article_search"),
    )
    _backfill_documents()
    # The index is built once the documents are in: faster than growing it row by row.
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        _create_sqlite_index()
    elif dialect == "postgresql":
        _create_postgresql_index()


def _backfill_documents() -> None:
    # Imported here: needed by this step only, and must be today's folding.
    from storage import search

    connection = op.get_bind()
    articles = sa.table(
        "articles", sa.column("id", sa.Integer()), sa.column("title", sa.Text()), sa.column("text", sa.Text())
    )
    documents = sa.table("article_search", sa.column("article_id"), sa.column("document"))
    last_id = 0
    while True:
        rows = connection.execute(
            sa.select(articles.c.id, articles.c.title, articles.c.text)
            .where(articles.c.id > last_id)
            .order_by(articles.c.id)
            .limit(search.BACKFILL_BATCH)
        ).all()
        if not rows:
            return
        connection.execute(
            sa.insert(documents),
            [
                {"article_id": article_id, "document": search.search_document(title, text)}
                for article_id, title, text in rows
            ],
        )
        last_id = rows[-1][0]


def _create_sqlite_index() -> None:
    connection = op.get_bind()
    try:
        connection.exec_driver_sql(
            f"CREATE VIRTUAL TABLE {FTS_TABLE} USING fts5(document, content='article_search', "
            "content_rowid='article_id', tokenize='trigram case_sensitive 1', detail='none')"
        )
    except sa.exc.OperationalError as error:
        version = connection.exec_driver_sql("SELECT sqlite_version()").scalar()
        raise RuntimeError(
            f"search needs SQLite's FTS5 with the trigram tokenizer (SQLite 3.34 or later); "
            f"this is SQLite {version}: {error}"
        ) from error
    connection.exec_driver_sql(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('rebuild')")
    for trigger in SQLITE_TRIGGERS.values():
        connection.exec_driver_sql(trigger)


def _create_postgresql_index() -> None:
    connection = op.get_bind()
    schema = _pg_trgm_schema(connection)
    if schema is None:
        return
    # The operator class is named with the extension's schema: that schema need not be on the
    # search_path (queries do not need it: LIKE is the server's own operator).
    opclass = f"{connection.dialect.identifier_preparer.quote_schema(schema)}.gin_trgm_ops"
    connection.exec_driver_sql(
        f"CREATE INDEX {TRIGRAM_INDEX} ON article_search USING gin (document {opclass})"
    )


def _pg_trgm_schema(connection: sa.Connection) -> str | None:
    """The schema of the pg_trgm extension, created (in the current schema) when it is missing; None,
    with a warning, when it cannot be."""
    lookup = sa.text(
        "SELECT n.nspname FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace "
        "WHERE e.extname = 'pg_trgm'"
    )
    schema = connection.scalar(lookup)
    if schema is None:
        try:
            # In a savepoint: a refusal must not abort the migration's transaction.
            with connection.begin_nested():
                connection.exec_driver_sql("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        except sa.exc.DBAPIError as error:
            logger.warning(
                "pg_trgm could not be created (%s): article search works without an index, by scanning "
                "every article. To make it fast: CREATE EXTENSION pg_trgm; then "
                "CREATE INDEX %s ON article_search USING gin (document gin_trgm_ops)",
                str(error.orig).strip(),
                TRIGRAM_INDEX,
            )
            return None
        schema = connection.scalar(lookup)
    return None if schema is None else str(schema)


def downgrade() -> None:
    # pg_trgm stays: other objects of the database may use it.
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for trigger in SQLITE_TRIGGERS:
            op.execute(f"DROP TRIGGER IF EXISTS {trigger}")
        op.execute(f"DROP TABLE IF EXISTS {FTS_TABLE}")
    elif dialect == "postgresql":
        op.execute(f"DROP INDEX IF EXISTS {TRIGRAM_INDEX}")
    op.drop_table("article_search")
