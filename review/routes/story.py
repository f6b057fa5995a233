"""A story's page: its head article's text with the matched aliases highlighted, its copies, its review
and history; and the decision taken on it."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from review.dependencies import Db, Decisions, csrf_checked, signed_in, story_with_head
from review.pages import render_page
from review.render import clean_html, highlight, safe_url
from storage.inbox import InboxFilter, inbox, matched_aliases
from storage.review import DECISIONS, history, review_of

router = APIRouter(dependencies=[Depends(csrf_checked), Depends(signed_in)])


@router.get("/stories/{story_id}", response_class=HTMLResponse, include_in_schema=False)
def story_page(request: Request, story_id: int, db: Db) -> HTMLResponse:
    story, head = story_with_head(db, story_id)
    aliases = matched_aliases(db, story_id)
    following = inbox(db, InboxFilter(), limit=2).rows
    next_id = next((row.story_id for row in following if row.story_id != story_id), None)
    return render_page(
        request,
        "story.html",
        story=story,
        head=head,
        paragraphs=[highlight(p, aliases) for p in (head.text.split("\n") if head else [])],
        formatted=clean_html(head.html) if head is not None and head.html else None,
        copies=[(copy, safe_url(copy.url)) for copy in story.articles],
        review=review_of(db, story_id),
        events=history(db, story_id),
        next_id=next_id,
        decisions=DECISIONS,
    )


@router.post("/stories/{story_id}/review", include_in_schema=False)
def review_form(
    story_id: int,
    db: Db,
    decisions: Decisions,
    decision: Annotated[str, Form()] = "",
    note: Annotated[str | None, Form()] = None,
    go: Annotated[str, Form()] = "next",
) -> Response:
    decisions.decide([story_id], decision or None, note, back=f"/stories/{story_id}")
    after = inbox(db, InboxFilter(), limit=1).rows
    if go == "next" and after:
        return RedirectResponse(f"/stories/{after[0].story_id}", status_code=303)
    return RedirectResponse("/" if go != "stay" else f"/stories/{story_id}", status_code=303)
