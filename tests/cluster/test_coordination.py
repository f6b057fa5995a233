"""The run's shared state on a real Redis: taking, holding, putting back, draining, pacing."""

from __future__ import annotations

import time

import pytest

pytest.importorskip("scrapy_redis")

from crawler.budget import ERROR_LIMIT_REASON, TIME_LIMIT_REASON
from crawler.cluster.coordination import Cluster, RunPlan
from crawler.cluster.seeding import Budget, add_counts
from storage.runs import SourceCounts

PLAN = RunPlan(7, ("alpha", "beta"), "digest")


@pytest.fixture
def cluster(redis_url: str, cluster_prefix: str) -> Cluster:
    return Cluster.connect(redis_url, cluster_prefix)


def queued(cluster: Cluster, source: str, *members: tuple[bytes, float]) -> None:
    for data, score in members:
        cluster.client.zadd(cluster.keys.queue(PLAN.run_id, source), {data: score})


def test_a_run_is_seeded_once_and_a_second_is_refused_while_its_seeder_beats(cluster: Cluster) -> None:
    assert cluster.open_run(PLAN, seeder_ttl_seconds=30) is None
    assert cluster.current_run() == PLAN
    assert cluster.state(PLAN.run_id) == "crawling"
    assert cluster.client.llen(cluster.keys.start(PLAN.run_id, "alpha")) == 1
    other = RunPlan(8, ("alpha",), "digest")
    assert cluster.open_run(other, seeder_ttl_seconds=30) == PLAN
    assert cluster.current_run() == PLAN


def test_a_run_whose_seeder_died_is_dropped_by_the_next(cluster: Cluster) -> None:
    cluster.open_run(PLAN, seeder_ttl_seconds=0.2)
    time.sleep(0.4)
    other = RunPlan(8, ("alpha",), "digest")
    assert cluster.open_run(other, seeder_ttl_seconds=30) is None
    assert cluster.current_run() == other
    assert not list(cluster.client.scan_iter(match=cluster.keys.run(PLAN.run_id, "*")))


def test_a_taken_request_is_held_until_finished_and_the_run_drains_only_then(cluster: Cluster) -> None:
    cluster.open_run(PLAN, seeder_ttl_seconds=30)
    cluster.join(PLAN.run_id, "w1")
    assert cluster.take_start(PLAN.run_id, "alpha", "w1")
    assert cluster.take_start(PLAN.run_id, "beta", "w1")
    assert not cluster.take_start(PLAN.run_id, "alpha", "w2")  # one taker only
    queued(cluster, "alpha", (b"first", -1), (b"second", 0))
    assert cluster.pending(PLAN) == {"alpha": 3, "beta": 1}  # tokens held, two requests queued

    request_id, data = cluster.take(PLAN.run_id, "alpha", "w1") or ("", b"")
    assert data == b"first"  # the highest priority (lowest score) first, as scrapy-redis orders
    assert not cluster.start_settled(PLAN.run_id, "alpha")  # the others wait for the token
    cluster.finish_start(PLAN.run_id, "alpha", "w1")
    cluster.finish_start(PLAN.run_id, "beta", "w1")
    assert cluster.start_settled(PLAN.run_id, "alpha")
    assert cluster.pending(PLAN) == {"alpha": 2, "beta": 0}  # one held, one queued
    second = cluster.take(PLAN.run_id, "alpha", "w1")
    assert second is not None
    assert cluster.take(PLAN.run_id, "alpha", "w1") is None
    cluster.finish(PLAN.run_id, "alpha", "w1", request_id)
    assert cluster.pending(PLAN) == {"alpha": 1, "beta": 0}
    cluster.finish(PLAN.run_id, "alpha", "w1", second[0])
    assert cluster.pending(PLAN) == {"alpha": 0, "beta": 0}


def test_a_dead_workers_requests_and_token_go_back_with_their_priority(cluster: Cluster) -> None:
    cluster.open_run(PLAN, seeder_ttl_seconds=30)
    cluster.register("dead", {}, ttl_seconds=0.2)
    cluster.register("alive", {}, ttl_seconds=30)
    cluster.join(PLAN.run_id, "dead")
    cluster.join(PLAN.run_id, "alive")
    assert cluster.take_start(PLAN.run_id, "alpha", "dead")
    queued(cluster, "alpha", (b"urgent page", -10), (b"later page", 5))
    assert cluster.take(PLAN.run_id, "alpha", "dead") is not None  # the urgent one
    time.sleep(0.4)

    assert cluster.recover_dead(PLAN) == {"dead": 2}
    assert cluster.finished_workers(PLAN.run_id) == {"dead"}  # nothing more will come from it
    assert cluster.take_start(PLAN.run_id, "alpha", "alive")
    taken = cluster.take(PLAN.run_id, "alpha", "alive")
    assert taken is not None
    assert taken[1] == b"urgent page"
    assert cluster.recover_dead(PLAN) == {}  # put back once


def test_a_stopped_source_no_longer_counts_as_pending(cluster: Cluster) -> None:
    cluster.open_run(PLAN, seeder_ttl_seconds=30)
    cluster.join(PLAN.run_id, "w1")
    queued(cluster, "beta", (b"page", 0))
    assert cluster.stop_source(PLAN.run_id, "beta", "closespider_timeout")
    assert not cluster.stop_source(PLAN.run_id, "beta", "closespider_errorcount")  # the first reason stays
    assert cluster.stopped_sources(PLAN.run_id, PLAN.sources) == {"beta": "closespider_timeout"}
    assert cluster.pending(PLAN) == {"alpha": 1}  # alpha's token; beta is no longer crawled


def test_closing_a_run_deletes_its_keys_and_frees_the_cluster(cluster: Cluster) -> None:
    cluster.open_run(PLAN, seeder_ttl_seconds=30)
    cluster.publish_counts(PLAN.run_id, "w1", {"alpha": SourceCounts(fetched=3).to_json()})
    cluster.add_linked(PLAN.run_id, "alpha", ["https://example.com/a1"])
    cluster.close_run(PLAN)
    assert cluster.current_run() is None
    assert not list(cluster.client.scan_iter(match=f"{cluster.keys.prefix}:run:*"))


def test_counts_of_several_workers_add_up() -> None:
    total = add_counts(
        [
            SourceCounts(fetched=3, errors=1, errors_by_kind={"http": 1}, duration_seconds=4.0),
            SourceCounts(fetched=2, errors=2, errors_by_kind={"http": 1, "network": 1}, duration_seconds=9.0),
        ]
    )
    assert (total.fetched, total.errors, total.errors_by_kind) == (5, 3, {"http": 2, "network": 1})
    assert total.duration_seconds == 9.0


def test_the_pace_of_a_host_holds_across_callers(redis_url: str, cluster_prefix: str) -> None:
    first, second = Cluster.connect(redis_url, cluster_prefix), Cluster.connect(redis_url, cluster_prefix)
    waits = [first.pace("example.com", 0.5), second.pace("example.com", 0.5), first.pace("example.com", 0.5)]
    assert waits[0] == 0.0
    assert waits[1] == pytest.approx(0.5, abs=0.05)
    assert waits[2] == pytest.approx(1.0, abs=0.05)
    assert first.pace("other.example", 0.5) == 0.0  # per host
    second.pause_host("example.com", 3.0)
    assert first.pace("example.com", 0.5) == pytest.approx(3.5, abs=0.1)


def test_a_closed_run_leaves_nothing_for_the_next_even_if_a_late_worker_wrote_to_it(cluster: Cluster) -> None:
    cluster.open_run(PLAN, seeder_ttl_seconds=30)
    cluster.close_run(PLAN)
    cluster.done(PLAN.run_id, "late worker")  # after the close, as a worker slow to close would
    cluster.open_run(RunPlan(8, ("alpha",), "digest"), seeder_ttl_seconds=30)
    assert not list(cluster.client.scan_iter(match=cluster.keys.run(PLAN.run_id, "*")))


def test_a_worker_taken_for_dead_that_crawls_on_is_no_longer_done(cluster: Cluster) -> None:
    cluster.open_run(PLAN, seeder_ttl_seconds=30)
    cluster.register("slow", {}, ttl_seconds=0.2)
    cluster.join(PLAN.run_id, "slow")
    time.sleep(0.4)
    cluster.recover_dead(PLAN)
    assert cluster.finished_workers(PLAN.run_id) == {"slow"}
    cluster.beat("slow", ttl_seconds=0.2)
    cluster.still_crawling(PLAN.run_id, "slow")
    queued(cluster, "alpha", (b"page", 0))
    assert cluster.take(PLAN.run_id, "alpha", "slow") is not None
    time.sleep(0.4)  # and now it dies for good: what it took goes back
    assert cluster.recover_dead(PLAN) == {"slow": 1}


def test_a_budget_stops_a_source_by_its_errors_added_up_or_its_time() -> None:
    budget = Budget(time_limit=60.0, error_limit=10)
    assert budget.exceeded(5.0, SourceCounts(errors=9)) is None
    assert budget.exceeded(5.0, SourceCounts(errors=10)) == ERROR_LIMIT_REASON
    assert budget.exceeded(61.0, SourceCounts()) == TIME_LIMIT_REASON
    assert Budget(time_limit=0.0, error_limit=0).exceeded(1e6, SourceCounts(errors=1000)) is None


def test_a_request_is_queued_once_and_marked_seen_in_the_same_step(cluster: Cluster) -> None:
    cluster.open_run(PLAN, seeder_ttl_seconds=30)
    assert cluster.queue_new(PLAN.run_id, "alpha", "fp1", 0, b"page one")
    assert not cluster.queue_new(PLAN.run_id, "alpha", "fp1", 0, b"page one again")
    assert cluster.client.zcard(cluster.keys.queue(PLAN.run_id, "alpha")) == 1
    assert cluster.client.sismember(cluster.keys.dupefilter(PLAN.run_id, "alpha"), "fp1")
