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
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

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


class _DemoHTTPServer(ThreadingHTTPServer):
    pages: dict[str, Page]
    demo: DemoServer


class _Handler(BaseHTTPRequestHandler):
    server: _DemoHTTPServer

    def do_GET(self) -> None:
        self._respond(send_body=True)

    def do_HEAD(self) -> None:
        self._respond(send_body=False)

    def log_message(self, format: str, *args: object) -> None:
        """Stay quiet: a crawl makes hundreds of requests, and the tests read requests_log instead."""

    def _respond(self, send_body: bool) -> None:
        self.server.demo.record(self.path)
        pages = self.server.pages
        page = pages.get(lookup_key(self.path)) or pages.get(self.path.partition("?")[0])
        if page is None:
            self.send_error(HTTPStatus.NOT_FOUND)
            return
        not_modified = self._not_modified(page)
        self.send_response(HTTPStatus.NOT_MODIFIED if not_modified else HTTPStatus.OK)
        self.send_header("ETag", page.etag)
        self.send_header("Last-Modified", LAST_MODIFIED)
        if not not_modified:
            self.send_header("Content-Type", page.content_type)
            self.send_header("Content-Length", str(len(page.body)))
        self.end_headers()
        if send_body and not not_modified:
            self.wfile.write(page.body)

    def _not_modified(self, page: Page) -> bool:
        # RFC 9110: when If-None-Match is present, If-Modified-Since is ignored.
        if_none_match = self.headers.get("If-None-Match")
        if if_none_match is not None:
            tags = {tag.strip().removeprefix("W/") for tag in if_none_match.split(",")}
            return "*" in tags or page.etag in tags
        if_modified_since = self.headers.get("If-Modified-Since")
        if if_modified_since is None:
            return False
        try:
            return parsedate_to_datetime(if_modified_since) >= _LAST_MODIFIED_AT
        except (TypeError, ValueError):  # unparsable, or a naive date that cannot be compared
            return False


class DemoServer:
    """Serves the demo site on a free local port in a daemon thread; a context manager."""

    def __init__(self, site_dir: Path | None = None, host: str = "127.0.0.1", port: int = 0) -> None:
        self.site_dir = site_dir or SITE_DIR
        self.host = host
        self.port = port
        self.base_url = ""
        self.requests_log: list[str] = []
        self._log_lock = threading.Lock()
        self._httpd: _DemoHTTPServer | None = None
        self._thread: threading.Thread | None = None

    def record(self, path: str) -> None:
        with self._log_lock:
            self.requests_log.append(path)

    def start(self) -> DemoServer:
        httpd = _DemoHTTPServer((self.host, self.port), _Handler)
        self.base_url = f"http://{self.host}:{httpd.server_port}"
        httpd.demo = self
        try:
            httpd.pages = load_site(self.site_dir, self.base_url)
        except Exception:
            httpd.server_close()
            raise
        self._httpd = httpd
        self._thread = threading.Thread(target=httpd.serve_forever, name="demo-server", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.server_close()
            self._httpd = None
        if self._thread is not None:
            self._thread.join()
            self._thread = None

    def __enter__(self) -> DemoServer:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()


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
