"""Signing in with the token and signing out: the only routes open to people who have not signed in
(changes still carry the session's CSRF token)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from review.dependencies import AccessSettings, csrf_checked
from review.pages import local_path, render_page

router = APIRouter(dependencies=[Depends(csrf_checked)])


@router.get("/signin", response_class=HTMLResponse, include_in_schema=False)
def signin_form(request: Request, next: str = "/") -> HTMLResponse:
    return render_page(request, "signin.html", next=local_path(next), error=None)


@router.post("/signin", include_in_schema=False)
def signin(
    request: Request,
    access: AccessSettings,
    name: Annotated[str, Form()],
    token: Annotated[str, Form()],
    next: Annotated[str, Form()] = "/",
) -> Response:
    if access.is_open or access.token_matches(token):
        request.session.clear()
        request.session["user"] = name.strip()[:100] or "reviewer"
        return RedirectResponse(local_path(next), status_code=303)
    response = render_page(request, "signin.html", next=local_path(next), error="That token is not right.")
    response.status_code = 401
    return response


@router.post("/signout", include_in_schema=False)
def signout(request: Request) -> Response:
    request.session.clear()
    return RedirectResponse("/signin", status_code=303)
