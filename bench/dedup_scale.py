"""The near-duplicate bench's scale run: a filler of articles with random signatures, and milliseconds
per stored article at 10k, 100k and 1M stored articles (SQLite)."""

from __future__ import annotations

import itertools
import os
import statistics
import sys
import time
from collections import deque
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np
from sqlalchemy import Connection, Engine, Table, create_engine, delete, event, func, select
from sqlalchemy.orm import Session
from sqlalchemy.pool import NullPool

from bench.dedup_quality import Fingerprinted
from dedup import neardup
from dedup.fingerprints import canonical_url, content_hash
from dedup.neardup import NearDupFingerprint
from storage.articles import ArticleRecord, ensure_source, save_article
from storage.engine import open_database
from storage.models import Article, ArticleTopic, Base, NearDuplicateKey, Story

# --- 4. time per article as the store grows ---------------------------------------------------------

FILLER_BATCH = 20_000
# The filler's own connection may trade durability for speed: it writes rows that a crash may lose.
# The timed inserts use the production engine (open_database) and its settings, untouched.
FILLER_PRAGMAS = ("journal_mode=OFF", "synchronous=OFF", "cache_size=-1048576")  # 1 GiB page cache


@dataclass(frozen=True)
class FillerBatch:
    first_id: int
    signatures: bytes
    band_keys: np.ndarray  # (articles, BANDS) int64
    content_hashes: list[str]


def filler_text(article_id: int) -> str:
    return f"filler article {article_id}"


def make_filler_batch(first_id: int, count: int, seed: int) -> FillerBatch:
    """Random signatures (distinct stories: they never resemble one another or the corpus) with their
    real band keys. Runs in a worker process: the band keys cost more than the inserts."""
    rng = np.random.default_rng([seed, first_id])
    signatures = rng.integers(0, 2**32, size=(count, neardup.NUM_PERM), dtype=np.uint32).astype("<u4")
    keys = np.asarray(
        [NearDupFingerprint(row.tobytes(), 500).band_keys() for row in signatures], dtype=np.int64
    )
    hashes = [content_hash(filler_text(first_id + i)) for i in range(count)]
    return FillerBatch(first_id, signatures.tobytes(), keys, hashes)


def _insert_rows(connection: Connection, table: Table, columns: dict[str, Sequence[Any]]) -> None:
    """One executemany of column-wise values: SQLAlchemy's per-row parameter handling costs four times
    SQLite's own insert at 42 index rows per article, so the statement goes to the driver as it is."""
    names = [table.c[name].name for name in columns]  # KeyError: the model has no such column
    quote = connection.dialect.identifier_preparer.quote
    statement = (
        f"INSERT INTO {quote(table.name)} ({', '.join(map(quote, names))}) "
        f"VALUES ({', '.join('?' for _ in names)})"
    )
    rows = list(zip(*columns.values(), strict=True))
    connection.exec_driver_sql(statement, rows)


def _bound(connection: Connection, table: Table, name: str, value: Any) -> Any:
    """``value`` as the column's type stores it (a timestamp's text on SQLite, a boolean's integer)."""
    column_type = table.c[name].type.dialect_impl(connection.dialect)
    processor = column_type.bind_processor(connection.dialect)
    return processor(value) if processor else value


def _filler_engine(url: str) -> Engine:
    engine = create_engine(url, poolclass=NullPool)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        cursor = dbapi_connection.cursor()
        for pragma in FILLER_PRAGMAS:
            cursor.execute(f"PRAGMA {pragma}")
        cursor.close()

    return engine


def fill(url: str, first_id: int, count: int, source_id: int, seed: int) -> None:
    """Add ``count`` filler articles, one story each, by bulk insert in one transaction. Article and
    story ids both start at ``first_id``: the store holds filler only when this runs."""
    specs = iter([(start, min(FILLER_BATCH, first_id + count - start)) for start in range(first_id, first_id + count, FILLER_BATCH)])  # fmt: skip
    workers = max(1, (os.cpu_count() or 2) - 1)  # the inserting process needs a core of its own
    engine = _filler_engine(url)
    with ProcessPoolExecutor(workers) as pool:
        # Workers start before the connection opens, so that none inherits it.
        pending = deque(
            pool.submit(make_filler_batch, *spec, seed) for spec in itertools.islice(specs, 2 * workers)
        )
        with engine.begin() as connection:
            while pending:
                batch = pending.popleft().result()
                if (spec := next(specs, None)) is not None:
                    pending.append(pool.submit(make_filler_batch, *spec, seed))
                _insert_filler(connection, batch, source_id)
    engine.dispose()


def _insert_filler(connection: Connection, batch: FillerBatch, source_id: int) -> None:
    stories, articles, keys = (
        Base.metadata.tables[m.__tablename__] for m in (Story, Article, NearDuplicateKey)
    )
    size = len(batch.content_hashes)
    ids = list(range(batch.first_id, batch.first_id + size))
    texts = [filler_text(i) for i in ids]
    urls = [f"https://filler.invalid/{i}" for i in ids]
    stamp = [_bound(connection, articles, "fetched_at", datetime.now(UTC))] * size
    width = neardup.NUM_PERM * 4
    _insert_rows(connection, stories, {"id": ids, "title": texts, "created_at": stamp, "updated_at": stamp})
    _insert_rows(connection, articles, {
        "id": ids, "story_id": ids, "source_id": [source_id] * size,
        "is_head": [_bound(connection, articles, "is_head", True)] * size, "url": urls, "canonical_url": urls,
        "content_hash": batch.content_hashes, "title": texts, "text": texts, "html": [""] * size,
        "extractor": ["bench-filler"] * size, "fetched_at": stamp, "joined_by": ["first"] * size,
        "minhash": [batch.signatures[i * width : (i + 1) * width] for i in range(size)], "shingle_count": [500] * size,
    })  # fmt: skip
    # Sorted by key, the index B-tree is written in order rather than at random places.
    order = np.argsort(batch.band_keys, axis=None, kind="stable")
    owners = np.repeat(np.asarray(ids, dtype=np.int64), neardup.BANDS)
    _insert_rows(connection, keys, {"band_key": batch.band_keys.ravel()[order].tolist(), "article_id": owners[order].tolist()})  # fmt: skip


@dataclass
class ScaleLevel:
    stored: int
    median_ms: float
    mean_ms: float
    candidates: float  # articles a band-key lookup returned, per sample article
    fill_seconds: float


def _count_candidates(engine: Engine, near_dup: NearDupFingerprint | None) -> int:
    if near_dup is None:
        return 0
    with Session(engine) as session:
        query = select(func.count(func.distinct(NearDuplicateKey.article_id))).where(
            NearDuplicateKey.band_key.in_(near_dup.band_keys())
        )
        return session.scalar(query) or 0


def time_sample(
    engine: Engine, sample: Sequence[Fingerprinted], source_id: int
) -> tuple[list[float], list[int]]:
    """Save every sample document in its own transaction; seconds per save and candidates per lookup."""
    seconds, candidates = [], []
    for index, doc in enumerate(sample):
        url = canonical_url(f"https://bench.invalid/sample/{index}")
        record = ArticleRecord(
            source_name="bench-sample", url=url, canonical_url=url, content_hash=doc.content_hash,
            title=doc.document.title, text=doc.document.text, near_dup=doc.near_dup,
        )  # fmt: skip
        candidates.append(_count_candidates(engine, doc.near_dup))
        started = time.perf_counter()
        with Session(engine) as session, session.begin():
            save_article(session, record, source_id)
        seconds.append(time.perf_counter() - started)
    return seconds, candidates


def remove_sample(
    url: str, sample: Sequence[Fingerprinted], last_article_id: int, last_story_id: int
) -> None:
    """Delete what the sample inserted, so that every level times the same work on filler alone."""
    keys = sorted({key for doc in sample if doc.near_dup for key in doc.near_dup.band_keys()})
    engine = _filler_engine(url)  # without foreign keys: no cascade scans of the key index by article
    with engine.begin() as connection:
        for start in range(0, len(keys), 500):
            connection.execute(
                delete(NearDuplicateKey).where(
                    NearDuplicateKey.band_key.in_(keys[start : start + 500]),
                    NearDuplicateKey.article_id > last_article_id,
                )
            )
        connection.execute(delete(ArticleTopic).where(ArticleTopic.article_id > last_article_id))
        connection.execute(delete(Article).where(Article.id > last_article_id))
        connection.execute(delete(Story).where(Story.id > last_story_id))
    engine.dispose()


def run_scale(
    sample: Sequence[Fingerprinted], sizes: Sequence[int], folder: Path, seed: int
) -> list[ScaleLevel]:
    url = f"sqlite:///{folder / 'scale.db'}"
    engine = open_database(url)
    with Session(engine) as session, session.begin():
        source_id = ensure_source(session, "bench-sample", "site", "https://bench.invalid/")
    levels, stored = [], 0
    for size in sorted(sizes):
        engine.dispose()  # the filler switches the journal off, which needs the only connection
        print(f"filling to {size:,} articles...", file=sys.stderr, flush=True)
        started = time.perf_counter()
        fill(url, stored + 1, size - stored, source_id, seed)
        fill_seconds = time.perf_counter() - started
        stored = size
        seconds, candidates = time_sample(engine, sample, source_id)
        engine.dispose()
        remove_sample(url, sample, stored, stored)
        levels.append(
            ScaleLevel(
                size,
                statistics.median(seconds) * 1000,
                statistics.mean(seconds) * 1000,
                statistics.mean(candidates),
                fill_seconds,
            )
        )
    engine.dispose()
    return levels
