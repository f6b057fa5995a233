"""Search documents folded by words as well as by script: Taiwanese and Mainland words for one thing
(網路 and 网络, 報導 and 报道) are one term, and punctuation or spaces between Chinese characters are no
break (上海-台北城市论坛 is 上海台北城市论坛). See dedup.textnorm.normalise_for_matching.

Every stored article's search document is folded again here, in batches; the search index follows
(SQLite: the triggers of 0005; PostgreSQL: the GIN index). Topic matches and events of stored articles
are what they were when the articles were stored.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-05
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Imported here: needed by this step only, and must be today's folding.
    from storage import search

    _refold(search.search_document)


def downgrade() -> None:
    # 0006's code folds queries by script only: its documents are folded the way it did.
    from dedup.textnorm import fold_script

    def by_script(text: str) -> str:
        text = fold_script(unicodedata.normalize("NFKC", text)).casefold()
        return _NOT_WORD.sub(" ", text).strip()

    _refold(lambda title, text: by_script(title) + "\n" + by_script(text))


_NOT_WORD = re.compile(r"[\W_]+")
_BATCH = 500


def _refold(document_of: Callable[[str, str], str]) -> None:
    """Every search document made again by ``document_of(title, text)``, a batch of articles at a time."""
    connection = op.get_bind()
    articles = sa.table(
        "articles", sa.column("id", sa.Integer()), sa.column("title", sa.Text()), sa.column("text", sa.Text())
    )
    documents = sa.table(
        "article_search", sa.column("article_id", sa.Integer()), sa.column("document", sa.Text())
    )
    last_id = 0
    while True:
        rows = connection.execute(
            sa.select(articles.c.id, articles.c.title, articles.c.text, documents.c.document)
            .join(documents, documents.c.article_id == articles.c.id)
            .where(articles.c.id > last_id)
            .order_by(articles.c.id)
            .limit(_BATCH)
        ).all()
        if not rows:
            return
        changed = [
            {"id": article_id, "new_document": document}
            for article_id, title, text, old in rows
            if (document := document_of(title, text)) != old
        ]
        if changed:
            connection.execute(
                sa.update(documents)
                .where(documents.c.article_id == sa.bindparam("id"))
                .values(document=sa.bindparam("new_document")),
                changed,
            )
        last_id = rows[-1][0]
