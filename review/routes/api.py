"""The JSON API, for scripts (``Authorization: Bearer <token>``) and the page's own script: the inbox, a
story, decisions, the chart's numbers, and the OpenAPI schema that describes them."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, FastAPI, HTTPException, Query, Request
from pydantic import BaseModel, Field

from review.decisions import apply_decision
from review.dependencies import Db, Filters, Reviewer, csrf_checked, signed_in, story_with_head
from review.routes.chart import CHART_DAYS
from review.routes.inbox import PAGE_SIZE
from storage.articles import story_json
from storage.inbox import inbox, inbox_row_json, stories_per_day
from storage.review import history, review_of

router = APIRouter(dependencies=[Depends(csrf_checked), Depends(signed_in)])


class ReviewBody(BaseModel):
    decision: Literal["relevant", "dismissed", "later"] | None = None
    note: Annotated[str | None, Field(max_length=5000)] = None


class BulkReviewBody(BaseModel):
    story_ids: Annotated[list[int], Field(min_length=1, max_length=500)]
    decision: Literal["relevant", "dismissed", "later"]


@router.get("/api/stories", tags=["stories"], summary="The inbox: stories newest first, one per story")
def api_stories(
    db: Db,
    filters: Filters,
    after: str | None = None,
    limit: Annotated[int, Query(ge=1, le=500)] = PAGE_SIZE,
) -> dict[str, Any]:
    try:
        found = inbox(db, filters, limit=limit, after=after)
    except ValueError as error:
        raise HTTPException(400, str(error)) from None
    return {"stories": [inbox_row_json(row) for row in found.rows], "next": found.next_cursor}


@router.get("/api/stories/{story_id}", tags=["stories"], summary="One story with its copies and review")
def api_story(story_id: int, db: Db) -> dict[str, Any]:
    story, head = story_with_head(db, story_id)
    review = review_of(db, story_id)
    return story_json(story) | {
        "text": head.text if head else "",
        "review": {"status": review.status if review else "new", "note": review.note if review else ""},
        "history": [
            {"status": e.status, "note": e.note, "reviewer": e.reviewer, "at": e.at.isoformat()}
            for e in history(db, story_id)
        ],
    }


@router.post("/api/stories/{story_id}/review", tags=["review"])
def api_review(story_id: int, body: ReviewBody, db: Db, reviewer: Reviewer) -> dict[str, Any]:
    story_with_head(db, story_id)
    apply_decision(db, [story_id], body.decision, body.note, reviewer)
    db.commit()
    return {"story_id": story_id, "status": body.decision}


@router.post("/api/reviews", tags=["review"])
def api_bulk_review(body: BulkReviewBody, db: Db, reviewer: Reviewer) -> dict[str, Any]:
    marked = apply_decision(db, body.story_ids, body.decision, None, reviewer)
    db.commit()
    return {"marked": marked, "status": body.decision}


@router.get("/api/openapi.json", include_in_schema=False)
def openapi(request: Request) -> dict[str, Any]:
    app: FastAPI = request.app
    return app.openapi()


@router.get("/api/chart", tags=["stories"], summary="New stories per day and topic, last 90 days")
def api_chart(db: Db) -> dict[str, Any]:
    since = datetime.now(UTC) - timedelta(days=CHART_DAYS)
    return {"days": [vars(c) for c in stories_per_day(db, since)]}
