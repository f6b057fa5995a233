"""Near-duplicate bench: how well and how fast the store folds copies of a story into one.

    python -m bench.dedup [--data DIR] [--sizes 10000,100000,1000000] [--sample 300] [--skip-scale]
                          [--worst N] [--json [FILE]] [--seed N]

1. Quality: the corpus of ``bench.dedup_corpus`` (real articles, their copies, hard negatives) goes through
   the real storage path (``save_article`` on a fresh SQLite file) in shuffled orders; pairwise precision
   and recall of "same story", per copy generator and per negative kind.
2. Calibration, from fingerprints alone: resemblance of true and negative pairs, and precision/recall
   over a grid of JACCARD_THRESHOLD x CONTAINMENT_THRESHOLD (the stored setting is marked).
3. MinHash beside a 64-bit SimHash over the same shingles: each at its best threshold, and how many
   candidates a lookup returns in each index at N stored articles.
4. Scale: milliseconds per stored article at 10k, 100k and 1M stored articles (SQLite), with the ratio.

Precision and recall count pairs of documents: a pair is "together" when the store put both in one
story, and "truly together" when the corpus says they are one story.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

from bench.dedup_corpus import DEFAULT_DATA, ORIGINAL, build_corpus, load_originals
from bench.dedup_quality import (
    CONTAINMENT_GRID,
    JACCARD_GRID,
    TARGET_PRECISION,
    TARGET_RECALL,
    TARGET_SLOWDOWN,
    Calibration,
    Fingerprinted,
    Quality,
    TransformRow,
    _limit,
    calibrate,
    canonical_labels,
    run_quality,
)
from bench.dedup_scale import FILLER_PRAGMAS, ScaleLevel, run_scale
from bench.dedup_simhash import Comparison, compare
from dedup import neardup
from dedup.fingerprints import content_hash
from dedup.neardup import fingerprint

# --- report -------------------------------------------------------------------------------------------


@dataclass
class Report:
    seed: int
    documents: int
    originals: dict[str, int]
    constants: dict[str, float | int]
    quality: Quality
    calibration: Calibration
    comparison: Comparison
    scale: list[ScaleLevel] | None
    scale_sample: int


def render_table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    cells = [[str(h) for h in headers]] + [[str(cell) for cell in row] for row in rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(headers))]
    lines = ["  ".join(cell.rjust(width) if i else cell.ljust(width) for i, (cell, width) in enumerate(zip(row, widths, strict=True))).rstrip() for row in cells]  # fmt: skip
    lines.insert(1, "  ".join("-" * width for width in widths))
    return "\n".join(lines)


def _share(part: int, whole: int) -> str:
    return f"{part / whole:.3f}" if whole else "-"


def _amount(value: float) -> str:
    return f"{value:,.0f}" if value >= 100 else f"{value:.2g}"


def render_quality(quality: Quality, orders: int, worst: int) -> str:
    score = quality.overall
    met = score.recall >= TARGET_RECALL and score.precision >= TARGET_PRECISION
    script = [row for name, row in quality.per_transform.items() if name == "script"]
    combined = [row for name, row in quality.per_transform.items() if "script+" in name]
    lines = [
        f"1. Same story through the store (save_article on SQLite, {orders} shuffled orders; "
        f"identical stories in every order: {'yes' if quality.orders_agree else 'NO'}; "
        f"{quality.ms_per_article:.1f} ms per article, all in)",
        f"pairs: precision {score.precision:.4f}  recall {score.recall:.4f}  (true {score.true_pairs}, "
        f"put together {score.predicted_pairs}, correct {score.correct_pairs}); recall >= {TARGET_RECALL} "
        f"at precision >= {TARGET_PRECISION}: {'met' if met else 'NOT MET'}",
        f"Traditional/Simplified copies in their original's story: {_joined(script)} alone, "
        f"{_joined(combined)} with another change",
        "",
    ]
    rows = []
    for name, row in quality.per_transform.items():
        copies = row.documents if name != ORIGINAL and name != "template" else 0
        imitating = row.documents if name in ("same-event", "follow-up") else 0
        rows.append([name, row.documents, _share(row.joined, copies), _share(row.merged_with_imitated, imitating), _share(row.wrongly_merged, row.documents)])  # fmt: skip
    lines.append(
        render_table(["document", "n", "joined its story", "merged with imitated", "wrongly merged"], rows)
    )
    if worst:
        lines += ["", f"Worst misses ({len(quality.misses)} shown):", *quality.misses]
        lines += [f"Worst false merges ({len(quality.false_merges)} shown):", *quality.false_merges]
    return "\n".join(lines)


def _joined(rows: Sequence[TransformRow]) -> str:
    joined, total = sum(row.joined for row in rows), sum(row.documents for row in rows)
    return f"{joined}/{total} ({_share(joined, total)})"


def render_calibration(calibration: Calibration) -> str:
    lines = ["2. Calibration from fingerprints alone (no database)"]
    rows = []
    for group, measures in calibration.distributions.items():
        for measure, quantiles in measures.items():
            rows.append([measure, group, *(f"{value:.3f}" for value in quantiles.values())])
    lines.append(render_table(["", "pairs", "min", "p1", "p5", "p50", "p95", "p99", "max"], rows))
    lines.append(f"true pairs that share a band key (LSH candidates): {calibration.candidate_recall:.4f}")
    stored = (calibration.stored.setting["jaccard"], calibration.stored.setting["containment"])
    points = {(p.setting["jaccard"], p.setting["containment"]): p.score for p in calibration.sweep}
    for measure in ("precision", "recall"):
        grid = []
        for jaccard in JACCARD_GRID:
            cells = []
            for containment in CONTAINMENT_GRID:
                value = f"{getattr(points[(jaccard, containment)], measure):.4f}"
                cells.append(value + ("*" if (jaccard, containment) == stored else " "))
            grid.append([f"J >= {jaccard:.2f}", *cells])
        lines += ["", f"{measure} (stories as the store forms them), rows JACCARD_THRESHOLD, columns CONTAINMENT_THRESHOLD; * stored"]  # fmt: skip
        lines.append(render_table(["", *(f"C {_limit(c)} " for c in CONTAINMENT_GRID)], grid))
    for label, point in (("stored setting", calibration.stored), ("best setting", calibration.best)):
        lines.append(
            f"{label}: JACCARD_THRESHOLD {_limit(point.setting['jaccard'])}, CONTAINMENT_THRESHOLD "
            f"{_limit(point.setting['containment'])}: precision {point.score.precision:.4f}, recall {point.score.recall:.4f}"
        )
    reached = calibration.best.score.precision >= TARGET_PRECISION
    lines[-1] += (
        f"  (highest {'recall at precision' if reached else 'F1: no setting reaches precision'} >= {TARGET_PRECISION})"
    )
    if calibration.simulation_agrees is not None:
        agrees = "yes" if calibration.simulation_agrees else "NO (see storage.stories.MAX_CANDIDATES)"
        lines.append(f"the stored setting, simulated from fingerprints, gives the store's stories: {agrees}")
    return "\n".join(lines)


def render_comparison(comparison: Comparison) -> str:
    lines = ["3. MinHash beside SimHash on the same shingles, each at its best setting"]
    sizes = [cost.stored for cost in comparison.minhash.costs]
    rows = []
    for scheme in (comparison.minhash, comparison.simhash):
        cells = [f"{'<' if c.bound else ''}{_amount(c.candidates)} ({c.probes:,})" for c in scheme.costs]
        rows.append([scheme.name, scheme.setting, f"{scheme.score.precision:.4f}", f"{scheme.score.recall:.4f}", f"{scheme.fingerprint_ms:.2f}", *cells])  # fmt: skip
    headers = ["scheme", "setting", "P", "R", "ms/text", *(f"at {size:,}" for size in sizes)]
    lines.append(render_table(headers, rows))
    lines.append(
        "at N: articles of other stories a lookup returns among N stored (the rate measured on the corpus'\n"
        "unrelated pairs, designed hard negatives left out; < is a 95 % bound when none was seen) and, in\n"
        "brackets, index probes per lookup = index rows per article. SimHash blocks are sized so that a\n"
        "table key has >= log2(N) bits (pigeonhole: k differing bits leave b - k of b blocks equal)."
    )
    sweep = comparison.simhash_sweep
    for chunk in (sweep[:13], sweep[13:]):
        rows = [
            ["P", *(f"{p.score.precision:.3f}" for p in chunk)],
            ["R", *(f"{p.score.recall:.3f}" for p in chunk)],
        ]
        lines += ["", render_table(["Hamming <=", *(str(p.setting["hamming"]) for p in chunk)], rows)]
    return "\n".join(lines)


def render_scale(levels: Sequence[ScaleLevel], sample: int) -> str:
    lines = [
        f"4. Time per stored article as the store grows (SQLite; {sample} corpus articles saved one "
        "transaction each through save_article, then removed; filler: one story per article, random signatures)"
    ]
    rows = [[f"{level.stored:,}", f"{level.median_ms:.2f}", f"{level.mean_ms:.2f}", f"{level.candidates:.2f}", f"{level.fill_seconds:.0f}"] for level in levels]  # fmt: skip
    lines.append(render_table(["stored", "ms/article median", "mean", "candidates/lookup", "fill s"], rows))
    if len(levels) > 1:
        first, last = levels[0], levels[-1]
        ratio = last.median_ms / first.median_ms
        lines.append(
            f"ratio {last.stored:,}/{first.stored:,}: median {ratio:.2f} (<= {TARGET_SLOWDOWN}: "
            f"{'met' if ratio <= TARGET_SLOWDOWN else 'NOT MET'}), "
            f"mean {last.mean_ms / first.mean_ms:.2f}; filling took {sum(level.fill_seconds for level in levels):.0f} s "
            f"with {', '.join(FILLER_PRAGMAS)} on the filler's connection only"
        )
    return "\n".join(lines)


def render(report: Report, orders: int, worst: int) -> str:
    languages = ", ".join(f"{count} {language}" for language, count in report.originals.items())
    constants = ", ".join(f"{name} {value}" for name, value in report.constants.items())
    parts = [
        f"Near-duplicate bench: {report.documents} documents from {sum(report.originals.values())} originals "
        f"({languages}); seed {report.seed}\nstored constants: {constants}",
        render_quality(report.quality, orders, worst),
        render_calibration(report.calibration),
        render_comparison(report.comparison),
    ]
    if report.scale is not None:
        parts.append(render_scale(report.scale, report.scale_sample))
    return "\n\n".join(parts)


def _sizes(text: str) -> list[int]:
    sizes = sorted({int(part) for part in text.split(",") if part.strip()})
    if not sizes or sizes[0] < 1:
        raise ValueError(text)
    return sizes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the eval 'extraction' folder")
    parser.add_argument("--sizes", type=_sizes, default=[10_000, 100_000, 1_000_000], help="stored articles at which to time inserts")  # fmt: skip
    parser.add_argument("--sample", type=int, default=300, help="corpus articles timed at each size")
    parser.add_argument("--skip-scale", action="store_true", help="quality and calibration only")
    parser.add_argument("--orders", type=int, default=2, help="shuffled insertion orders in the quality run")
    parser.add_argument(
        "--worst", type=int, default=0, metavar="N", help="list the N worst misses and false merges"
    )
    parser.add_argument("--json", nargs="?", const="-", metavar="FILE", help="the results as JSON (to FILE, or instead of the report)")  # fmt: skip
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    if not args.data.is_dir():
        parser.error(f"no eval data at {args.data}; pass --data")

    originals = load_originals(args.data)
    corpus = build_corpus(originals, args.seed)
    started = time.perf_counter()
    docs = [Fingerprinted(d, fingerprint(d.text), content_hash(d.text)) for d in corpus]
    minhash_ms = (time.perf_counter() - started) * 1000 / len(docs)
    calibration, simulated = calibrate(docs, args.seed)
    comparison = compare(docs, calibration, minhash_ms, args.sizes)
    with tempfile.TemporaryDirectory(prefix="forumwatch-dedup-") as folder:
        quality, stories = run_quality(docs, args.seed, max(1, args.orders), args.worst, Path(folder))
        calibration.simulation_agrees = canonical_labels(simulated) == canonical_labels(stories)
        scale = None
        if not args.skip_scale:
            sample = random.Random(f"{args.seed}:sample").sample(docs, min(args.sample, len(docs)))
            scale = run_scale(sample, args.sizes, Path(folder), args.seed)
    report = Report(
        seed=args.seed,
        documents=len(docs),
        originals=dict(Counter(o.draft.language for o in originals).most_common()),
        constants={
            "SHINGLE_SIZE": neardup.SHINGLE_SIZE,
            "NUM_PERM": neardup.NUM_PERM,
            "BANDS": neardup.BANDS,
            "ROWS": neardup.ROWS,
            "JACCARD_THRESHOLD": neardup.JACCARD_THRESHOLD,
            "CONTAINMENT_THRESHOLD": neardup.CONTAINMENT_THRESHOLD,
            "CONTAINMENT_MIN_SHINGLES": neardup.CONTAINMENT_MIN_SHINGLES,
        },
        quality=quality,
        calibration=calibration,
        comparison=comparison,
        scale=scale,
        scale_sample=args.sample,
    )
    if args.json != "-":
        print(render(report, max(1, args.orders), args.worst))
    if args.json:
        text = json.dumps(asdict(report), ensure_ascii=False, indent=1)
        if args.json == "-":
            print(text)
        else:
            Path(args.json).write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
