"""What routes take from the request: the app's state (database, access settings, the reader's zone, the
undo log), the signed-in reviewer, the inbox filters of the query string; and the guards routers carry.

Every router carries its guards as router-level dependencies, CSRF first (as each change was checked
before anything else), then sign-in (or, for the Atom feed, its key)::

    router = APIRouter(dependencies=[Depends(csrf_checked), Depends(signed_in)])

so that a route added to a router cannot skip them. A route that needs the reviewer takes ``Reviewer``:
FastAPI caches a dependency per request, so that is the guard's answer, not a second check.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, timedelta, tzinfo
from typing import Annotated, Literal

from fastapi import Depends, HTTPException, Request
from sqlalchemy.orm import Session

from review.decisions import PageDecisions, UndoLog
from review.security import Access, NotSignedInError, check_csrf, current_user
from storage.articles import StoryView, list_stories
from storage.inbox import InboxFilter
from storage.models import Article

Status = Literal["new", "relevant", "dismissed", "later", "all"]


def database_session(request: Request) -> Iterator[Session]:
    with Session(request.app.state.engine) as db:
        yield db


def access_settings(request: Request) -> Access:
    access: Access = request.app.state.access
    return access


def reader_zone(request: Request) -> tzinfo:
    zone: tzinfo = request.app.state.zone
    return zone


def undo_log(request: Request) -> UndoLog:
    log: UndoLog = request.app.state.undo_log
    return log


Db = Annotated[Session, Depends(database_session)]
AccessSettings = Annotated[Access, Depends(access_settings)]
Zone = Annotated[tzinfo, Depends(reader_zone)]


async def csrf_checked(request: Request, access: AccessSettings) -> None:
    """Guard: a change made with the session cookie carries the session's CSRF token."""
    await check_csrf(request, access)


def signed_in(request: Request, access: AccessSettings) -> str:
    """Guard: the signed-in reviewer's name; refused (see security.refuse_anonymous) when there is none."""
    found = current_user(request, access)
    if found is None:
        raise NotSignedInError
    return found


Reviewer = Annotated[str, Depends(signed_in)]


def page_decisions(
    request: Request, db: Db, log: Annotated[UndoLog, Depends(undo_log)], reviewer: Reviewer
) -> PageDecisions:
    return PageDecisions(request, db, log, reviewer)


Decisions = Annotated[PageDecisions, Depends(page_decisions)]


def inbox_filters(
    zone: Zone,
    status: Status = "new",
    topic: str | None = None,
    source: str | None = None,
    kind: str | None = None,
    since: date | None = None,
    until: date | None = None,
    q: str | None = None,
) -> InboxFilter:
    """The query string's filters; ``since`` and ``until`` are whole days of the reader's zone."""

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


Filters = Annotated[InboxFilter, Depends(inbox_filters)]


def story_with_head(db: Session, story_id: int) -> tuple[StoryView, Article | None]:
    """The story and its head article, or a 404. Called, not a dependency: a change's body is validated
    before the story is looked up (a bad body answers 422 even for a missing story)."""
    found = list_stories(db, story_ids=[story_id])
    if not found:
        raise HTTPException(404, f"no story {story_id}")
    story = found[0]
    head = db.get(Article, story.head.id) if story.head else None
    return story, head
