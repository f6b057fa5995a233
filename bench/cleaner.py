"""Cleaner benchmark: forumwatch beside trafilatura, readability-lxml and GNE on the labelled sets.

    python -m bench.cleaner [--data ../shared/eval/extraction] [--repeat 3] [--worst 5]

One run, one table: per set and extractor the shingle P/R/F1 (``bench.metric``, the metric of the eval
README; on trafilatura-eval-dev the segment P/R/F1 of trafilatura's own evaluation instead), body-ok and
title-ok where the set labels them, empty outputs where the gold has text, the median milliseconds per page
and its ratio to trafilatura's in the same run. ``forumwatch-generic`` is forumwatch with its site
profiles off, so that what the profiles carry is visible. Pages are processed one at a time with the
extractors in turns, so machine noise falls on all of them alike; each timing is the best of ``--repeat``
runs.
"""

from __future__ import annotations

import argparse
import json
import logging
import statistics
import sys
import time
import tracemalloc
from dataclasses import asdict, dataclass, field
from pathlib import Path

from bench.datasets import (
    CHINESE,
    READERS,
    SCRAPINGHUB,
    TAIWANESE,
    TRAFILATURA_EVAL,
    TWNEWS,
    LabelledPage,
    load_set,
)
from bench.extractors import FACTORIES, Contender, Extracted, load_contenders
from bench.metric import (
    PageScore,
    SegmentCounts,
    SetScore,
    contains_all,
    count_segments,
    score_page,
    score_set,
)

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "eval" / "extraction"
DEFAULT_SETS = (CHINESE, SCRAPINGHUB, TAIWANESE, TWNEWS, TRAFILATURA_EVAL)
REFERENCE = "trafilatura"


@dataclass
class PageResult:
    page: str
    seconds: float
    crashed: bool = False
    score: PageScore | None = None
    segments: SegmentCounts | None = None
    empty: bool = False  # nothing extracted although the gold has text
    body_ok: bool | None = None
    title_ok: bool | None = None
    title: str = ""
    peak_bytes: int | None = None


@dataclass
class Row:
    dataset: str
    extractor: str
    pages: list[PageResult] = field(default_factory=list)

    def summary(self) -> dict[str, float | int | None]:
        scores = [p.score for p in self.pages if p.score is not None]
        overall: SetScore | SegmentCounts | None = score_set(scores) if scores else None
        segment_pages = [p.segments for p in self.pages if p.segments is not None]
        if segment_pages:
            overall = sum(segment_pages, SegmentCounts())
        bodies = [p.body_ok for p in self.pages if p.body_ok is not None]
        titles = [p.title_ok for p in self.pages if p.title_ok is not None]
        peaks = [p.peak_bytes for p in self.pages if p.peak_bytes is not None]
        return {
            "pages": len(self.pages),
            "precision": overall.precision if overall else None,
            "recall": overall.recall if overall else None,
            "f1": overall.f1 if overall else None,
            "body_ok": sum(bodies) / len(bodies) if bodies else None,
            "title_ok": sum(titles) / len(titles) if titles else None,
            "median_ms": statistics.median(p.seconds for p in self.pages) * 1000 if self.pages else None,
            "empty": sum(p.empty for p in self.pages),
            "crashes": sum(p.crashed for p in self.pages),
            "peak_mib": max(peaks) / 2**20 if peaks else None,
        }


def run_page(contender: Contender, page: LabelledPage, repeat: int) -> PageResult:
    best = float("inf")
    output: Extracted = ("", "")
    crashed = False
    for _ in range(repeat):
        started = time.perf_counter()
        try:
            output = contender.extract(page.raw, page.url)
        except Exception:  # a peer's crash on one page is a result, not the end of the benchmark
            logging.getLogger(__name__).debug("%s crashed on %s", contender.name, page.name, exc_info=True)
            crashed = True
        best = min(best, time.perf_counter() - started)
        if crashed:
            break
    title, body = output
    title = title.strip()
    result = PageResult(page.name, best, crashed, title=title)
    if page.gold_body is not None:
        result.score = score_page(body, page.gold_body)
    if page.must_contain or page.must_not_contain:
        result.segments = count_segments(body, page.must_contain, page.must_not_contain)
    has_gold_text = bool((page.gold_body or "").strip() or page.must_contain or page.body_phrases)
    result.empty = has_gold_text and not body.strip()
    if page.body_phrases:
        result.body_ok = contains_all(body, page.body_phrases)
    if page.title is not None:
        result.title_ok = title == page.title.strip()
    elif page.title_phrase is not None:
        result.title_ok = page.title_phrase in title
    return result


def peak_memory(contender: Contender, page: LabelledPage) -> int:
    """Bytes allocated at the peak of one extraction (Python allocations, as tracemalloc sees them)."""
    tracemalloc.start()
    try:
        contender.extract(page.raw, page.url)
    except Exception:
        pass  # already counted as a crash in the timed pass
    finally:
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    return peak


def run(data: Path, sets: list[str], contenders: list[Contender], repeat: int, memory: bool) -> list[Row]:
    rows: list[Row] = []
    for dataset in sets:
        pages = load_set(data, dataset)
        set_rows = [Row(dataset, contender.name) for contender in contenders]
        for contender in contenders:  # warm-up: imports, caches, compiled selectors
            run_page(contender, pages[0], 1)
        for index, page in enumerate(pages):
            # Rotate who goes first, so no extractor always runs on a cold cache.
            order = list(range(len(contenders)))
            order = order[index % len(order) :] + order[: index % len(order)]
            for position in order:
                result = run_page(contenders[position], page, repeat)
                if memory:
                    result.peak_bytes = peak_memory(contenders[position], page)
                set_rows[position].pages.append(result)
        rows += set_rows
    return rows


def _figure(value: float | int | None, percent: bool = False) -> str:
    if value is None:
        return "-"
    if percent:
        return f"{value * 100:.0f}%"
    return f"{value:.3f}" if isinstance(value, float) else str(value)


def render_table(rows: list[Row], memory: bool) -> str:
    headers = ["set", "extractor", "pages", "P", "R", "F1", "body ok", "title ok", "ms/page (median)",
               f"x {REFERENCE}", "empty", "crashes"]  # fmt: skip
    if memory:
        headers.append("peak MiB")
    reference_ms = {row.dataset: row.summary()["median_ms"] for row in rows if row.extractor == REFERENCE}
    lines = []
    for row in rows:
        summary = row.summary()
        median = summary["median_ms"]
        baseline = reference_ms.get(row.dataset)
        ratio = f"{median / baseline:.2f}" if median is not None and baseline else "-"
        cells = [
            row.dataset, row.extractor, str(summary["pages"]), _figure(summary["precision"]),
            _figure(summary["recall"]), _figure(summary["f1"]), _figure(summary["body_ok"], True),
            _figure(summary["title_ok"], True), f"{median:.1f}" if median is not None else "-", ratio,
            str(summary["empty"]), str(summary["crashes"]),
        ]  # fmt: skip
        if memory:
            peak = summary["peak_mib"]
            cells.append(f"{peak:.1f}" if isinstance(peak, float) else "-")
        lines.append(cells)
    widths = [max(len(str(cell)) for cell in column) for column in zip(headers, *lines, strict=True)]

    def format_line(cells: list[str]) -> str:
        return "  ".join(cell.ljust(width) for cell, width in zip(cells, widths, strict=True)).rstrip()

    return "\n".join(
        [format_line(headers), format_line(["-" * w for w in widths])] + [format_line(c) for c in lines]
    )


def render_worst(rows: list[Row], extractor: str, count: int) -> str:
    """The pages where ``extractor`` did worst, for finding what to fix."""
    out = []
    for row in rows:
        if row.extractor != extractor:
            continue
        with_segments = [p for p in row.pages if p.segments is not None]
        for page in sorted(with_segments, key=_segment_misses, reverse=True)[:count]:
            assert page.segments is not None
            out.append(
                f"{row.dataset} {page.page}: {page.segments.false_negatives} missing,"
                f" {page.segments.false_positives} unwanted segments"
            )
        scored = [p for p in row.pages if p.score is not None]
        for page in sorted(scored, key=lambda p: p.score.precision + p.score.recall)[:count]:  # type: ignore[union-attr]
            assert page.score is not None
            out.append(f"{row.dataset} {page.page}: P {page.score.precision:.2f} R {page.score.recall:.2f}")
        missed = [page for page in row.pages if page.body_ok is False or page.title_ok is False]
        for page in missed[:count]:
            out.append(
                f"{row.dataset} {page.page}: body ok {page.body_ok}, title ok {page.title_ok} ({page.title!r})"
            )
    return "\n".join(out)


def _segment_misses(page: PageResult) -> int:
    counts = page.segments or SegmentCounts()
    return counts.false_negatives + counts.false_positives


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the eval 'extraction' folder")
    parser.add_argument("--sets", nargs="+", default=list(DEFAULT_SETS), choices=sorted(READERS))
    parser.add_argument("--extractors", nargs="+", default=list(FACTORIES), choices=list(FACTORIES))
    parser.add_argument("--repeat", type=int, default=3, help="timings per page; the best counts")
    parser.add_argument("--memory", action="store_true", help="also measure peak memory per page")
    parser.add_argument("--worst", type=int, default=0, metavar="N", help="list forumwatch's N worst pages")
    parser.add_argument(
        "--worst-of", default="forumwatch", choices=list(FACTORIES), help="whose worst pages --worst lists"
    )
    parser.add_argument("--json", type=Path, metavar="FILE", help="write per-page results as JSON")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.CRITICAL)  # extractors' complaints about pages would drown the table
    if not args.data.is_dir():
        parser.error(f"no eval data at {args.data}; pass --data")
    contenders = load_contenders(args.extractors)
    rows = run(args.data, args.sets, contenders, max(1, args.repeat), args.memory)
    versions = ", ".join(f"{c.name} {c.version}" for c in contenders)
    print(f"{versions}; Python {sys.version.split()[0]}; best of {args.repeat} timings per page\n")
    print(render_table(rows, args.memory))
    if args.worst:
        print("\n" + render_worst(rows, args.worst_of, args.worst))
    if args.json:
        args.json.write_text(json.dumps([asdict(row) for row in rows], ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
