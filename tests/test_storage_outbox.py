"""The outbox, leases and run records on a real SQLite file and the PostgreSQL server."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from storage import leases
from storage.models import Alert, CrawlRun, Story
from storage.outbox import (
    AlertDraft,
    RetryPolicy,
    claim_next,
    enqueue,
    extend_claim,
    mark_failed,
    mark_sent,
    move_story_alerts,
    story_subject,
)
from storage.runs import STALE_AFTER, OverlappingRunError, RunStart, live_runs, start_run

T0 = datetime(2026, 11, 21, 2, 0, tzinfo=UTC)
POLICY = RetryPolicy(timedelta(seconds=60), timedelta(hours=1), max_attempts=4)
CLAIM = timedelta(minutes=5)


def draft(story_id: int = 1, channel: str = "hook", occasion: str = "new", **extra: object) -> AlertDraft:
    return AlertDraft(
        subject=story_subject(story_id), rule="forums", channel=channel, occasion=occasion, story_id=story_id,
        **extra,  # type: ignore[arg-type]
    )  # fmt: skip


def test_an_alert_is_enqueued_once_per_subject_rule_channel_and_occasion(engine: Engine) -> None:
    with Session(engine) as session:
        assert enqueue(session, draft(), T0)
        assert not enqueue(session, draft(), T0)  # a second evaluation, a later copy: nothing new
        assert enqueue(session, draft(channel="mail"), T0)
        assert enqueue(session, draft(occasion="event-changed:abc"), T0)
        session.commit()
        keys = session.scalars(select(Alert.idempotency_key)).all()
    assert len(keys) == 3
    assert len(set(keys)) == 3


def test_claim_send_mark_and_backoff(engine: Engine) -> None:
    with Session(engine, expire_on_commit=False) as session:
        enqueue(session, draft(), T0)
        session.commit()
        claim = claim_next(session, T0, CLAIM)
        assert claim is not None
        assert claim_next(session, T0, CLAIM) is None  # claimed: no second sender gets it
        key = claim.idempotency_key
        assert mark_failed(session, claim, T0, "HTTP 500", retryable=True, policy=POLICY) == "pending"
        session.commit()
        assert claim_next(session, T0 + timedelta(seconds=59), CLAIM) is None  # backing off
        claim = claim_next(session, T0 + timedelta(seconds=60), CLAIM)
        assert claim is not None
        mark_failed(session, claim, T0 + timedelta(seconds=60), "HTTP 500", retryable=True, policy=POLICY)
        session.commit()
        assert claim_next(session, T0 + timedelta(seconds=60 + 119), CLAIM) is None  # doubled
        claim = claim_next(session, T0 + timedelta(seconds=180), CLAIM)
        assert claim is not None
        assert claim.idempotency_key == key  # every attempt carries the same key
        mark_sent(session, claim, T0 + timedelta(seconds=180))
        session.commit()
        session.expire_all()
        alert = session.scalars(select(Alert)).one()
    assert (alert.status, alert.attempts, alert.last_error) == ("sent", 3, None)
    assert claim_next(Session(engine), T0 + timedelta(days=1), CLAIM) is None


def test_messages_are_claimed_one_at_a_time_oldest_first(engine: Engine) -> None:
    with Session(engine, expire_on_commit=False) as session:
        for story in (1, 2, 3):
            enqueue(session, draft(story), T0)
        session.commit()
        first = claim_next(session, T0, CLAIM)
        second = claim_next(session, T0, CLAIM)
        session.expire_all()
        statuses = [a.status for a in session.scalars(select(Alert).order_by(Alert.id))]
    assert first is not None
    assert second is not None
    assert [first.first.story_id, second.first.story_id] == [1, 2]
    assert statuses == ["sending", "sending", "pending"]  # the third waits: nobody holds it yet


def test_a_claim_left_by_a_dead_sender_is_due_again_after_it_expires(engine: Engine) -> None:
    with Session(engine, expire_on_commit=False) as session:
        enqueue(session, draft(), T0)
        session.commit()
        first = claim_next(session, T0, CLAIM)  # ... and the sender dies before marking
        assert first is not None
        assert claim_next(session, T0 + CLAIM, CLAIM) is None
        again = claim_next(session, T0 + CLAIM + timedelta(seconds=1), CLAIM)
    assert again is not None
    assert again.idempotency_key == first.idempotency_key


def test_a_renewed_claim_is_kept_and_a_claim_taken_over_is_not_the_old_senders(engine: Engine) -> None:
    with Session(engine, expire_on_commit=False) as session:
        enqueue(session, draft(), T0)
        session.commit()
        slow = claim_next(session, T0, CLAIM)
        assert slow is not None
        # Still sending when the claim would run out: renewed, it stays the slow sender's.
        assert extend_claim(session, slow, T0 + 2 * CLAIM)
        session.commit()
        assert claim_next(session, T0 + CLAIM + timedelta(seconds=1), CLAIM) is None
        # Renewals stopped (the sender hung, or died): the claim runs out and another sender takes it.
        later = T0 + 2 * CLAIM + timedelta(seconds=1)
        other = claim_next(session, later, CLAIM)
        assert other is not None
        # The first sender comes back: it can neither renew nor mark what is the other's now...
        assert not extend_claim(session, slow, later + CLAIM)
        mark_failed(session, slow, later, "timed out", retryable=True, policy=POLICY)
        session.commit()
        session.expire_all()
        assert session.scalars(select(Alert.status)).one() == "sending"
        # ... which the other sender marks.
        mark_sent(session, other, later)
        session.commit()
        alert = session.scalars(select(Alert)).one()
    assert (alert.status, alert.attempts) == ("sent", 2)


def test_gives_up_after_max_attempts_or_at_once_when_not_retryable(engine: Engine) -> None:
    with Session(engine, expire_on_commit=False) as session:
        enqueue(session, draft(1), T0)
        enqueue(session, draft(2), T0)
        session.commit()
        refused, flaky = claim_next(session, T0, CLAIM), claim_next(session, T0, CLAIM)
        assert refused is not None
        assert flaky is not None
        assert mark_failed(session, refused, T0, "401", retryable=False, policy=POLICY) == "failed"
        now = T0
        for _ in range(POLICY.max_attempts):
            status = mark_failed(session, flaky, now, "timed out", retryable=True, policy=POLICY)
            session.commit()
            now += POLICY.maximum
            flaky = claim_next(session, now, CLAIM) or flaky
        assert status == "failed"
        session.expire_all()
        assert {a.status for a in session.scalars(select(Alert))} == {"failed"}


def test_a_digest_is_claimed_whole(engine: Engine) -> None:
    with Session(engine, expire_on_commit=False) as session:
        for story in (1, 2, 3):
            enqueue(session, draft(story, delivery="digest", digest_key="run:7"), T0)
        enqueue(session, draft(4), T0)
        session.commit()
        claims = [claim_next(session, T0, CLAIM) for _ in range(3)]
    assert [len(c.alerts) if c else 0 for c in claims] == [3, 1, 0]


def test_folding_stories_moves_their_alerts_and_never_sends_one_twice(engine: Engine) -> None:
    with Session(engine) as session:
        a, b, c = (Story(title=t) for t in "abc")
        session.add_all([a, b, c])
        session.flush()
        a_id, b_id, c_id = a.id, b.id, c.id
        enqueue(session, draft(a.id), T0)  # a: alerted on "hook"
        enqueue(session, draft(b.id), T0)  # b: the same rule and channel, not sent yet
        enqueue(session, draft(b.id, channel="mail"), T0)  # b: another channel
        enqueue(session, draft(c.id), T0)
        session.flush()
        move_story_alerts(session, [b.id], a.id)
        session.commit()
        session.expire_all()
        rows = {(r.story_id, r.channel, r.status) for r in session.scalars(select(Alert))}
    assert rows == {(a_id, "hook", "pending"), (b_id, "hook", "merged"), (a_id, "mail", "pending"),
                    (c_id, "hook", "pending")}  # fmt: skip


def test_a_lease_has_one_holder_until_it_expires(engine: Engine) -> None:
    ttl = timedelta(seconds=90)
    with Session(engine) as session:
        assert leases.acquire(session, "scheduler", "one", ttl, T0) is None
        held = leases.acquire(session, "scheduler", "two", ttl, T0 + timedelta(seconds=30))
        assert held is not None
        assert held.holder == "one"
        assert leases.acquire(session, "scheduler", "one", ttl, T0 + timedelta(seconds=60)) is None  # renewed
        assert leases.acquire(session, "scheduler", "two", ttl, T0 + timedelta(seconds=149)) is not None
        assert (
            leases.acquire(session, "scheduler", "two", ttl, T0 + timedelta(seconds=151)) is None
        )  # expired
        leases.release(session, "scheduler", "one")  # not the holder any more: nothing happens
        assert leases.current(session, "scheduler") is not None
        leases.release(session, "scheduler", "two")
        assert leases.current(session, "scheduler") is None


def test_runs_on_the_same_sources_never_overlap_and_a_silent_one_is_abandoned(engine: Engine) -> None:
    with Session(engine) as session:
        first = start_run(session, RunStart(sources=["sina", "twnews"]), now=T0)
        session.commit()
        with pytest.raises(OverlappingRunError, match=f"run {first} .* still crawling twnews"):
            start_run(session, RunStart(sources=["twnews", "portal"]), now=T0 + timedelta(minutes=1))
        session.rollback()
        other = start_run(session, RunStart(sources=["portal"]), now=T0 + timedelta(minutes=1))
        session.commit()
        later = T0 + STALE_AFTER + timedelta(seconds=1)
        assert [r.id for r in live_runs(session, later)] == [other]  # the first stopped heartbeating
        session.commit()
        assert session.get_one(CrawlRun, first).status == "abandoned"
        start_run(session, RunStart(sources=["twnews"]), now=later)
