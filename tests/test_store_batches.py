"""Storing a batch of articles in one transaction (storage/batches.py) on the store writer's thread
(crawler/store_writer.py): each article as save_article stores it, one bad article losing only itself."""

from __future__ import annotations

import dataclasses
import threading
from collections.abc import Sequence
from typing import Any

import pytest
from sqlalchemy import Engine
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session

import storage.batches
from crawler.store_writer import Stored, StoreWriter
from storage.articles import SaveOutcome, SaveResult, count_rows, ensure_source
from storage.batches import save_batch
from tests.test_storage_articles import SIMPLIFIED, TRADITIONAL, record

OTHER = "台北市政府今天公布新一年度的城市交通规划，捷运路网将再延伸三条路线，预计五年内完工通车。" * 2


def source_of(engine: Engine) -> int:
    with Session(engine) as session, session.begin():
        return ensure_source(session, "sina", "site", "https://example.com/")


def outcomes_of(results: Sequence[Any]) -> list[Any]:
    return [r.outcome if isinstance(r, SaveResult) else type(r) for r in results]


def test_a_batch_stores_each_article_as_save_article_would(engine: Engine) -> None:
    source_id = source_of(engine)
    batch = [
        record("https://a.example/1", SIMPLIFIED),
        record("https://b.example/2", TRADITIONAL),  # a copy of the first, in the same transaction
        record("https://a.example/1?utm_source=x", SIMPLIFIED),  # its URL, stored a moment before
        record("https://c.example/3", OTHER),
    ]
    results = save_batch(engine, batch, source_id)
    assert outcomes_of(results) == [
        SaveOutcome.NEW_STORY,
        SaveOutcome.COPY,
        SaveOutcome.ALREADY_STORED,
        SaveOutcome.NEW_STORY,
    ]
    assert isinstance(results[0], SaveResult)
    assert isinstance(results[1], SaveResult)
    assert results[1].story_id == results[0].story_id
    assert count_rows(engine)["articles"] == 3


def test_a_batch_stored_again_after_a_kill_stores_nothing_twice(engine: Engine) -> None:
    # A kill rolls the batch in flight back whole, or finds it committed: storing it again is safe.
    source_id = source_of(engine)
    batch = [record("https://a.example/1", SIMPLIFIED), record("https://c.example/3", OTHER)]
    save_batch(engine, batch, source_id)
    before = count_rows(engine)
    again = save_batch(engine, batch, source_id)
    assert outcomes_of(again) == [SaveOutcome.ALREADY_STORED] * 2
    assert count_rows(engine) == before


def test_one_bad_article_loses_only_itself(engine: Engine) -> None:
    source_id = source_of(engine)
    bad = dataclasses.replace(record("https://bad.example/x", "坏" * 50), content_hash=None)  # type: ignore[arg-type]
    batch = [record("https://a.example/1", SIMPLIFIED), bad, record("https://c.example/3", OTHER)]
    results = save_batch(engine, batch, source_id)
    assert outcomes_of(results) == [SaveOutcome.NEW_STORY, IntegrityError, SaveOutcome.NEW_STORY]
    assert count_rows(engine)["articles"] == 2


def test_a_fatal_failure_is_not_tried_article_by_article(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[str] = []

    def disk_full(_session: Session, records: Sequence[Any], _source_id: int) -> list[SaveResult]:
        calls.append(records[0].url)
        raise OperationalError("INSERT", {}, Exception("database or disk is full"))

    monkeypatch.setattr(storage.batches, "save_articles", disk_full)
    batch = [record("https://a.example/1", SIMPLIFIED), record("https://c.example/3", OTHER)]
    results = save_batch(engine, batch, source_of(engine))
    assert outcomes_of(results) == [OperationalError, OperationalError]
    assert calls == ["https://a.example/1"]  # the batch's try only


def test_the_writer_stores_in_order_in_batches_and_drains_before_it_stops(engine: Engine) -> None:
    reports: list[tuple[list[Any], int]] = []
    lock = threading.Lock()

    def report(batch: Sequence[Stored], cpu_us: int, _wall_us: int) -> None:
        with lock:
            reports.append(([s.token for s in batch], cpu_us))

    writer = StoreWriter(engine, source_of(engine), report, batch_size=2, batch_seconds=0.2)
    texts = [SIMPLIFIED, OTHER, TRADITIONAL, OTHER + "。", SIMPLIFIED + "。"]
    for number, text in enumerate(texts):
        writer.submit(record(f"https://a.example/{number}", text), number)
    writer.start()
    writer.stop()
    assert [tokens for tokens, _ in reports] == [[0, 1], [2, 3], [4]]
    assert all(cpu_us > 0 for _, cpu_us in reports)
    assert count_rows(engine)["articles"] == 5
