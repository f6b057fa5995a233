"""A local HTTP server for the bundled demo site, the offline stand-in for the outlets forumwatch watches."""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import json
import threading
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from http import HTTPStatus
from pathlib import Path
from typing import Self

from forumwatch.localserver import LocalServer, Received, Reply, not_found

SITE_DIR = Path(__file__).parent / "site"
BASE_TOKEN = "@@BASE@@"
# One fixed date for every page, so that conditional GETs give the same answers on every run.
LAST_MODIFIED = "Wed, 01 Dec 2021 14:30:00 GMT"
_LAST_MODIFIED_AT = datetime(2021, 12, 1, 14, 30, tzinfo=UTC)


@dataclass(frozen=True)
class Page:
    """One servable entry: the bytes as they go on the wire, and the headers that describe them."""

    body: bytes
    content_type: str
    etag: str


def lookup_key(path: str) -> str:
    """The manifest key of a request target: the path, and its query with parameters in sorted order.

    Sorting makes `?s=1&n=2` and `?n=2&s=1` the same page, as a server-side framework would treat them.
    """
    path, _, query = path.partition("?")
    return f"{path}?{'&'.join(sorted(query.split('&')))}" if query else path


def load_site(site_dir: Path, base_url: str) -> dict[str, Page]:
    """Read the manifest and prepare every page; a file that cannot be encoded fails here, not mid-crawl."""
    entries = json.loads((site_dir / "manifest.json").read_text(encoding="utf-8"))
    pages: dict[str, Page] = {}
    for entry in entries:
        text = (site_dir / entry["file"]).read_text(encoding="utf-8").replace(BASE_TOKEN, base_url)
        # Strict: a character the target charset lacks must be written as an entity in the source file.
        body = text.encode(entry["encoding"])
        etag = '"' + hashlib.sha256(body).hexdigest()[:32] + '"'
        pages[lookup_key(entry["path"])] = Page(body, entry["content_type"], etag)
    return pages


class DemoServer(LocalServer):
    """Serves the demo site on a free local port; a context manager. Pages answer GET and HEAD, and
    conditional GETs with 304 as a static-file server would."""

    def __init__(self, site_dir: Path | None = None, host: str = "127.0.0.1", port: int = 0) -> None:
        super().__init__(host, port, fallback=self._page)
        self.site_dir = site_dir or SITE_DIR
        self.pages: dict[str, Page] = {}

    @property
    def requests_log(self) -> list[str]:
        """The paths requested so far, with their queries, in order."""
        return [request.path for request in self.requested()]

    def start(self) -> Self:
        super().start()
        # The pages name the server's own URL, known only once it listens.
        try:
            self.pages = load_site(self.site_dir, self.base_url)
        except Exception:
            self.stop()
            raise
        return self

    def _page(self, request: Received) -> Reply:
        page = self.pages.get(lookup_key(request.path)) or self.pages.get(request.path.partition("?")[0])
        if page is None:
            return not_found(request)
        validators = {"ETag": page.etag, "Last-Modified": LAST_MODIFIED}
        if _not_modified(request, page):
            return Reply(status=HTTPStatus.NOT_MODIFIED, headers=validators)
        return Reply(page.body, headers={**validators, "Content-Type": page.content_type})


def _not_modified(request: Received, page: Page) -> bool:
    # RFC 9110: when If-None-Match is present, If-Modified-Since is ignored.
    if_none_match = request.header("If-None-Match")
    if if_none_match is not None:
        tags = {tag.strip().removeprefix("W/") for tag in if_none_match.split(",")}
        return "*" in tags or page.etag in tags
    if_modified_since = request.header("If-Modified-Since")
    if if_modified_since is None:
        return False
    try:
        return parsedate_to_datetime(if_modified_since) >= _LAST_MODIFIED_AT
    except (TypeError, ValueError):  # unparsable, or a naive date that cannot be compared
        return False


def main() -> None:
    parser = argparse.ArgumentParser(description="Serve the forumwatch demo site until Ctrl-C.")
    parser.add_argument("--port", type=int, default=0, help="port to listen on (default: a free one)")
    args = parser.parse_args()
    with DemoServer(port=args.port) as server:
        print(f"forumwatch demo site at {server.base_url}/ (Ctrl-C to stop)", flush=True)
        with contextlib.suppress(KeyboardInterrupt):
            threading.Event().wait()


if __name__ == "__main__":
    main()
