"""Delivering the outbox: claim due alerts, render each (or each digest) in its articles' language, send
it through its channel, mark it sent, or retry it later with backoff.

The order claim → send → mark is what makes delivery at-least-once without losing anything: a sender
that dies after sending and before marking leaves a claim that expires, and the alert is sent again
with the same idempotency key, which a receiver that honours it applies once.

And what keeps senders that overlap (the service's tick, a crawl's post-run delivery, `forumwatch alerts
send`) from sending anything twice while they are alive: each message is claimed just before it is sent,
one at a time, and its claim is renewed for as long as the channel takes. Only a claim whose sender
stopped renewing it (died, or hung for longer than MAX_HOLD) expires.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta, tzinfo

from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from alerts.channels import build_channel
from alerts.channels.base import Channel, DeliveryError, Message
from alerts.health import HEALTH_RULE
from alerts.messages import digest_message, health_message, story_message
from alerts.notices import health_notice, story_notice
from alerts.settings import AlertSettings
from storage.models import utc_now
from storage.outbox import FAILED, Claim, claim_next, extend_claim, mark_failed, mark_sent

logger = logging.getLogger(__name__)

# Messages one call of deliver_due sends at most: a tick hands over to the next one, as a batch did.
MESSAGES_PER_CALL = 100
# A send still going after this long is hung (channels time out after seconds): its claim is let go for
# another sender to try, rather than held for as long as the hung process lives.
MAX_HOLD = timedelta(hours=1)


@dataclass
class DeliveryReport:
    sent: int = 0
    retrying: int = 0
    failed: int = 0

    def __str__(self) -> str:
        return f"{self.sent} sent, {self.retrying} to retry, {self.failed} given up"


class Deliverer:
    """Sends what is due in the outbox; one per process, safe beside others on the same database."""

    def __init__(
        self,
        engine: Engine,
        settings: AlertSettings,
        channels: Mapping[str, Channel] | None = None,
        clock: Callable[[], datetime] = utc_now,
        environ: Mapping[str, str] = os.environ,
    ) -> None:
        self.engine = engine
        self.channels = (
            dict(channels)
            if channels is not None
            else {c.name: build_channel(c, environ) for c in settings.channels}
        )
        self.clock = clock
        self.policy = settings.delivery.retry
        self.claim_for = settings.delivery.claim_for
        self.zone: tzinfo = settings.zone

    def deliver_due(self) -> DeliveryReport:
        report = DeliveryReport()
        with Session(self.engine, expire_on_commit=False) as session:
            for _ in range(MESSAGES_PER_CALL):
                claim = claim_next(session, self.clock(), self.claim_for)
                if claim is None:
                    break
                self._deliver(session, claim, report)
                session.commit()
        if report.sent or report.retrying or report.failed:
            logger.info("alerts: %s", report)
        return report

    def _deliver(self, session: Session, claim: Claim, report: DeliveryReport) -> None:
        first = claim.first
        channel = self.channels.get(first.channel)
        if channel is None:
            mark_failed(
                session, claim, self.clock(), f"no channel named {first.channel!r} in the configuration",
                retryable=False, policy=self.policy,
            )  # fmt: skip
            report.failed += len(claim.ids)
            return
        try:
            with self._claim_kept(claim):
                channel.send(self.render(claim))
        except DeliveryError as error:
            status = mark_failed(
                session, claim, self.clock(), str(error), retryable=error.retryable, policy=self.policy
            )
            level = logging.ERROR if status == FAILED else logging.WARNING
            logger.log(level, "alert %s to %s: %s (%s)", first.id, first.channel, error, status)
            if status == FAILED:
                report.failed += len(claim.ids)
            else:
                report.retrying += len(claim.ids)
            return
        mark_sent(session, claim, self.clock())
        report.sent += len(claim.ids)

    @contextmanager
    def _claim_kept(self, claim: Claim) -> Iterator[None]:
        """Renew ``claim`` every third of the claim time while the block runs (its message being sent)."""
        done = threading.Event()
        keeper = threading.Thread(
            target=self._keep_claim, args=(claim, done), name=f"claim-{claim.first.id}", daemon=True
        )
        keeper.start()
        try:
            yield
        finally:
            done.set()
            keeper.join()

    def _keep_claim(self, claim: Claim, done: threading.Event) -> None:
        # A third: a renewal that waits behind another writer for a while still comes before expiry.
        interval = self.claim_for.total_seconds() / 3
        give_up = time.monotonic() + MAX_HOLD.total_seconds()
        while not done.wait(interval):
            if time.monotonic() > give_up:
                logger.error("alert %s to %s: still sending after %s; letting its claim expire",
                             claim.first.id, claim.first.channel, MAX_HOLD)  # fmt: skip
                return
            try:
                with Session(self.engine) as session, session.begin():
                    kept = extend_claim(session, claim, self.clock() + self.claim_for)
            except SQLAlchemyError:  # the database busy or away for a moment: the next beat tries again
                logger.warning("alert %s: could not renew its claim", claim.first.id, exc_info=True)
                continue
            if not kept:
                logger.warning(
                    "alert %s to %s: its claim ran out and another sender took it: it may be sent twice",
                    claim.first.id, claim.first.channel,
                )  # fmt: skip
                return

    def render(self, claim: Claim) -> Message:
        first = claim.first
        if first.rule == HEALTH_RULE:
            return health_message(health_notice(first), claim.idempotency_key)
        notices = [story_notice(alert) for alert in claim.alerts]
        if first.digest_key is not None:
            return digest_message(notices, first.rule, claim.idempotency_key, self.zone)
        return story_message(notices[0], first.rule, claim.idempotency_key, self.zone)
