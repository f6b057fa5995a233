"""The review application: server-rendered pages (Jinja2) and the JSON API they share with scripts.

Every page and API call goes through storage.review / storage.articles, the functions `forumwatch
review` uses too: the web layer holds no business logic of its own.
"""

from __future__ import annotations

import csv
import io
import json
import secrets
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta, tzinfo
from pathlib import Path
from typing import Annotated, Any, Literal
from xml.sax.saxutils import escape as xml_escape

from fastapi import Depends, FastAPI, Form, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response, StreamingResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from pydantic import BaseModel, Field
from sqlalchemy import Engine
from sqlalchemy.orm import Session
from starlette.middleware.sessions import SessionMiddleware

from review.render import clean_html, highlight, safe_url
from review.security import CSRF_FIELD, Access, SecurityHeaders, check_csrf, csrf_token, current_user
from storage.articles import StoryView, list_stories, story_json
from storage.models import Article
from storage.review import (
    DECISIONS,
    InboxFilter,
    InboxRow,
    history,
    inbox,
    inbox_row_json,
    inbox_rows,
    mark,
    matched_aliases,
    review_of,
    set_note,
    stories_per_day,
)

HERE = Path(__file__).parent
PAGE_SIZE = 50
CHART_DAYS = 90
Status = Literal["new", "relevant", "dismissed", "later", "all"]


class NotSignedInError(Exception):
    pass


def create_app(engine: Engine, access: Access, zone: tzinfo = UTC, secure_cookies: bool = False) -> FastAPI:
    app = FastAPI(
        title="forumwatch review",
        version="1",
        description="Review stories found by forumwatch: the inbox, stories, decisions, exports.",
        docs_url=None,  # Swagger UI loads script from a CDN, which the CSP forbids; the schema stays
        redoc_url=None,
        openapi_url=None,  # served below, behind sign-in like every other page
    )
    app.state.engine, app.state.access, app.state.zone = engine, access, zone
    app.add_middleware(SecurityHeaders)
    app.add_middleware(
        SessionMiddleware,
        # A new key per start when open; derived from the token otherwise, so a restart keeps sessions.
        secret_key=access.feed_key() + (access.token or secrets.token_hex(32)),
        session_cookie="forumwatch_session",
        same_site="strict",
        https_only=secure_cookies,
        max_age=14 * 24 * 3600,
    )
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    templates = Jinja2Templates(directory=HERE / "templates")
    templates.env.filters["local"] = lambda value: (
        value.astimezone(zone).strftime("%Y-%m-%d %H:%M") if value else ""
    )

    @app.exception_handler(NotSignedInError)
    async def _sign_in_first(request: Request, _error: NotSignedInError) -> Response:
        if request.url.path.startswith("/api/") or request.url.path.endswith((".csv", ".jsonl")):
            return JSONResponse({"detail": "sign in first (or send Authorization: Bearer <token>)"}, 401)
        return RedirectResponse(f"/signin?next={request.url.path}", status_code=303)

    def page(request: Request, name: str, **context: Any) -> HTMLResponse:
        context.update(
            request=request,
            csrf_field=CSRF_FIELD,
            csrf=csrf_token(request),
            user=current_user(request, access),
            open_access=access.is_open,
        )
        return templates.TemplateResponse(request, name, context)

    # ------------------------------------------------------------------------------ sign-in
    @app.get("/signin", response_class=HTMLResponse, include_in_schema=False)
    def signin_form(request: Request, next: str = "/") -> HTMLResponse:
        return page(request, "signin.html", next=_local_path(next), error=None)

    @app.post("/signin", include_in_schema=False, dependencies=[Depends(csrf)])
    def signin(
        request: Request,
        name: Annotated[str, Form()],
        token: Annotated[str, Form()],
        next: Annotated[str, Form()] = "/",
    ) -> Response:
        if access.is_open or access.token_matches(token):
            request.session.clear()
            request.session["user"] = name.strip()[:100] or "reviewer"
            return RedirectResponse(_local_path(next), status_code=303)
        response = page(request, "signin.html", next=_local_path(next), error="That token is not right.")
        response.status_code = 401
        return response

    @app.post("/signout", include_in_schema=False, dependencies=[Depends(csrf)])
    def signout(request: Request) -> Response:
        request.session.clear()
        return RedirectResponse("/signin", status_code=303)

    # ------------------------------------------------------------------------------ pages
    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def inbox_page(
        request: Request, db: Db, who: User, filters: Filters, after: str | None = None
    ) -> HTMLResponse:
        try:
            found = inbox(db, filters, limit=PAGE_SIZE, after=after)
        except ValueError as error:
            raise HTTPException(400, str(error)) from None
        query = {k: v for k, v in request.query_params.items() if k != "after"}
        return page(
            request,
            "inbox.html",
            page=found,
            filters=filters,
            query=query,
            feed_key=access.feed_key(),
            decisions=DECISIONS,
        )

    @app.get("/stories/{story_id}", response_class=HTMLResponse, include_in_schema=False)
    def story_page(request: Request, story_id: int, db: Db, who: User) -> HTMLResponse:
        story, head = _story(db, story_id)
        aliases = matched_aliases(db, story_id)
        following = inbox(db, InboxFilter(), limit=2).rows
        next_id = next((row.story_id for row in following if row.story_id != story_id), None)
        return page(
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

    @app.post("/stories/{story_id}/review", include_in_schema=False, dependencies=[Depends(csrf)])
    def review_form(
        story_id: int,
        db: Db,
        who: User,
        decision: Annotated[str, Form()] = "",
        note: Annotated[str | None, Form()] = None,
        go: Annotated[str, Form()] = "next",
    ) -> Response:
        _apply(db, [story_id], decision or None, note, who)
        after = inbox(db, InboxFilter(), limit=1).rows
        if go == "next" and after:
            return RedirectResponse(f"/stories/{after[0].story_id}", status_code=303)
        return RedirectResponse("/" if go != "stay" else f"/stories/{story_id}", status_code=303)

    @app.post("/review", include_in_schema=False, dependencies=[Depends(csrf)])
    async def review_bulk(request: Request, db: Db, who: User) -> Response:
        form = await request.form()
        ids = [int(str(v)) for v in form.getlist("story_id") if str(v).isdigit()]
        _apply(db, ids, str(form.get("decision") or ""), None, who)
        back = str(form.get("back") or "/")
        return RedirectResponse(_local_path(back), status_code=303)

    @app.get("/chart", response_class=HTMLResponse, include_in_schema=False)
    def chart_page(request: Request, db: Db, who: User) -> HTMLResponse:
        return page(request, "chart.html", chart=_chart(db, zone))

    # ------------------------------------------------------------------------------ exports
    @app.get("/export.csv", tags=["exports"], summary="The current filter's stories as CSV")
    def export_csv(db: Db, who: User, filters: Filters) -> StreamingResponse:
        def rows() -> Iterator[str]:
            out = io.StringIO()
            writer = csv.writer(out)
            writer.writerow(
                [
                    "story_id",
                    "title",
                    "outlet",
                    "copies",
                    "outlets",
                    "topics",
                    "kind",
                    "event_start",
                    "first_seen",
                    "status",
                    "note",
                ]
            )
            for row in inbox_rows(db, filters):
                writer.writerow(
                    [
                        row.story_id,
                        row.title,
                        row.outlet or "",
                        row.copies,
                        row.outlets,
                        ";".join(row.topics),
                        row.kind or "",
                        row.event_start or "",
                        row.first_seen.isoformat(),
                        row.status or "new",
                        row.note,
                    ]
                )
                yield out.getvalue()
                out.seek(0)
                out.truncate()
            yield out.getvalue()

        headers = {"Content-Disposition": 'attachment; filename="forumwatch-stories.csv"'}
        return StreamingResponse(_with_bom(rows()), media_type="text/csv; charset=utf-8", headers=headers)

    @app.get("/export.jsonl", tags=["exports"], summary="The current filter's stories as JSON Lines")
    def export_jsonl(db: Db, who: User, filters: Filters) -> StreamingResponse:
        lines = (
            json.dumps(inbox_row_json(row), ensure_ascii=False) + "\n" for row in inbox_rows(db, filters)
        )
        headers = {"Content-Disposition": 'attachment; filename="forumwatch-stories.jsonl"'}
        return StreamingResponse(lines, media_type="application/x-ndjson; charset=utf-8", headers=headers)

    @app.get("/feed.atom", tags=["exports"], summary="Relevant stories as an Atom feed")
    def atom_feed(request: Request, db: Db, key: str = "") -> Response:
        if not access.is_open and not secrets.compare_digest(key, access.feed_key()):
            raise HTTPException(401, "the feed's key is missing or wrong: copy the feed link from the inbox")
        rows = inbox(db, InboxFilter(status="relevant"), limit=100).rows
        return Response(_atom(rows, str(request.base_url)), media_type="application/atom+xml; charset=utf-8")

    # ------------------------------------------------------------------------------ JSON API
    @app.get("/api/stories", tags=["stories"], summary="The inbox: stories newest first, one per story")
    def api_stories(
        db: Db,
        who: User,
        filters: Filters,
        after: str | None = None,
        limit: Annotated[int, Query(ge=1, le=500)] = PAGE_SIZE,
    ) -> dict[str, Any]:
        try:
            found = inbox(db, filters, limit=limit, after=after)
        except ValueError as error:
            raise HTTPException(400, str(error)) from None
        return {"stories": [inbox_row_json(row) for row in found.rows], "next": found.next_cursor}

    @app.get("/api/stories/{story_id}", tags=["stories"], summary="One story with its copies and review")
    def api_story(story_id: int, db: Db, who: User) -> dict[str, Any]:
        story, head = _story(db, story_id)
        review = review_of(db, story_id)
        return story_json(story) | {
            "text": head.text if head else "",
            "review": {"status": review.status if review else "new", "note": review.note if review else ""},
            "history": [
                {"status": e.status, "note": e.note, "reviewer": e.reviewer, "at": e.at.isoformat()}
                for e in history(db, story_id)
            ],
        }

    @app.post("/api/stories/{story_id}/review", tags=["review"], dependencies=[Depends(csrf)])
    def api_review(story_id: int, body: ReviewBody, db: Db, who: User) -> dict[str, Any]:
        _story(db, story_id)
        _apply(db, [story_id], body.decision, body.note, who)
        return {"story_id": story_id, "status": body.decision}

    @app.post("/api/reviews", tags=["review"], dependencies=[Depends(csrf)])
    def api_bulk_review(body: BulkReviewBody, db: Db, who: User) -> dict[str, Any]:
        marked = _apply(db, body.story_ids, body.decision, None, who)
        return {"marked": marked, "status": body.decision}

    @app.get("/api/openapi.json", include_in_schema=False)
    def openapi(who: User) -> dict[str, Any]:
        return app.openapi()

    @app.get("/api/chart", tags=["stories"], summary="New stories per day and topic, last 90 days")
    def api_chart(db: Db, who: User) -> dict[str, Any]:
        since = datetime.now(UTC) - timedelta(days=CHART_DAYS)
        return {"days": [vars(c) for c in stories_per_day(db, since)]}

    return app


def _session(request: Request) -> Iterator[Session]:
    with Session(request.app.state.engine) as db:
        yield db


def _user(request: Request) -> str:
    found = current_user(request, request.app.state.access)
    if found is None:
        raise NotSignedInError
    return found


async def csrf(request: Request) -> None:
    await check_csrf(request, request.app.state.access)


def _filters(
    request: Request,
    status: Status = "new",
    topic: str | None = None,
    source: str | None = None,
    kind: str | None = None,
    since: date | None = None,
    until: date | None = None,
    q: str | None = None,
) -> InboxFilter:
    zone: tzinfo = request.app.state.zone

    def start_of(day: date | None) -> datetime | None:
        return datetime.combine(day, datetime.min.time(), zone) if day else None

    return InboxFilter(
        status=status,
        topic=topic or None,
        source=source or None,
        kind=kind or None,
        since=start_of(since),
        until=start_of(until + timedelta(days=1)) if until else None,
        query=q if q and q.strip() else None,
    )


Db = Annotated[Session, Depends(_session)]
User = Annotated[str, Depends(_user)]
Filters = Annotated[InboxFilter, Depends(_filters)]


class ReviewBody(BaseModel):
    decision: Literal["relevant", "dismissed", "later"] | None = None
    note: Annotated[str | None, Field(max_length=5000)] = None


class BulkReviewBody(BaseModel):
    story_ids: Annotated[list[int], Field(min_length=1, max_length=500)]
    decision: Literal["relevant", "dismissed", "later"]


def _apply(db: Session, ids: list[int], decision: str | None, note: str | None, who: str) -> list[int]:
    if decision:
        if decision not in DECISIONS:
            raise HTTPException(400, f"not a review decision: {decision!r}")
        marked = mark(db, ids, decision, who, note=note or None)  # type: ignore[arg-type]
    elif note is not None and ids:
        set_note(db, ids[0], note, who)
        marked = ids[:1]
    else:
        raise HTTPException(400, "say relevant, dismissed or later, or give a note")
    db.commit()
    return marked


def _story(db: Session, story_id: int) -> tuple[StoryView, Article | None]:
    found = list_stories(db, story_ids=[story_id])
    if not found:
        raise HTTPException(404, f"no story {story_id}")
    story = found[0]
    head = db.get(Article, story.head.id) if story.head else None
    return story, head


def _with_bom(chunks: Iterator[str]) -> Iterator[str]:
    yield "\ufeff"  # so that spreadsheet programs read the UTF-8 Chinese titles as such
    yield from chunks


def _local_path(target: str) -> str:
    """Only paths of this site: a crafted ?next= must not send people elsewhere."""
    return target if target.startswith("/") and not target.startswith("//") and "\\" not in target else "/"


def _atom(rows: list[InboxRow], base: str) -> str:
    updated = max((row.first_seen for row in rows), default=datetime.now(UTC)).isoformat()
    entries = "".join(
        f"<entry><id>{xml_escape(base)}stories/{row.story_id}</id><title>{xml_escape(row.title)}</title>"
        f'<link href="{xml_escape(base)}stories/{row.story_id}"/><updated>{row.first_seen.isoformat()}</updated>'
        f"<summary>{xml_escape(' · '.join(filter(None, [row.outlet, ', '.join(row.topics), row.note])))}</summary>"
        "</entry>"
        for row in rows
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        f"<id>{xml_escape(base)}feed.atom</id><title>forumwatch: relevant stories</title>"
        f"<updated>{updated}</updated>{entries}</feed>"
    )


def _chart(db: Session, zone: tzinfo) -> dict[str, Any]:
    """Bars per day, one series per topic, as numbers the template draws in SVG (no script needed)."""
    today = datetime.now(UTC).date()
    days = [today - timedelta(days=n) for n in range(CHART_DAYS - 1, -1, -1)]
    counts = stories_per_day(db, datetime.combine(days[0], datetime.min.time(), UTC))
    topics = sorted({c.topic for c in counts})
    by_day: dict[str, dict[str, int]] = {}
    for c in counts:
        by_day.setdefault(c.day, {})[c.topic] = c.stories
    top = max((sum(v.values()) for v in by_day.values()), default=0)
    return {"days": [d.isoformat() for d in days], "topics": topics, "by_day": by_day, "top": max(top, 1)}
