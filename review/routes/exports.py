"""The exports of the page: the current filter's stories as CSV and JSON Lines (signed in, like the rest),
and the Atom feed of relevant stories, which feed readers fetch with a key instead (they cannot sign in).
The rows and their formats are review.exports'."""

from __future__ import annotations

import secrets
from datetime import tzinfo

from fastapi import APIRouter, Depends, HTTPException
from fastapi.responses import Response, StreamingResponse
from sqlalchemy.orm import Session

from review.dependencies import AccessSettings, Db, Filters, Zone, csrf_checked, signed_in
from review.export_formats import MEDIA_TYPES, ExportFormat, atom_chunks, export_chunks
from review.exports import export_rows
from storage.inbox import InboxFilter

ATOM_ENTRIES = 100  # the newest relevant stories a feed reader sees

router = APIRouter(dependencies=[Depends(csrf_checked), Depends(signed_in)])


def feed_key_matches(access: AccessSettings, key: str = "") -> None:
    """Guard: the key in the feed's URL, made from the token (which never appears in it)."""
    if not access.is_open and not secrets.compare_digest(key, access.feed_key()):
        raise HTTPException(401, "the feed's key is missing or wrong: copy the feed link from the inbox")


feed_router = APIRouter(dependencies=[Depends(csrf_checked), Depends(feed_key_matches)])


def _download(
    format_name: ExportFormat, db: Session, filters: InboxFilter, zone: tzinfo
) -> StreamingResponse:
    rows = export_rows(db, filters, zone)  # raises ValueError now for an empty search, not mid-stream
    name = f"forumwatch-stories.{format_name}"
    headers = {"Content-Disposition": f'attachment; filename="{name}"'}
    return StreamingResponse(
        export_chunks(format_name, rows), media_type=MEDIA_TYPES[format_name], headers=headers
    )


@router.get("/export.csv", tags=["exports"], summary="The current filter's stories as CSV")
def export_csv(db: Db, filters: Filters, zone: Zone) -> StreamingResponse:
    return _download("csv", db, filters, zone)


@router.get("/export.jsonl", tags=["exports"], summary="The current filter's stories as JSON Lines")
def export_jsonl(db: Db, filters: Filters, zone: Zone) -> StreamingResponse:
    return _download("jsonl", db, filters, zone)


@feed_router.get("/feed.atom", tags=["exports"], summary="Relevant stories as an Atom feed")
def atom_feed(db: Db, zone: Zone) -> Response:
    """The stories marked relevant, newest first, each entry linking to its article (not to this
    page, which a feed reader cannot sign in to)."""
    rows = list(export_rows(db, InboxFilter(status="relevant"), zone, limit=ATOM_ENTRIES))
    # No self link: the feed's address carries its key, which must not travel inside the document.
    body = b"".join(atom_chunks(rows, title="forumwatch: relevant stories", zone=zone))
    return Response(body, media_type=MEDIA_TYPES["atom"])
