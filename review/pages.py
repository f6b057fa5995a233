"""Rendering a page: the templates with the reader's zone, what every page's context carries (the CSRF
token, who is signed in, the toast), and the toast a change leaves for the next page."""

from __future__ import annotations

from datetime import tzinfo
from functools import partial
from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from review.render import local_time, zone_label
from review.security import CSRF_FIELD, Access, csrf_token, current_user

TEMPLATES = Path(__file__).parent / "templates"


def page_templates(zone: tzinfo) -> Jinja2Templates:
    """The templates, showing times in ``zone``."""
    templates = Jinja2Templates(directory=TEMPLATES)
    # "local": under a heading that names the zone; "labelled": on its own, with the zone's name after it.
    templates.env.filters["local"] = partial(local_time, zone=zone)
    templates.env.filters["labelled"] = partial(local_time, zone=zone, labelled=True)
    templates.env.globals["zone_name"] = zone_label(zone)
    return templates


def render_page(request: Request, name: str, nav: str | None = None, **context: Any) -> HTMLResponse:
    """A page; ``nav`` is the menu entry it is (a status, "chart"), marked as the current page."""
    access: Access = request.app.state.access
    context.update(
        request=request,
        csrf_field=CSRF_FIELD,
        csrf=csrf_token(request),
        user=current_user(request, access),
        open_access=access.is_open,
        nav=nav,
        toast=request.session.pop("toast", None),
    )
    templates: Jinja2Templates = request.app.state.templates
    return templates.TemplateResponse(request, name, context)


def toast(request: Request, text: str, undo: str | None = None) -> None:
    """A message for the next page the session sees (the redirect's target), with the key of an undo."""
    request.session["toast"] = {"text": text, "undo": undo}


def local_path(target: str) -> str:
    """Only paths of this site: a crafted ?next= must not send people elsewhere."""
    return target if target.startswith("/") and not target.startswith("//") and "\\" not in target else "/"
