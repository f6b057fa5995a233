"""The cleaner's result type."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any


@dataclass(frozen=True)
class CleanArticle:
    """One page cleaned down to its article.

    An article that could not be extracted is empty (no paragraphs) and says why in ``empty_reason``;
    the cleaner never raises on bad input.
    """

    url: str | None = None
    title: str = ""
    paragraphs: tuple[str, ...] = ()
    author: str | None = None
    original_title: str | None = None  # a reprint's 原标题 line: the headline at the original outlet
    editor: str | None = None
    published: datetime | None = None  # always timezone-aware UTC
    outlet: str | None = None  # the site that published the page: 新浪财经, 中時新聞網
    credit: str | None = None  # whom the story is credited to: 中央社 on a China Times reprint
    language: str | None = None  # BCP 47 primary tag: "zh", "en"
    script: str | None = None  # ISO 15924: "Hans", "Hant"; None for non-CJK text
    image: str | None = None  # absolute URL of the lead image
    html: str = ""  # the article body as clean, minimal HTML
    extractor: str = ""  # which profile or extractor produced it: "sina", "generic", ...
    encoding: str | None = None  # the encoding the bytes were decoded with
    warnings: tuple[str, ...] = field(default=())
    empty_reason: str | None = None
    # Not extracted: the caller's screen found nothing in the page's text worth it (see core.clean).
    screened_out: bool = False

    @property
    def text(self) -> str:
        """The article body, one paragraph per line."""
        return "\n".join(self.paragraphs)

    @property
    def is_empty(self) -> bool:
        return not self.paragraphs

    def to_json(self) -> dict[str, Any]:
        """The public JSON form (what ``forumwatch clean --json`` prints)."""
        return {
            "url": self.url,
            "title": self.title,
            "text": self.text,
            "author": self.author,
            "original_title": self.original_title,
            "editor": self.editor,
            "published": self.published.isoformat() if self.published else None,
            "outlet": self.outlet,
            "credit": self.credit,
            "language": self.language,
            "script": self.script,
            "image": self.image,
            "extractor": self.extractor,
            "encoding": self.encoding,
            "warnings": list(self.warnings),
            "empty_reason": self.empty_reason,
        }
