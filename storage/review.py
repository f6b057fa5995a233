"""Reviewing stories: decisions and notes with their history, their undoing, and what folding stories
does to them. The web page and `forumwatch review` both go through these functions."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Literal, get_args

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from storage.models import (
    ReviewEvent,
    Story,
    StoryReview,
    utc_now,
)

Decision = Literal["relevant", "dismissed", "later"]


DECISIONS: tuple[str, ...] = get_args(Decision)


# When stories are folded, the survivor keeps the weightiest decision: nobody's "relevant" is lost to
# another copy's "dismissed".
_WEIGHT = {"relevant": 3, "later": 2, "dismissed": 1}


def mark(
    session: Session,
    story_ids: Iterable[int],
    status: Decision,
    reviewer: str,
    note: str | None = None,
    now: datetime | None = None,
) -> list[int]:
    """Record ``reviewer``'s decision on each story (and the note, when given); returns the ids of the
    stories that exist. The caller commits."""
    if status not in DECISIONS:
        raise ValueError(f"not a review decision: {status!r} (one of {', '.join(DECISIONS)})")
    now = now or utc_now()
    ids = sorted(set(story_ids))
    known = set(session.scalars(select(Story.id).where(Story.id.in_(ids)))) if ids else set()
    for story_id in ids:
        if story_id not in known:
            continue
        review = session.get(StoryReview, story_id)
        if review is None:
            review = StoryReview(story_id=story_id, note="")
            session.add(review)
        review.status, review.reviewer, review.updated_at = status, reviewer, now
        session.get_one(Story, story_id).review_status = status
        if note is not None:
            review.note = note
        session.add(ReviewEvent(story_id=story_id, status=status, note=note, reviewer=reviewer, at=now))
    session.flush()
    return [i for i in ids if i in known]


def set_note(session: Session, story_id: int, note: str, reviewer: str, now: datetime | None = None) -> None:
    """Change a story's note without deciding on it (a story with only a note stays "later")."""
    now = now or utc_now()
    story = session.get_one(Story, story_id)
    review = session.get(StoryReview, story_id)
    if review is None:
        # Whole before it is added: the next query flushes it, and a review has a reviewer.
        session.add(
            StoryReview(story_id=story_id, status="later", note=note, reviewer=reviewer, updated_at=now)
        )
        story.review_status = "later"
    else:
        review.note, review.reviewer, review.updated_at = note, reviewer, now
    session.add(ReviewEvent(story_id=story_id, status=None, note=note, reviewer=reviewer, at=now))
    session.flush()


# A story's history says when a decision was taken back, by whom: the decision stays in it, as a slip of
# the key is still something that happened to the story's review.
UNDONE = "undone"


@dataclass(frozen=True)
class ReviewBefore:
    """A story's review as it was before a decision: what undoing the decision puts back (status None:
    not reviewed)."""

    story_id: int
    event_id: int  # the decision's entry in the history: undo holds only while it is still the last
    status: str | None
    note: str
    reviewer: str
    updated_at: datetime | None


def reviews_before(session: Session, story_ids: Iterable[int]) -> dict[int, StoryReview]:
    """The stories' reviews as they are now, detached copies to compare with after a decision."""
    ids = sorted(set(story_ids))
    if not ids:
        return {}
    reviews = session.scalars(select(StoryReview).where(StoryReview.story_id.in_(ids)))
    return {
        review.story_id: StoryReview(
            story_id=review.story_id,
            status=review.status,
            note=review.note,
            reviewer=review.reviewer,
            updated_at=review.updated_at,
        )
        for review in reviews
    }


def decided_from(
    session: Session, earlier: dict[int, StoryReview], marked: Iterable[int], reviewer: str
) -> list[ReviewBefore]:
    """For each story ``reviewer`` just decided on, its review as it was before (``earlier``, from
    :func:`reviews_before`) and the history entry of the decision."""
    ids = list(marked)
    if not ids:
        return []
    latest = select(ReviewEvent.story_id, func.max(ReviewEvent.id)).where(
        ReviewEvent.story_id.in_(ids), ReviewEvent.reviewer == reviewer
    )
    entries: dict[int, int] = dict(session.execute(latest.group_by(ReviewEvent.story_id)).all())
    before = []
    for story_id in ids:
        review = earlier.get(story_id)
        before.append(
            ReviewBefore(
                story_id=story_id,
                event_id=entries[story_id],
                status=review.status if review else None,
                note=review.note if review else "",
                reviewer=review.reviewer if review else reviewer,
                updated_at=review.updated_at if review else None,
            )
        )
    return before


def restore_review(
    session: Session, before: ReviewBefore, reviewer: str, now: datetime | None = None
) -> bool:
    """Put a story's review back as it was before a decision, and say so in its history. False, changing
    nothing, when the story was decided on again since (by anyone) or folded into another: undo must not
    overwrite that. The caller commits."""
    story = session.get(Story, before.story_id, with_for_update=True)
    last = session.scalar(select(func.max(ReviewEvent.id)).where(ReviewEvent.story_id == before.story_id))
    if story is None or last != before.event_id:
        return False
    review = session.get(StoryReview, before.story_id)
    if before.status is None:
        if review is not None:
            session.delete(review)
    else:
        if review is None:
            review = StoryReview(story_id=before.story_id)
            session.add(review)
        review.status, review.note, review.reviewer = before.status, before.note, before.reviewer
        review.updated_at = before.updated_at or review.updated_at
    story.review_status = before.status
    session.add(
        ReviewEvent(
            story_id=before.story_id, status=UNDONE, note=None, reviewer=reviewer, at=now or utc_now()
        )
    )
    session.flush()
    return True


def review_of(session: Session, story_id: int) -> StoryReview | None:
    return session.get(StoryReview, story_id)


def history(session: Session, story_id: int) -> list[ReviewEvent]:
    """Who marked what and when, oldest first."""
    query = select(ReviewEvent).where(ReviewEvent.story_id == story_id).order_by(ReviewEvent.id)
    return list(session.scalars(query))


def move_reviews(session: Session, folded: Sequence[int], survivor: int) -> None:
    """Stories ``folded`` were merged into ``survivor``: it keeps the weightiest decision of them all and
    every note, and their history becomes its history."""
    reviews = list(session.scalars(select(StoryReview).where(StoryReview.story_id.in_([survivor, *folded]))))
    if reviews:
        best = max(reviews, key=lambda r: (_WEIGHT.get(r.status, 0), r.updated_at))
        notes = [r.note for r in sorted(reviews, key=lambda r: r.updated_at) if r.note]
        kept = session.get(StoryReview, survivor)
        if kept is None:
            kept = StoryReview(story_id=survivor)
            session.add(kept)
        kept.status, kept.reviewer, kept.updated_at = best.status, best.reviewer, best.updated_at
        kept.note = "\n".join(dict.fromkeys(notes))
        session.get_one(Story, survivor).review_status = best.status
        for review in reviews:
            if review.story_id != survivor:
                session.delete(review)
    moved = select(ReviewEvent).where(ReviewEvent.story_id.in_(list(folded)))
    for event in session.scalars(moved):
        event.story_id = survivor
    session.flush()
