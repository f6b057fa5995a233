"""No alert sent twice: senders that overlap (the service's delivery tick, a crawl's post-run delivery,
`forumwatch alerts send`) share one outbox, on a real database, through a real webhook on 127.0.0.1
that answers more slowly than a claim lasts."""

from __future__ import annotations

import threading
import time
from collections import Counter
from dataclasses import dataclass
from typing import Any

import pytest
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from alerts.delivery import Deliverer
from alerts.settings import AlertSettings
from forumwatch.alerting import alerts_of
from forumwatch.config import parse_config
from storage.engine import make_engine
from storage.models import Alert
from storage.outbox import PENDING, SENDING, AlertDraft, enqueue, story_subject
from tests.receivers import WebhookReceiver

# The shortest claim the configuration allows; the receivers below take longer than it to answer.
CLAIM_SECONDS = 1.0
# However long the senders need, they must be done by then (a safety net for a hung test, not a timing).
GIVE_UP_SECONDS = 120.0


@dataclass
class SlowReceiver(WebhookReceiver):
    """Takes ``seconds_per_request`` to answer each request: a slow chat service, a congested relay."""

    seconds_per_request: float = 0.0

    def answer(self, key: str, body: dict[str, Any]) -> int:
        time.sleep(self.seconds_per_request)
        return super().answer(key, body)


def delivery_settings(hook_url: str) -> AlertSettings:
    config = parse_config(
        {
            "topics": [{"name": "twin-city-forum", "aliases": ["双城论坛"]}],
            "channels": [{"name": "hook", "kind": "webhook", "url": hook_url, "timeout_seconds": 30}],
            "delivery": {"claim_seconds": CLAIM_SECONDS, "retry_initial_seconds": 1},
        }
    )
    return alerts_of(config)


def enqueue_story_alerts(engine: Engine, story_ids: range, digest_key: str | None = None) -> None:
    with Session(engine) as session:
        for story_id in story_ids:
            enqueue(
                session,
                AlertDraft(
                    subject=story_subject(story_id), rule="forums", channel="hook", occasion="new",
                    story_id=story_id, delivery="digest" if digest_key else "immediate", digest_key=digest_key,
                    payload={"title": f"Story {story_id}", "url": f"https://news.example/{story_id}.html"},
                ),
            )  # fmt: skip
        session.commit()


def waiting(engine: Engine) -> int:
    with Session(engine) as session:
        return session.scalar(select(func.count()).where(Alert.status.in_((PENDING, SENDING)))) or 0


def run_senders(database_url: str, settings: AlertSettings, senders: int) -> None:
    """``senders`` threads, each with its own engine (as separate processes have), each delivering the
    outbox again and again like the service's tick, until nothing waits any more."""
    errors: list[BaseException] = []
    deadline = time.monotonic() + GIVE_UP_SECONDS

    def sender() -> None:
        engine = make_engine(database_url, for_writing=True)
        deliverer = Deliverer(engine, settings)
        try:
            while waiting(engine) and time.monotonic() < deadline:
                deliverer.deliver_due()
                time.sleep(0.05)
        except BaseException as error:  # reported by the test, not lost in the thread
            errors.append(error)
        finally:
            engine.dispose()

    threads = [threading.Thread(target=sender) for _ in range(senders)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []


def delivered_story_ids(hook: WebhookReceiver) -> Counter[int]:
    return Counter(story["story_id"] for d in hook.ok_deliveries() for story in d.body["stories"])


def test_a_batch_longer_than_a_claim_is_sent_once_by_overlapping_senders(
    engine: Engine, database_url: str
) -> None:
    with SlowReceiver(seconds_per_request=0.05) as hook:
        enqueue_story_alerts(engine, range(1, 101))
        enqueue_story_alerts(engine, range(101, 106), digest_key="run:7")  # one message for five stories
        # 101 messages at 0.05 s: the batch lasts five claims, and the other senders come round meanwhile.
        run_senders(database_url, delivery_settings(hook.url), senders=3)

    delivered = delivered_story_ids(hook)
    assert delivered == Counter(range(1, 106))  # every story once, none twice
    assert len(hook.deliveries) == 101  # 100 alerts and one digest: one request each, no repeats
    with Session(engine) as session:
        assert set(session.scalars(select(Alert.status))) == {"sent"}
        assert set(session.scalars(select(Alert.attempts))) == {1}


@pytest.mark.slow
def test_a_send_slower_than_its_claim_keeps_the_claim_and_is_not_sent_again(
    engine: Engine, database_url: str
) -> None:
    with SlowReceiver(seconds_per_request=2.5 * CLAIM_SECONDS) as hook:
        enqueue_story_alerts(engine, range(1, 7))
        run_senders(database_url, delivery_settings(hook.url), senders=3)

    assert delivered_story_ids(hook) == Counter(range(1, 7))
    assert len(hook.deliveries) == 6
    with Session(engine) as session:
        assert set(session.scalars(select(Alert.status))) == {"sent"}
        assert set(session.scalars(select(Alert.attempts))) == {1}
