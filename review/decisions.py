"""Decisions on stories, from the page and the API; and, for those made on the page, the toast that tells
them and the Undo it offers."""

from __future__ import annotations

import secrets
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass

from fastapi import HTTPException, Request
from sqlalchemy.orm import Session

from review.pages import toast
from review.security import csrf_token
from storage.models import Story
from storage.review import (
    DECISIONS,
    ReviewBefore,
    decided_from,
    mark,
    restore_review,
    reviews_before,
    set_note,
)

# A decision made on the page can be undone for this long (the toast offers it on the next page), and the
# server remembers this many of them: enough for a team's morning, small enough to forget.
UNDO_SECONDS = 15 * 60
UNDO_KEPT = 1000
TOAST_TITLE_CHARACTERS = 60


def apply_decision(
    db: Session, ids: list[int], decision: str | None, note: str | None, reviewer: str
) -> list[int]:
    """Decide on the stories, or set the first one's note; the ids of those that exist. The caller commits."""
    if decision:
        if decision not in DECISIONS:
            raise HTTPException(400, f"not a review decision: {decision!r}")
        marked = mark(db, ids, decision, reviewer, note=note or None)  # type: ignore[arg-type]
    elif note is not None and ids:
        set_note(db, ids[0], note, reviewer)
        marked = ids[:1]
    else:
        raise HTTPException(400, "say relevant, dismissed or later, or give a note")
    return marked


@dataclass(frozen=True)
class Undoable:
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
        self._entries: OrderedDict[str, Undoable] = OrderedDict()
        self._lock = threading.Lock()  # routes run in a thread pool

    def add(self, entry: Undoable) -> str:
        key = secrets.token_urlsafe(12)
        with self._lock:
            self._entries[key] = entry
            while len(self._entries) > UNDO_KEPT:
                self._entries.popitem(last=False)
        return key

    def take(self, key: str, session: str, reviewer: str) -> Undoable | None:
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


@dataclass(frozen=True)
class PageDecisions:
    """Decisions one session makes on the page: each applied, and told in a toast on the next page, with
    an Undo button that puts back the reviews as they were."""

    request: Request
    db: Session
    undo_log: UndoLog
    reviewer: str

    def decide(self, ids: list[int], decision: str | None, note: str | None, back: str) -> None:
        """Apply a decision (or, without one, the note) and leave its toast; ``back`` is where Undo goes."""
        if not decision:
            apply_decision(self.db, ids, decision, note, self.reviewer)
            self.db.commit()
            toast(self.request, "Note saved.")
            return
        before = self._apply_undoably(ids, decision, note)
        self.db.commit()
        if not before:
            toast(
                self.request,
                "Nothing marked: no story selected." if not ids else "Nothing marked: no such story.",
            )
            return
        entry = Undoable(
            csrf_token(self.request), self.reviewer, before, back, time.monotonic() + UNDO_SECONDS
        )
        key = self.undo_log.add(entry)
        toast(self.request, f"{self._stories_named(before)} marked {decision}.", undo=key)

    def undo(self, key: str) -> str:
        """Put back the reviews a decision of this session changed, unless someone decided again since;
        the page the decision was made on."""
        done = self.undo_log.take(key, csrf_token(self.request), self.reviewer)
        if done is None:
            raise HTTPException(404, "nothing to undo: undone already, too old, or not this session's")
        restored = [before for before in done.stories if restore_review(self.db, before, self.reviewer)]
        self.db.commit()
        kept = len(done.stories) - len(restored)
        message = f"Undone: {self._stories_named(restored)} back as before." if restored else "Not undone."
        if kept:
            message += f" {kept} decided again since: left as {'they are' if kept > 1 else 'it is'}."
        toast(self.request, message)
        return done.back

    def _apply_undoably(self, ids: list[int], decision: str, note: str | None) -> list[ReviewBefore]:
        """:func:`apply_decision`; each marked story's review as it was before. The caller commits."""
        earlier = reviews_before(self.db, ids)
        marked = apply_decision(self.db, ids, decision, note, self.reviewer)
        return decided_from(self.db, earlier, marked, self.reviewer)

    def _stories_named(self, stories: list[ReviewBefore]) -> str:
        """ "“<title>”" for one story, "3 stories" for more."""
        if len(stories) != 1:
            return f"{len(stories)} stories"
        title = self.db.get_one(Story, stories[0].story_id).title
        if len(title) > TOAST_TITLE_CHARACTERS:
            title = title[: TOAST_TITLE_CHARACTERS - 1] + "…"
        return f"“{title}”"
