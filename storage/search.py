"""Full-text search over stored articles: titles and text, Chinese in either script.

Every article has a search document (``article_search``): its title and text folded by
``dedup.textnorm.normalise_for_matching`` (NFKC width folding, OpenCC Traditional-to-Simplified,
casefolding, punctuation and white space collapsed to one space), title and text separated by a line
break. A query is folded the same way, so 雙城論壇 finds 双城论坛, ＦＯＲＵＭ finds Forum, and the reverse.
A term matches an article whose document contains it as a substring: no word segmentation is needed
for Chinese.

The substring search is indexed by trigrams, differently per backend (created by migration 0005):

- SQLite: an FTS5 table ``article_search_fts`` with the ``trigram`` tokenizer (SQLite 3.34 or later),
  external content (it indexes ``article_search`` and stores no copy of the text), ``detail=none``
  (no positions: a fifth of the size of a full index; the index finds the candidates and each is checked
  against its document). Triggers on ``article_search`` keep it up to date. A term is looked up with
  ``GLOB '*term*'``, which FTS5 answers from the index.
- PostgreSQL: a GIN index with ``pg_trgm``'s ``gin_trgm_ops`` over ``article_search.document``, which
  serves ``LIKE '%term%'``. Where the extension cannot be created, the migration leaves the table
  without it (and says so): the same queries then scan the table.

Terms shorter than 3 characters after folding (论坛, 台北, "ai") have no trigram: they are matched by
scanning the documents (``instr`` on SQLite, ``LIKE`` on PostgreSQL), only those of the articles
the query's longer terms found when there are some, all of them otherwise.

Both indexes hand out matches in article order as well: the inbox reads the newest first and stops
after a page of stories (newest_matching_article_ids), so a page costs about the same whether a term
is in sixty articles or in a fifth of a million.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from sqlalchemy import ColumnElement, Select, Text, column, false, func, select, table
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import InstrumentedAttribute, Session

from dedup.textnorm import normalise_article_for_matching, normalise_for_matching
from storage.models import Article, ArticleSearch, Story

# The SQLite trigram index (an FTS5 virtual table) and the shadow tables FTS5 keeps for it; none of them
# is a model: they are created by migration 0005 on SQLite only.
FTS_TABLE = "article_search_fts"
# PostgreSQL's trigram index (GIN, gin_trgm_ops) over article_search.document, created by migration 0005
# when pg_trgm is available.
TRIGRAM_INDEX = "ix_article_search_document_trgm"
# A term needs this many characters to have a trigram, and so to be found through the index.
MIN_INDEXED_LENGTH = 3
# Articles indexed per batch when the migration indexes the articles stored before it.
BACKFILL_BATCH = 500

# A quoted phrase ("..." or “...”; an unclosed quote runs to the end), or a run of anything else.
_TERM = re.compile(r'"([^"]*)(?:"|$)|“([^”]*)(?:”|$)|([^\s"“”]+)')
_FTS_TABLE = table(FTS_TABLE, column("rowid"), column("document", Text))


def is_search_index(name: str | None, type_: str) -> bool:
    """Whether a database object is the backend's own trigram index (the FTS5 table and its shadow
    tables on SQLite, the GIN index on PostgreSQL): made by migration 0005, not by the models, and to
    be left out when the database's schema is compared with the models (Alembic's ``include_name``)."""
    if name is None:
        return False
    if type_ == "table":
        return name == FTS_TABLE or name.startswith(FTS_TABLE + "_")
    return type_ == "index" and name == TRIGRAM_INDEX


def search_document(title: str, text: str) -> str:
    """What search reads of an article: its folded title and text, one line each.

    Folded text has no line breaks (white space is collapsed to single spaces) and neither has a folded
    query, so no term can match across the end of the title and the start of the text.
    """
    # The text as its fingerprint folded it a moment before, when the crawl stores it (fold_article).
    return normalise_for_matching(title) + "\n" + normalise_article_for_matching(text)


def _upsert_document(
    insert: Callable[[type[ArticleSearch]], postgresql.Insert | sqlite.Insert],
) -> postgresql.Insert | sqlite.Insert:
    statement = insert(ArticleSearch)
    return statement.on_conflict_do_update(
        index_elements=["article_id"], set_={"document": statement.excluded.document}
    )


# Built once, per backend: building the statement costs more than running it.
_UPSERT_DOCUMENT = {
    "postgresql": _upsert_document(postgresql.insert),
    "sqlite": _upsert_document(sqlite.insert),
}


def index_article(session: Session, article_id: int, title: str, text: str) -> None:
    """Make an article searchable (or its new title and text, when it was indexed already).

    Runs in the caller's transaction: an article is searchable exactly when it is stored.
    """
    index_articles(session, [(article_id, title, text)])


def index_articles(session: Session, articles: Sequence[tuple[int, str, str]]) -> None:
    """:func:`index_article` for each of ``articles`` (id, title, text), in one statement."""
    if not articles:
        return
    connection = session.connection()
    statement = _UPSERT_DOCUMENT["postgresql" if connection.dialect.name == "postgresql" else "sqlite"]
    connection.execute(
        statement,
        [
            {"article_id": article_id, "document": search_document(title, text)}
            for article_id, title, text in articles
        ],
    )


def parse_query(text: str) -> list[str]:
    """The terms of a search query, folded as documents are; an article must contain every one of them.

    Terms are separated by white space; a quoted phrase ("twin city forum", or “…”) is one term.
    Folding removes punctuation, so quotes, ``%``, ``_``, ``*`` and the like are never operators: a
    term made only of them disappears, and a query left with no term at all matches nothing.
    ``AND``, ``OR``, ``NEAR`` are words like any other. Duplicate terms are dropped.

    Terms shorter than three characters after folding cannot use the trigram index: they are still
    matched, by scanning the documents of the articles the other terms found (all of them when the
    query has no longer term). Read newest first, a short term found in many articles fills a page
    fast; one found in few makes the scan go through the whole store (a second or so at a million
    articles).

    Raises ValueError for an empty (or blank) query.
    """
    if not text.strip():
        raise ValueError("empty search query")
    terms: list[str] = []
    for match in _TERM.finditer(text):
        term = normalise_for_matching(next(group for group in match.groups() if group is not None))
        if term and term not in terms:
            terms.append(term)
    return terms


def matching_article_ids(query: str, dialect_name: str) -> Select[int]:
    """The ids of the articles whose folded title or text contains every term of ``query``.

    ``dialect_name`` is the database's (``session.get_bind().dialect.name``): SQLite goes through its
    FTS5 index, other backends through LIKE (PostgreSQL's trigram index). Raises ValueError for an
    empty query.
    """
    return _matches(query, dialect_name)[0]


def _matches(query: str, dialect_name: str) -> tuple[Select[int], ColumnElement[int]]:
    """The query of the matching article ids, and the column holding them (to bound and order by)."""
    terms = _necessary_terms(parse_query(query))
    short = [term for term in terms if len(term) < MIN_INDEXED_LENGTH]
    indexed = [term for term in terms if len(term) >= MIN_INDEXED_LENGTH]
    key: ColumnElement[int]
    document: ColumnElement[str]
    conditions: list[ColumnElement[bool]]
    sqlite = dialect_name == "sqlite"
    if sqlite and indexed:  # the FTS5 index; short terms checked on its documents
        key, document = _FTS_TABLE.c.rowid, _FTS_TABLE.c.document
        conditions = [document.op("GLOB")(_glob_pattern(term)) for term in indexed]
    else:
        key, document = ArticleSearch.article_id.expression, ArticleSearch.document.expression
        conditions = [] if sqlite else [document.like(_like_pattern(term), escape="\\") for term in terms]
    if sqlite:
        conditions += [func.instr(document, term) > 0 for term in short]
    if not terms:
        conditions = [false()]
    return select(key).where(*conditions), key


def story_ids_matching(query: str, dialect_name: str) -> Select[int]:
    """The ids of the stories with an article matching ``query`` (see matching_article_ids)."""
    return select(Article.story_id).where(Article.id.in_(matching_article_ids(query, dialect_name)))


def matching_story_condition(
    query: str,
    dialect_name: str,
    story_id_column: ColumnElement[int] | InstrumentedAttribute[int] = Story.id,
) -> ColumnElement[bool]:
    """A WHERE condition for a query over stories: the story (its id in ``story_id_column``) has an
    article whose folded title or text contains every term of ``query``.

    ``dialect_name`` is the database's (``session.get_bind().dialect.name``). Raises ValueError for an
    empty query.
    """
    return story_id_column.in_(story_ids_matching(query, dialect_name))


def newest_matching_article_ids(
    session: Session, query: str, limit: int, below: int | None = None, floor: int | None = None
) -> list[int]:
    """Up to ``limit`` ids of the articles matching ``query`` (see matching_article_ids), the newest (the
    largest id) first, only ids below ``below`` and at least ``floor`` when given: the matches a batch
    at a time from the top, for a caller that stops once it has enough (the inbox's search).

    The indexes give the matches in id order, so a page of the newest costs about the same whether
    the term is in a thousand articles or in a million: FTS5 walks its trigram index backwards
    (``ORDER BY rowid DESC``); PostgreSQL either walks the primary key backwards checking documents
    (common terms) or lists the trigram index's few matches (rare ones), whichever its planner expects
    to be cheaper. Raises ValueError for an empty query.
    """
    matches, key = _matches(query, session.get_bind().dialect.name)
    if below is not None:
        matches = matches.where(key < below)
    if floor is not None:
        matches = matches.where(key >= floor)
    return list(session.scalars(matches.order_by(key.desc()).limit(limit)))


def _necessary_terms(terms: list[str]) -> list[str]:
    # A term inside another term is found wherever that one is: looking for it too would only cost (and
    # a short one would cost a scan).
    return [term for term in terms if not any(term != other and term in other for other in terms)]


def _like_pattern(term: str) -> str:
    """``%term%`` with LIKE's own characters (and the escape character) taken literally."""
    escaped = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _glob_pattern(term: str) -> str:
    """``*term*`` with GLOB's own characters taken literally (GLOB has no escape character: a bracket
    expression of one character matches just that character)."""
    escaped = re.sub(r"[*?\[\]]", lambda found: f"[{found.group()}]", term)
    return f"*{escaped}*"
