"""The review application: server-rendered pages (Jinja2) and the JSON API they share with scripts.

Every page and API call goes through storage.review / storage.articles, the functions `forumwatch
review` uses too: the web layer holds no business logic of its own.
"""

from __future__ import annotations

import secrets
import threading
import time
from collections import Counter, OrderedDict
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, tzinfo
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import Depends, FastAPI, Form, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response, StreamingResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from pydantic import BaseModel, Field
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session
from starlette.middleware.sessions import SessionMiddleware

from review.exports import MEDIA_TYPES, ExportFormat, atom_chunks, export_chunks, export_rows
from review.render import clean_html, highlight, local_time, safe_url, zone_label
from review.security import CSRF_FIELD, Access, SecurityHeaders, check_csrf, csrf_token, current_user
from storage.articles import StoryView, list_stories, story_json
from storage.models import Article, Story
from storage.review import (
    DECISIONS,
    InboxFilter,
    ReviewBefore,
    decided_from,
    history,
    inbox,
    inbox_row_json,
    mark,
    matched_aliases,
    restore_review,
    review_of,
    reviews_before,
    set_note,
    stories_per_day,
)

HERE = Path(__file__).parent
PAGE_SIZE = 50
CHART_DAYS = 90
ATOM_ENTRIES = 100  # the newest relevant stories a feed reader sees
# A decision made on the page can be undone for this long (the toast offers it on the next page), and the
# server remembers this many of them: enough for a team's morning, small enough to forget.
UNDO_SECONDS = 15 * 60
UNDO_KEPT = 1000
TOAST_TITLE_CHARACTERS = 60
Status = Literal["new", "relevant", "dismissed", "later", "all"]


class NotSignedInError(Exception):
    pass


def create_app(engine: Engine, access: Access, zone: tzinfo = UTC, secure_cookies: bool = False) -> FastAPI:
    """The review app. ``zone`` is the reader's (`[ui] timezone`, else the machine's): every time is shown
    in it with its name, and the date filters and the chart's days are its days."""
    app = FastAPI(
        title="forumwatch review",
        version="1",
        description="Review stories found by forumwatch: the inbox, stories, decisions, exports.",
        docs_url=None,  # Swagger UI loads script from a CDN, which the CSP forbids; the schema stays
        redoc_url=None,
        openapi_url=None,  # served below, behind sign-in like every other page
    )
    app.state.engine, app.state.access, app.state.zone = engine, access, zone
    undo_log = UndoLog()
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
    # "local": under a heading that names the zone; "labelled": on its own, with the zone's name after it.
    templates.env.filters["local"] = lambda value: local_time(value, zone)
    templates.env.filters["labelled"] = lambda value: local_time(value, zone, labelled=True)
    templates.env.globals["zone_name"] = zone_label(zone)

    @app.exception_handler(NotSignedInError)
    async def _sign_in_first(request: Request, _error: NotSignedInError) -> Response:
        if request.url.path.startswith("/api/") or request.url.path.endswith((".csv", ".jsonl")):
            return JSONResponse({"detail": "sign in first (or send Authorization: Bearer <token>)"}, 401)
        return RedirectResponse(f"/signin?next={request.url.path}", status_code=303)

    def page(request: Request, name: str, nav: str | None = None, **context: Any) -> HTMLResponse:
        """A page; ``nav`` is the menu entry it is (a status, "chart"), marked as the current page."""
        context.update(
            request=request,
            csrf_field=CSRF_FIELD,
            csrf=csrf_token(request),
            user=current_user(request, access),
            open_access=access.is_open,
            nav=nav,
            toast=request.session.pop("toast", None),
        )
        return templates.TemplateResponse(request, name, context)

    def decide(
        request: Request,
        db: Session,
        ids: list[int],
        decision: str | None,
        note: str | None,
        who: str,
        back: str,
    ) -> None:
        """A decision made on the page: applied, and told in a toast on the next page, with an Undo button
        that puts back the reviews as they were."""
        if not decision:
            _apply(db, ids, decision, note, who)
            db.commit()
            _toast(request, "Note saved.")
            return
        before = _apply_undoably(db, ids, decision, note, who)
        db.commit()
        if not before:
            _toast(
                request, "Nothing marked: no story selected." if not ids else "Nothing marked: no such story."
            )
            return
        key = undo_log.add(_Undoable(csrf_token(request), who, before, back, time.monotonic() + UNDO_SECONDS))
        _toast(request, f"{_stories_named(db, before)} marked {decision}.", undo=key)

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
            nav=filters.status,
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
        request: Request,
        story_id: int,
        db: Db,
        who: User,
        decision: Annotated[str, Form()] = "",
        note: Annotated[str | None, Form()] = None,
        go: Annotated[str, Form()] = "next",
    ) -> Response:
        decide(request, db, [story_id], decision or None, note, who, back=f"/stories/{story_id}")
        after = inbox(db, InboxFilter(), limit=1).rows
        if go == "next" and after:
            return RedirectResponse(f"/stories/{after[0].story_id}", status_code=303)
        return RedirectResponse("/" if go != "stay" else f"/stories/{story_id}", status_code=303)

    @app.post("/review", include_in_schema=False, dependencies=[Depends(csrf)])
    async def review_bulk(request: Request, db: Db, who: User) -> Response:
        form = await request.form()
        ids = [int(str(v)) for v in form.getlist("story_id") if str(v).isdigit()]
        back = _local_path(str(form.get("back") or "/"))
        decide(request, db, ids, str(form.get("decision") or ""), None, who, back=back)
        return RedirectResponse(back, status_code=303)

    @app.post("/review/undo", include_in_schema=False, dependencies=[Depends(csrf)])
    def undo_decision(request: Request, db: Db, who: User, undo: Annotated[str, Form()]) -> Response:
        """Put back the reviews a decision of this session changed, unless someone decided again since."""
        done = undo_log.take(undo, csrf_token(request), who)
        if done is None:
            raise HTTPException(404, "nothing to undo: undone already, too old, or not this session's")
        restored = [before for before in done.stories if restore_review(db, before, who)]
        db.commit()
        kept = len(done.stories) - len(restored)
        message = f"Undone: {_stories_named(db, restored)} back as before." if restored else "Not undone."
        if kept:
            message += f" {kept} decided again since: left as {'they are' if kept > 1 else 'it is'}."
        _toast(request, message)
        return RedirectResponse(done.back, status_code=303)

    @app.get("/chart", response_class=HTMLResponse, include_in_schema=False)
    def chart_page(request: Request, db: Db, who: User) -> HTMLResponse:
        return page(request, "chart.html", nav="chart", chart=_chart(db, zone))

    # ------------------------------------------------------------------------------ exports
    def export(format_name: ExportFormat, db: Session, filters: InboxFilter) -> StreamingResponse:
        rows = export_rows(db, filters, zone)  # raises ValueError now for an empty search, not mid-stream
        name = f"forumwatch-stories.{format_name}"
        headers = {"Content-Disposition": f'attachment; filename="{name}"'}
        return StreamingResponse(
            export_chunks(format_name, rows), media_type=MEDIA_TYPES[format_name], headers=headers
        )

    @app.get("/export.csv", tags=["exports"], summary="The current filter's stories as CSV")
    def export_csv(db: Db, who: User, filters: Filters) -> StreamingResponse:
        return export("csv", db, filters)

    @app.get("/export.jsonl", tags=["exports"], summary="The current filter's stories as JSON Lines")
    def export_jsonl(db: Db, who: User, filters: Filters) -> StreamingResponse:
        return export("jsonl", db, filters)

    @app.get("/feed.atom", tags=["exports"], summary="Relevant stories as an Atom feed")
    def atom_feed(request: Request, db: Db, key: str = "") -> Response:
        """The stories marked relevant, newest first, each entry linking to its article (not to this
        page, which a feed reader cannot sign in to)."""
        if not access.is_open and not secrets.compare_digest(key, access.feed_key()):
            raise HTTPException(401, "the feed's key is missing or wrong: copy the feed link from the inbox")
        rows = list(export_rows(db, InboxFilter(status="relevant"), zone, limit=ATOM_ENTRIES))
        # No self link: the feed's address carries its key, which must not travel inside the document.
        body = b"".join(atom_chunks(rows, title="forumwatch: relevant stories", zone=zone))
        return Response(body, media_type=MEDIA_TYPES["atom"])

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
        db.commit()
        return {"story_id": story_id, "status": body.decision}

    @app.post("/api/reviews", tags=["review"], dependencies=[Depends(csrf)])
    def api_bulk_review(body: BulkReviewBody, db: Db, who: User) -> dict[str, Any]:
        marked = _apply(db, body.story_ids, body.decision, None, who)
        db.commit()
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
    """Decide on the stories, or set the first one's note; the ids of those that exist. The caller commits."""
    if decision:
        if decision not in DECISIONS:
            raise HTTPException(400, f"not a review decision: {decision!r}")
        marked = mark(db, ids, decision, who, note=note or None)  # type: ignore[arg-type]
    elif note is not None and ids:
        set_note(db, ids[0], note, who)
        marked = ids[:1]
    else:
        raise HTTPException(400, "say relevant, dismissed or later, or give a note")
    return marked


@dataclass(frozen=True)
class _Undoable:
    session: str  # the session's CSRF token: another browser cannot undo it, even under the same name
    reviewer: str
    stories: list[ReviewBefore]
    back: str  # where the page was
    expires: float  # time.monotonic()


class UndoLog:
    """Decisions made on the page that may still be undone. In memory: a restart forgets them, and the
    toast that offered the undo is long gone by then; the session cookie would be too small for a page of
    stories with their notes."""

    def __init__(self) -> None:
        self._entries: OrderedDict[str, _Undoable] = OrderedDict()
        self._lock = threading.Lock()  # routes run in a thread pool

    def add(self, entry: _Undoable) -> str:
        key = secrets.token_urlsafe(12)
        with self._lock:
            self._entries[key] = entry
            while len(self._entries) > UNDO_KEPT:
                self._entries.popitem(last=False)
        return key

    def take(self, key: str, session: str, reviewer: str) -> _Undoable | None:
        """The entry, once, to the session and reviewer that made it, while it is fresh; else None."""
        with self._lock:
            entry = self._entries.get(key)
            if entry is not None and entry.expires < time.monotonic():
                del self._entries[key]
                return None
            if (
                entry is None
                or entry.reviewer != reviewer
                or not secrets.compare_digest(entry.session, session)
            ):
                return None
            return self._entries.pop(key)


def _apply_undoably(
    db: Session, ids: list[int], decision: str, note: str | None, who: str
) -> list[ReviewBefore]:
    """:func:`_apply` a decision; each marked story's review as it was before. The caller commits."""
    earlier = reviews_before(db, ids)
    marked = _apply(db, ids, decision, note, who)
    return decided_from(db, earlier, marked, who)


def _stories_named(db: Session, stories: list[ReviewBefore]) -> str:
    """ "“<title>”" for one story, "3 stories" for more."""
    if len(stories) != 1:
        return f"{len(stories)} stories"
    title = db.get_one(Story, stories[0].story_id).title
    if len(title) > TOAST_TITLE_CHARACTERS:
        title = title[: TOAST_TITLE_CHARACTERS - 1] + "…"
    return f"“{title}”"


def _toast(request: Request, text: str, undo: str | None = None) -> None:
    """A message for the next page the session sees (the redirect's target), with the key of an undo."""
    request.session["toast"] = {"text": text, "undo": undo}


def _story(db: Session, story_id: int) -> tuple[StoryView, Article | None]:
    found = list_stories(db, story_ids=[story_id])
    if not found:
        raise HTTPException(404, f"no story {story_id}")
    story = found[0]
    head = db.get(Article, story.head.id) if story.head else None
    return story, head


def _local_path(target: str) -> str:
    """Only paths of this site: a crafted ?next= must not send people elsewhere."""
    return target if target.startswith("/") and not target.startswith("//") and "\\" not in target else "/"


def _chart(db: Session, zone: tzinfo) -> dict[str, Any]:
    """Stories per day by their head's publication date, the last CHART_DAYS days of ``zone`` including
    the empty ones: numbers the template draws as SVG bars (no script needed) and tells in words."""
    today = datetime.now(zone).date()
    days = [today - timedelta(days=n) for n in range(CHART_DAYS - 1, -1, -1)]
    start = datetime.combine(days[0], datetime.min.time(), zone)
    end = datetime.combine(today + timedelta(days=1), datetime.min.time(), zone)
    heads = select(Article.published_at).where(
        Article.is_head.is_(True), Article.published_at >= start, Article.published_at < end
    )
    per_day = Counter(moment.astimezone(zone).date() for moment in db.scalars(heads) if moment)
    undated = select(func.count()).select_from(Article).join(Story, Story.id == Article.story_id)
    undated = undated.where(
        Article.is_head.is_(True), Article.published_at.is_(None), Story.created_at >= start
    )
    counts = [(day.isoformat(), per_day[day]) for day in days]
    busiest = max(counts, key=lambda day_count: day_count[1])
    return {
        "days": counts,
        "total": sum(per_day[day] for day in days),
        "top": max(busiest[1], 1),
        "busiest": busiest,
        "empty_days": sum(1 for _day, count in counts if not count),
        "undated": db.scalar(undated) or 0,
    }
