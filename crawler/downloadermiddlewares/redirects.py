"""A redirect back to a URL already on the request's way is a loop: reported against the source.

Scrapy follows a loop until its duplicate filter drops the repeated request, silently: the article is
lost and nothing says why. Seen before the redirect is followed, the loop is an error of its own kind.
"""

from __future__ import annotations

from urllib.parse import urljoin

from scrapy import Request
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Response


class RedirectLoop(IgnoreRequest):
    """The redirect leads back to a URL the request already went through."""


class RedirectLoopMiddleware:
    def process_response(self, request: Request, response: Response) -> Response:
        location = response.headers.get(b"Location")
        if not (300 <= response.status < 400 and location):
            return response
        target = urljoin(request.url, location.decode("latin-1").strip())
        if target == request.url or target in request.meta.get("redirect_urls", ()):
            raise RedirectLoop(f"redirect loop: {request.url} leads back to {target}")
        return response
