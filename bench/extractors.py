"""forumwatch's cleaner and its peers behind one call: page bytes and URL in, title and body text out.

Every extractor gets the same input, the page's raw bytes and its URL, and decodes them itself, as it
would in a crawler; decoding is part of what is timed. GNE only takes text, so its adapter decodes the
bytes the way trafilatura does (``trafilatura.utils.decode_file``) and that time counts as GNE's.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

Extracted = tuple[str, str]  # (title, body text)
Extractor = Callable[[bytes, str | None], Extracted]


@dataclass(frozen=True)
class Contender:
    name: str
    extract: Extractor
    version: str


def _forumwatch() -> Contender:
    from importlib.metadata import version

    from crawler.cleaner import clean

    def extract(raw: bytes, url: str | None) -> Extracted:
        article = clean(raw, url)
        return article.title, article.text

    return Contender("forumwatch", extract, version("forumwatch"))


def _forumwatch_generic() -> Contender:
    """forumwatch with its site profiles off: what the generic path carries on a site nobody profiled."""
    from importlib.metadata import version

    from crawler.cleaner import clean
    from crawler.cleaner.profiles import GENERIC

    def extract(raw: bytes, url: str | None) -> Extracted:
        article = clean(raw, url, profile=GENERIC)
        return article.title, article.text

    return Contender("forumwatch-generic", extract, version("forumwatch"))


def _trafilatura() -> Contender:
    import trafilatura

    def extract(raw: bytes, url: str | None) -> Extracted:
        document = trafilatura.bare_extraction(raw, url=url, with_metadata=True, as_dict=True)
        if not isinstance(document, dict):
            return "", ""
        return document.get("title") or "", document.get("text") or ""

    return Contender("trafilatura", extract, trafilatura.__version__)


def _readability() -> Contender:
    from importlib.metadata import version

    import lxml.html
    from readability import Document

    def extract(raw: bytes, url: str | None) -> Extracted:
        document = Document(raw, url=url)
        summary = document.summary(html_partial=True)
        # One line per block, as the other extractors give their text.
        tree = lxml.html.fromstring(summary)
        for block in tree.iter("p", "div", "br", "li", "h1", "h2", "h3", "h4", "tr", "blockquote"):
            block.tail = "\n" + (block.tail or "")
        return document.short_title(), tree.text_content()

    return Contender("readability-lxml", extract, version("readability-lxml"))


def _gne() -> Contender:
    from importlib.metadata import version

    from gne import GeneralNewsExtractor
    from trafilatura.utils import decode_file

    extractor = GeneralNewsExtractor()

    def extract(raw: bytes, url: str | None) -> Extracted:
        result = extractor.extract(decode_file(raw))
        return result.get("title") or "", result.get("content") or ""

    return Contender("gne", extract, version("gne"))


FACTORIES: dict[str, Callable[[], Contender]] = {
    "forumwatch": _forumwatch,
    "forumwatch-generic": _forumwatch_generic,
    "trafilatura": _trafilatura,
    "readability-lxml": _readability,
    "gne": _gne,
}


def load_contenders(names: list[str]) -> list[Contender]:
    """The named extractors; a peer that is not installed is reported and left out."""
    contenders = []
    for name in names:
        try:
            contenders.append(FACTORIES[name]())
        except ImportError as error:
            logging.getLogger(__name__).warning("%s left out: %s (pip install -e '.[bench]')", name, error)
    return contenders
