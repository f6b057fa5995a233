"""The review application: server-rendered pages (Jinja2) and the JSON API they share with scripts.

Every page and API call goes through storage.inbox, storage.review and storage.articles, the functions `forumwatch
review` uses too: the web layer holds no business logic of its own. This module puts the app together:
its state, the middleware, and the routers of review.routes, each of which carries its own guards.
"""

from __future__ import annotations

import secrets
from datetime import UTC, tzinfo
from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from sqlalchemy import Engine
from starlette.middleware.sessions import SessionMiddleware

from review.decisions import UndoLog
from review.pages import page_templates
from review.routes import api, chart, exports, inbox, signin, story
from review.security import Access, NotSignedInError, SecurityHeaders, refuse_anonymous

STATIC = Path(__file__).parent / "static"
SESSION_DAYS = 14


def create_app(engine: Engine, access: Access, zone: tzinfo = UTC, secure_cookies: bool = False) -> FastAPI:
    """The review app. ``zone`` is the reader's (`[ui] timezone`, else the machine's): every time is shown
    in it with its name, and the date filters and the chart's days are its days."""
    app = FastAPI(
        title="forumwatch review",
        version="1",
        description="Review stories found by forumwatch: the inbox, stories, decisions, exports.",
        docs_url=None,  # Swagger UI loads script from a CDN, which the CSP forbids; the schema stays
        redoc_url=None,
        openapi_url=None,  # served by review.routes.api, behind sign-in like every other page
    )
    # What the routes take through review.dependencies: one app's database, access and zone.
    app.state.engine, app.state.access, app.state.zone = engine, access, zone
    app.state.templates = page_templates(zone)
    app.state.undo_log = UndoLog()
    app.add_middleware(SecurityHeaders)
    app.add_middleware(
        SessionMiddleware,
        # A new key per start when open; derived from the token otherwise, so a restart keeps sessions.
        secret_key=access.feed_key() + (access.token or secrets.token_hex(32)),
        session_cookie="forumwatch_session",
        same_site="strict",
        https_only=secure_cookies,
        max_age=SESSION_DAYS * 24 * 3600,
    )
    app.add_exception_handler(NotSignedInError, refuse_anonymous)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    for router in (
        signin.router,  # the only one without sign-in
        inbox.router,
        story.router,
        chart.router,
        exports.router,
        exports.feed_router,  # a key in its URL instead of sign-in
        api.router,
    ):
        app.include_router(router)
    return app
