"""The alert outbox: alerts are rows first, claimed before sending, marked sent after.

Every function takes the caller's session and leaves the transaction to it, except where a claim must
be committed on its own before anything is sent (``claim_next``).
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, and_, func, or_, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from storage.models import Alert, utc_now

PENDING, SENDING, SENT, FAILED, MERGED = "pending", "sending", "sent", "failed", "merged"


def story_subject(story_id: int) -> str:
    return f"story:{story_id}"


@dataclass(frozen=True)
class AlertDraft:
    """An alert to enqueue; nothing happens if one with the same subject, rule, channel and occasion
    exists already."""

    subject: str
    rule: str
    channel: str
    occasion: str
    story_id: int | None = None
    delivery: str = "immediate"
    digest_key: str | None = None
    run_id: int | None = None
    event_key: str | None = None
    payload: dict[str, Any] = field(default_factory=dict)


def enqueue(session: Session, draft: AlertDraft, now: datetime | None = None) -> bool:
    """Add the alert unless it exists; True when this call added it. Safe against concurrent callers:
    the unique key decides, and the loser's insert does nothing."""
    values = {
        "subject": draft.subject,
        "rule": draft.rule,
        "channel": draft.channel,
        "occasion": draft.occasion,
        "story_id": draft.story_id,
        "delivery": draft.delivery,
        "digest_key": draft.digest_key,
        "run_id": draft.run_id,
        "event_key": draft.event_key,
        "payload": draft.payload,
        "status": PENDING,
        "attempts": 0,
        "next_attempt_at": now or utc_now(),
        # Fixed now and sent with every attempt: the receiver's way to apply the alert once.
        "idempotency_key": uuid.uuid4().hex,
        "created_at": now or utc_now(),
    }
    dialect = session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    statement = (
        insert(Alert)
        .values(**values)
        .on_conflict_do_nothing(index_elements=["subject", "rule", "channel", "occasion"])
        .returning(Alert.id)
    )
    # RETURNING says whether a row went in on every backend; rowcount is not reliable for this.
    return session.execute(statement).scalar() is not None


def has_alert(session: Session, subject: str, rule: str, channel: str, occasion: str) -> bool:
    found = session.scalar(
        select(Alert.id).where(
            Alert.subject == subject, Alert.rule == rule, Alert.channel == channel, Alert.occasion == occasion
        )
    )
    return found is not None


def last_event_alert(session: Session, channel: str, event_key: str) -> Alert | None:
    """The latest alert on ``channel`` about the event ``event_key``: what its readers were told last."""
    return session.scalar(
        select(Alert)
        .where(Alert.channel == channel, Alert.event_key == event_key)
        .where(Alert.status != MERGED)
        .order_by(Alert.id.desc())
        .limit(1)
    )


def move_story_alerts(session: Session, folded: Sequence[int], survivor: int) -> None:
    """The stories ``folded`` were merged into ``survivor``: their alerts become the survivor's, so that
    the merged story is never alerted twice. Where the survivor has its own alert for the same rule,
    channel and occasion, the folded one stays behind as a record, and is not sent if still pending."""
    if not folded:
        return
    own = {
        (a.rule, a.channel, a.occasion)
        for a in session.scalars(select(Alert).where(Alert.story_id == survivor))
    }
    for alert in session.scalars(select(Alert).where(Alert.story_id.in_(folded))):
        if (alert.rule, alert.channel, alert.occasion) in own:
            if alert.status in (PENDING, SENDING):
                alert.status = MERGED
                alert.last_error = f"its story was folded into story {survivor}, alerted already"
            continue
        own.add((alert.rule, alert.channel, alert.occasion))
        alert.story_id = survivor
        alert.subject = story_subject(survivor)
    session.flush()


@dataclass(frozen=True)
class Claim:
    """Alerts claimed for one message: a single alert, or every alert of one digest.

    Each claim of an alert counts one attempt, so an alert's ``attempts`` when claimed tells this claim
    from any later one: renewing and marking go through only while no other sender has claimed it since.
    """

    alerts: tuple[Alert, ...]
    # (id, attempts) of each alert as claimed: read once, as the ORM objects change with the rows.
    tokens: tuple[tuple[int, int], ...]

    @classmethod
    def of(cls, alerts: Sequence[Alert]) -> Claim:
        return cls(tuple(alerts), tuple((alert.id, alert.attempts) for alert in alerts))

    @property
    def ids(self) -> list[int]:
        return [alert_id for alert_id, _attempts in self.tokens]

    @property
    def first(self) -> Alert:
        return self.alerts[0]

    @property
    def idempotency_key(self) -> str:
        # A digest's key is its first alert's: stable across retries, as the set of its alerts is.
        return self.first.idempotency_key

    def held(self) -> ColumnElement[bool]:
        """The rows of this claim, still in this sender's hands."""
        return and_(
            Alert.status == SENDING,
            or_(
                *(
                    and_(Alert.id == alert_id, Alert.attempts == attempts)
                    for alert_id, attempts in self.tokens
                )
            ),
        )


def _due(now: datetime) -> Any:
    # Pending and due, or claimed by a sender that did not come back in time (it died, or hangs).
    return or_(
        and_(Alert.status == PENDING, Alert.next_attempt_at <= now),
        and_(Alert.status == SENDING, Alert.claimed_until < now),
    )


# Due alerts looked at per claim: enough to find one that no concurrent sender took meanwhile.
CLAIM_CANDIDATES = 20


def claim_next(session: Session, now: datetime, claim_for: timedelta) -> Claim | None:
    """Claim the oldest due message (an alert, or a digest whole) for ``claim_for``; None when nothing
    is due. Commits the claim before returning (use a session with ``expire_on_commit=False`` to read
    the claimed alerts without a new transaction).

    One message at a time, claimed just before it is sent: a claim never waits for other messages to be
    sent first, so it does not run out while its sender is busy elsewhere. A claim is an UPDATE guarded
    by the state it expects, so two senders never claim one alert; one neither marked sent nor failed
    before ``claimed_until`` (nor renewed, see ``extend_claim``) is due again.
    """
    candidates = session.scalars(select(Alert).where(_due(now)).order_by(Alert.id).limit(CLAIM_CANDIDATES))
    claim = None
    for alert in list(candidates):
        members = _digest_members(session, alert, now) if alert.digest_key is not None else [alert]
        claimed = [m for m in members if _claim_one(session, m, now, claim_for)]
        if claimed:
            for member in claimed:
                session.refresh(member)
            claim = Claim.of(claimed)
            break
    # Committed before anything is sent, and no transaction stays open while a channel takes its time:
    # on SQLite an open writer transaction would hold every other writer of the database.
    session.commit()
    return claim


def _digest_members(session: Session, alert: Alert, now: datetime) -> list[Alert]:
    query = select(Alert).where(
        Alert.digest_key == alert.digest_key, Alert.rule == alert.rule, Alert.channel == alert.channel
    )
    return list(session.scalars(query.where(_due(now)).order_by(Alert.id)))


def _claim_one(session: Session, alert: Alert, now: datetime, claim_for: timedelta) -> bool:
    result = session.execute(
        update(Alert)
        .where(Alert.id == alert.id, _due(now))
        .values(status=SENDING, claimed_until=now + claim_for, attempts=Alert.attempts + 1)
        .execution_options(synchronize_session=False)
    )
    return bool(result.rowcount)  # type: ignore[attr-defined]


def extend_claim(session: Session, claim: Claim, until: datetime) -> bool:
    """Keep ``claim`` until ``until`` while its message is still being sent; False when some of it is
    not this sender's any more (its claim ran out and another sender took it)."""
    result = session.execute(
        update(Alert)
        .where(claim.held())
        .values(claimed_until=until)
        .execution_options(synchronize_session=False)
    )
    return bool(result.rowcount == len(claim.tokens))  # type: ignore[attr-defined]


def mark_sent(session: Session, claim: Claim, now: datetime) -> None:
    """The claim's message went out. Alerts claimed by another sender since are theirs to mark."""
    session.execute(
        update(Alert)
        .where(claim.held())
        .values(status=SENT, sent_at=now, claimed_until=None, last_error=None)
        .execution_options(synchronize_session=False)
    )


@dataclass(frozen=True)
class RetryPolicy:
    initial: timedelta
    maximum: timedelta
    max_attempts: int

    def delay(self, attempts: int) -> timedelta:
        """Exponential: initial, 2x, 4x... after the 1st, 2nd, 3rd failed attempt, capped at maximum."""
        doublings = min(max(0, attempts - 1), 30)  # past 2**30 the cap has long taken over
        return min(self.initial * (1 << doublings), self.maximum)


def mark_failed(
    session: Session, claim: Claim, now: datetime, reason: str, *, retryable: bool, policy: RetryPolicy
) -> str:
    """Record a failed attempt: retry later with backoff, or give up (not retryable, or out of
    attempts). Returns the new status. Alerts claimed by another sender since are left to it: putting
    them back in the queue would let a third sender send what the second is sending."""
    status = PENDING
    claimed = select(Alert).where(claim.held())
    for alert in session.scalars(claimed.execution_options(populate_existing=True)):
        alert.last_error = reason[:2000]
        alert.claimed_until = None
        if not retryable or alert.attempts >= policy.max_attempts:
            alert.status = status = FAILED
        else:
            alert.status = PENDING
            alert.next_attempt_at = now + policy.delay(alert.attempts)
    session.flush()
    return status


def outbox_counts(session: Session) -> dict[str, int]:
    """How many alerts are in each state."""
    rows = session.execute(select(Alert.status, func.count()).group_by(Alert.status))
    return dict(rows.all())


def list_alerts(session: Session, limit: int = 50, status: str | None = None) -> list[Alert]:
    query = select(Alert).order_by(Alert.id.desc()).limit(limit)
    if status is not None:
        query = query.where(Alert.status == status)
    return list(session.scalars(query))
