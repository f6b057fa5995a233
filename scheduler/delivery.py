"""Delivering the outbox: claim due alerts, render each (or each digest) in its articles' language, send
it through its channel, mark it sent, or retry it later with backoff.

The order claim → send → mark is what makes delivery at-least-once without losing anything: a sender
that dies after sending and before marking leaves a claim that expires, and the alert is sent again
with the same idempotency key, which a receiver that honours it applies once.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta, tzinfo
from typing import Any

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from forumwatch.config import Config
from scheduler.channels import build_channel
from scheduler.channels.base import Channel, DeliveryError, Message
from scheduler.health import HEALTH_RULE
from scheduler.messages import HealthNotice, StoryNotice, digest_message, health_message, story_message
from scheduler.timezones import display_zone
from storage.models import Alert, utc_now
from storage.outbox import FAILED, Claim, RetryPolicy, claim_due, mark_failed, mark_sent

logger = logging.getLogger(__name__)


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
        config: Config,
        channels: Mapping[str, Channel] | None = None,
        clock: Callable[[], datetime] = utc_now,
        environ: Mapping[str, str] = os.environ,
    ) -> None:
        self.engine = engine
        self.config = config
        self.channels = (
            dict(channels)
            if channels is not None
            else {c.name: build_channel(c, environ) for c in config.channels}
        )
        self.clock = clock
        delivery = config.delivery
        self.policy = RetryPolicy(
            timedelta(seconds=delivery.retry_initial_seconds),
            timedelta(seconds=delivery.retry_max_seconds),
            delivery.max_attempts,
        )
        self.claim_for = timedelta(seconds=delivery.claim_seconds)
        self.zone: tzinfo = display_zone(config)

    def deliver_due(self) -> DeliveryReport:
        report = DeliveryReport()
        with Session(self.engine, expire_on_commit=False) as session:
            claims = claim_due(session, self.clock(), self.claim_for)
            for claim in claims:
                self._deliver(session, claim, report)
                session.commit()
        if claims:
            logger.info("alerts: %s", report)
        return report

    def _deliver(self, session: Session, claim: Claim, report: DeliveryReport) -> None:
        first = claim.first
        channel = self.channels.get(first.channel)
        if channel is None:
            mark_failed(
                session, claim.ids, self.clock(), f"no channel named {first.channel!r} in the configuration",
                retryable=False, policy=self.policy,
            )  # fmt: skip
            report.failed += len(claim.ids)
            return
        try:
            channel.send(self.render(claim))
        except DeliveryError as error:
            status = mark_failed(
                session, claim.ids, self.clock(), str(error), retryable=error.retryable, policy=self.policy
            )
            level = logging.ERROR if status == FAILED else logging.WARNING
            logger.log(level, "alert %s to %s: %s (%s)", first.id, first.channel, error, status)
            if status == FAILED:
                report.failed += len(claim.ids)
            else:
                report.retrying += len(claim.ids)
            return
        mark_sent(session, claim.ids, self.clock())
        report.sent += len(claim.ids)

    def render(self, claim: Claim) -> Message:
        first = claim.first
        if first.rule == HEALTH_RULE:
            return health_message(health_notice(first), claim.idempotency_key)
        notices = [story_notice(alert) for alert in claim.alerts]
        if first.digest_key is not None:
            return digest_message(notices, first.rule, claim.idempotency_key, self.zone)
        return story_message(notices[0], first.rule, claim.idempotency_key, self.zone)


def story_notice(alert: Alert) -> StoryNotice:
    facts: dict[str, Any] = alert.payload
    published = facts.get("published")
    return StoryNotice(
        story_id=alert.story_id or int(facts.get("story_id", 0)),
        title=facts.get("title") or "",
        url=facts.get("url") or "",
        outlet=facts.get("outlet"),
        published=datetime.fromisoformat(published) if published else None,
        text=facts.get("text") or "",
        language=facts.get("language"),
        script=facts.get("script"),
        kind=facts.get("kind"),
        event=facts.get("event"),
        copies=int(facts.get("copies", 1)),
        topics=tuple(facts.get("topics", ())),
        occasion=facts.get("occasion", "new"),
        previous_event=facts.get("previous_event"),
    )


def health_notice(alert: Alert) -> HealthNotice:
    facts: dict[str, Any] = alert.payload
    return HealthNotice(
        source=facts.get("source", alert.subject),
        problems=tuple(facts.get("problems", ())),
        run_id=facts.get("run_id"),
        recovered=bool(facts.get("recovered")),
    )
