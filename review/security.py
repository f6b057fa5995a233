"""Sign-in, CSRF and the headers every answer carries.

- Sign-in: the token (or password) in $FORUMWATCH_REVIEW_TOKEN, typed once into the sign-in form (the
  browser then holds a signed, HttpOnly, SameSite=Strict session cookie) or sent by scripts as
  ``Authorization: Bearer <token>``. Without a token the server runs only when asked to
  (``--open``) and only on a loopback address.
- CSRF: every change made with the session cookie carries the session's token (a hidden form field or
  the X-CSRF-Token header); bearer requests carry no cookie and need none.
- Headers: a strict Content-Security-Policy (no inline script, nothing from elsewhere), no sniffing, no
  referrer, no framing.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass

from fastapi import HTTPException, Request
from starlette.middleware.base import BaseHTTPMiddleware, RequestResponseEndpoint
from starlette.responses import JSONResponse, RedirectResponse, Response

TOKEN_ENV = "FORUMWATCH_REVIEW_TOKEN"
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "X-CSRF-Token"
UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
CONTENT_SECURITY_POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
)


@dataclass(frozen=True)
class Access:
    """Who may use the page: ``token`` None means open (loopback only, by explicit choice)."""

    token: str | None

    @property
    def is_open(self) -> bool:
        return self.token is None

    def token_matches(self, given: str) -> bool:
        return self.token is not None and hmac.compare_digest(given.encode(), self.token.encode())

    def feed_key(self) -> str:
        """The key in the Atom feed's URL: feed readers cannot sign in; the token itself never appears."""
        if self.token is None:
            return ""
        return hmac.new(self.token.encode(), b"forumwatch atom feed", hashlib.sha256).hexdigest()[:32]


def current_user(request: Request, access: Access) -> str | None:
    """The signed-in user, "api" for a bearer token, "local" when open; None when not signed in."""
    if access.is_open:
        return str(request.session.get("user") or "local")
    header = request.headers.get("Authorization", "")
    if header.startswith("Bearer ") and access.token_matches(header.removeprefix("Bearer ").strip()):
        return "api"
    user = request.session.get("user")
    return str(user) if user else None


class NotSignedInError(Exception):
    """A request that needs a signed-in reviewer came without one."""


async def refuse_anonymous(request: Request, _error: Exception) -> Response:
    """The answer to :class:`NotSignedInError`: people are sent to sign in; scripts (the API, the CSV and
    JSON Lines exports) get a 401 they can read."""
    if request.url.path.startswith("/api/") or request.url.path.endswith((".csv", ".jsonl")):
        return JSONResponse({"detail": "sign in first (or send Authorization: Bearer <token>)"}, 401)
    return RedirectResponse(f"/signin?next={request.url.path}", status_code=303)


def csrf_token(request: Request) -> str:
    token = request.session.get("csrf")
    if not token:
        token = secrets.token_urlsafe(32)
        request.session["csrf"] = token
    return str(token)


async def check_csrf(request: Request, access: Access) -> None:
    """Refuse a change made with the session cookie that does not carry the session's CSRF token."""
    if request.method not in UNSAFE_METHODS:
        return
    header = request.headers.get("Authorization", "")
    if header.startswith("Bearer ") and access.token_matches(header.removeprefix("Bearer ").strip()):
        return  # no cookie involved: nothing a third-party page could forge
    expected = request.session.get("csrf")
    given = request.headers.get(CSRF_HEADER)
    if given is None and request.headers.get("content-type", "").startswith(
        ("application/x-www-form-urlencoded", "multipart/form-data")
    ):
        given = str((await request.form()).get(CSRF_FIELD) or "")
    if not expected or not given or not hmac.compare_digest(str(expected), given):
        raise HTTPException(
            status_code=403, detail="missing or wrong CSRF token: reload the page and try again"
        )


class SecurityHeaders(BaseHTTPMiddleware):
    async def dispatch(self, request: Request, call_next: RequestResponseEndpoint) -> Response:
        response = await call_next(request)
        response.headers["Content-Security-Policy"] = CONTENT_SECURITY_POLICY
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        response.headers["X-Frame-Options"] = "DENY"
        response.headers.setdefault("Cache-Control", "no-store")
        return response
