"""Readers for the labelled extraction sets in ``shared/eval/extraction`` (read in place, never copied)."""

from __future__ import annotations

import gzip
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

CHINESE = "chinese-web-dev"
SCRAPINGHUB = "scrapinghub-dev"
TAIWANESE = "taiwanese-news-dev"
TWNEWS = "twnews"
TRAFILATURA_EVAL = "trafilatura-eval-dev"


@dataclass(frozen=True)
class LabelledPage:
    """One page and what a correct extraction of it must give."""

    name: str  # file or id, for reports
    raw: bytes
    url: str | None = None
    gold_body: str | None = None  # scored with the shingle metric
    body_phrases: tuple[str, ...] = ()  # body ok: all of these in the output
    title: str | None = None  # title ok: exactly this
    title_phrase: str | None = None  # title ok: contains this
    must_contain: tuple[str, ...] = ()  # segment metric: each one found is a true positive
    must_not_contain: tuple[str, ...] = ()  # segment metric: each one found is a false positive
    extra: dict[str, str] = field(default_factory=dict)  # author, date, outlet labels (not scored here)

    @property
    def has_title_label(self) -> bool:
        return self.title is not None or self.title_phrase is not None


def _scrapinghub(folder: Path) -> list[LabelledPage]:
    truth = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
    return [
        LabelledPage(
            name=page_id,
            raw=gzip.decompress((folder / "html" / f"{page_id}.html.gz").read_bytes()),
            url=label.get("url"),
            gold_body=label["articleBody"],
        )
        for page_id, label in sorted(truth.items())
    ]


def _chinese(folder: Path) -> list[LabelledPage]:
    truth = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
    return [
        LabelledPage(
            name=page_id,
            raw=(folder / "original" / f"{page_id}.html").read_bytes(),
            gold_body=label["articleBody"],
            extra={key: label[key] for key in ("author", "date") if label.get(key, "UNKNOWN") != "UNKNOWN"},
        )
        for page_id, label in sorted(truth.items())
    ]


def _taiwanese(folder: Path) -> list[LabelledPage]:
    labels = json.loads((folder / "labels.json").read_text(encoding="utf-8"))
    return [
        LabelledPage(
            name=label["file"],
            raw=(folder / "html" / label["file"]).read_bytes(),
            url=label.get("url"),
            body_phrases=tuple(label["content_contains"]),
            title=label["title"],
            extra={
                key: label[key]
                for key in ("company_name", "reporter_name", "published_at_local")
                if label.get(key)
            },
        )
        for label in labels
    ]


def _twnews(folder: Path) -> list[LabelledPage]:
    labels = json.loads((folder / "labels.json").read_text(encoding="utf-8"))
    return [
        LabelledPage(
            name=label["file"],
            raw=(folder / label["file"]).read_bytes(),
            url=label.get("source_url_per_getnews_sh"),
            body_phrases=(label["contents_contains"],),
            title_phrase=label["title_contains"],
            extra={key: label[key] for key in ("author", "date") if label.get(key)},
        )
        for _site, label in sorted(labels.items())
    ]


def _trafilatura_eval(folder: Path) -> list[LabelledPage]:
    """trafilatura's evaluation pages: scored by segments, titles where the set labels one."""
    labels = json.loads((folder / "evaldata.json").read_text(encoding="utf-8"))
    pages = []
    for url, label in sorted(labels.items()):
        path = folder / "html" / label["file"]
        if not path.is_file():  # the set keeps part of upstream's pages; the rest is held out
            continue
        pages.append(
            LabelledPage(
                name=label["file"].removesuffix(".html.gz"),
                raw=gzip.decompress(path.read_bytes()),
                url=url.split("::", 1)[-1] if url.startswith("http") else None,
                must_contain=tuple(label.get("with") or ()),
                must_not_contain=tuple(label.get("without") or ()),
                title=label.get("title"),
            )
        )
    return pages


READERS: dict[str, Callable[[Path], list[LabelledPage]]] = {
    CHINESE: _chinese,
    SCRAPINGHUB: _scrapinghub,
    TAIWANESE: _taiwanese,
    TWNEWS: _twnews,
    TRAFILATURA_EVAL: _trafilatura_eval,
}


def load_set(root: Path, name: str) -> list[LabelledPage]:
    """The pages of one set under ``root`` (the ``extraction`` folder)."""
    folder = root / name
    if not folder.is_dir():
        raise FileNotFoundError(f"no extraction set {name!r} under {root}")
    return READERS[name](folder)
