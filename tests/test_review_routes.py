"""Every route of the review app is guarded by its router (review.dependencies): walked over the routes of
an app with sign-in, each answers an anonymous request with the refusal of its kind, unless it is one of
the few that are public on purpose; and every change is refused without the session's CSRF token. A
route added to a router without the guards fails here, whatever its path."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import fastapi.routing
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from starlette.routing import Mount

from review.app import create_app
from review.security import CSRF_HEADER, UNSAFE_METHODS, Access
from storage.engine import open_database

TOKEN = "routes-token"
# Open to anyone: signing in, and signing out (which only forgets the session).
PUBLIC = {("GET", "/signin"), ("POST", "/signin"), ("POST", "/signout")}
PUBLIC_MOUNTS = {"/static"}
# Feed readers cannot sign in: the feed asks for the key in its URL instead.
FEED = ("GET", "/feed.atom")
FEED_REFUSAL = (401, '{"detail":"the feed\'s key is missing or wrong: copy the feed link from the inbox"}')
# Some routes of each router, so that a walk that finds nothing (or misses a router) cannot pass.
KNOWN = {
    ("GET", "/"),
    ("POST", "/review/undo"),
    ("GET", "/stories/{story_id}"),
    ("GET", "/chart"),
    ("GET", "/export.csv"),
    FEED,
    ("GET", "/api/stories"),
    ("POST", "/api/reviews"),
    ("GET", "/api/openapi.json"),
}


def endpoints(app: FastAPI) -> list[Any]:
    """Every route the app serves, those of included routers too: since FastAPI 0.137 ``app.routes`` holds
    an included router as one entry, which ``iter_route_contexts`` opens; before, inclusion copied them."""
    opened = getattr(fastapi.routing, "iter_route_contexts", None)
    return list(opened(app.routes)) if opened else list(app.routes)


def served(app: FastAPI) -> tuple[set[tuple[str, str]], set[str]]:
    """(method, path) of every endpoint, and the paths of the mounted apps."""
    routes: set[tuple[str, str]] = set()
    mounts: set[str] = set()
    for route in endpoints(app):
        if isinstance(getattr(route, "original_route", route), Mount):
            mounts.add(route.path)
        else:
            routes |= {(method, route.path) for method in route.methods}
    return routes, mounts


def example_path(path: str) -> str:
    return re.sub(r"\{[^}]*\}", "1", path)


def refusal(path: str) -> tuple[int, str]:
    """Today's answer to someone not signed in: scripts (the API and the downloads) get a 401 they can
    read, people are sent to the sign-in page."""
    if path.startswith("/api/") or path.endswith((".csv", ".jsonl")):
        return 401, '{"detail":"sign in first (or send Authorization: Bearer <token>)"}'
    return 303, f"/signin?next={path}"


@pytest.fixture
def app(tmp_path: Path) -> FastAPI:
    return create_app(open_database(f"sqlite:///{tmp_path}/routes.db"), Access(TOKEN))


@pytest.fixture
def anonymous(app: FastAPI) -> Iterator[TestClient]:
    with TestClient(app, follow_redirects=False) as client:
        yield client


def test_the_walk_sees_every_router(app: FastAPI) -> None:
    routes, mounts = served(app)
    assert routes >= KNOWN | PUBLIC
    assert mounts == PUBLIC_MOUNTS


def test_every_route_but_the_public_ones_refuses_someone_not_signed_in(
    app: FastAPI, anonymous: TestClient
) -> None:
    page = anonymous.get("/signin")
    found = re.search(r'name="csrf-token" content="([^"]+)"', page.text)
    assert found is not None
    # The session's own CSRF token: a change gets past that guard and meets the sign-in one.
    csrf = {CSRF_HEADER: found.group(1)}
    routes, _mounts = served(app)
    wrong = []
    for method, path in sorted(routes - PUBLIC):
        answer = anonymous.request(method, example_path(path), headers=csrf)
        expected = FEED_REFUSAL if (method, path) == FEED else refusal(example_path(path))
        got = (answer.status_code, answer.headers.get("location") or answer.text)
        if got != expected:
            wrong.append(f"{method} {path}: {got}, not {expected}")
    assert not wrong, "routes served without sign-in:\n" + "\n".join(wrong)


def test_every_change_needs_the_csrf_token(app: FastAPI, anonymous: TestClient) -> None:
    routes, _mounts = served(app)
    changes = sorted((method, path) for method, path in routes if method in UNSAFE_METHODS)
    assert ("POST", "/signin") in changes
    for method, path in changes:
        answer = anonymous.request(method, example_path(path))
        assert answer.status_code == 403, (method, path, answer.status_code)
        assert "CSRF" in answer.json()["detail"]
