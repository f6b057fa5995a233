"""The inbox (the stories of a filter, newest first), its decisions in bulk, and the toast's Undo."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from review.dependencies import AccessSettings, Db, Decisions, Filters, csrf_checked, signed_in
from review.pages import local_path, render_page
from storage.inbox import inbox
from storage.review import DECISIONS

PAGE_SIZE = 50

router = APIRouter(dependencies=[Depends(csrf_checked), Depends(signed_in)])


@router.get("/", response_class=HTMLResponse, include_in_schema=False)
def inbox_page(
    request: Request, db: Db, access: AccessSettings, filters: Filters, after: str | None = None
) -> HTMLResponse:
    try:
        found = inbox(db, filters, limit=PAGE_SIZE, after=after)
    except ValueError as error:
        raise HTTPException(400, str(error)) from None
    query = {k: v for k, v in request.query_params.items() if k != "after"}
    return render_page(
        request,
        "inbox.html",
        page=found,
        filters=filters,
        query=query,
        nav=filters.status,
        feed_key=access.feed_key(),
        decisions=DECISIONS,
    )


@router.post("/review", include_in_schema=False)
async def review_bulk(request: Request, decisions: Decisions) -> Response:
    form = await request.form()
    ids = [int(str(v)) for v in form.getlist("story_id") if str(v).isdigit()]
    back = local_path(str(form.get("back") or "/"))
    decisions.decide(ids, str(form.get("decision") or ""), None, back=back)
    return RedirectResponse(back, status_code=303)


@router.post("/review/undo", include_in_schema=False)
def undo_decision(decisions: Decisions, undo: Annotated[str, Form()]) -> Response:
    """Put back the reviews a decision of this session changed, unless someone decided again since."""
    return RedirectResponse(decisions.undo(undo), status_code=303)
