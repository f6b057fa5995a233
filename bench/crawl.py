"""Crawl benchmark: `forumwatch crawl` beside a bare Scrapy spider, on a local site of real-looking pages.

    python -m bench.crawl [--pages 2000] [--rounds 1] [--data ../shared/eval/extraction] [--json FILE]
    python -m bench.crawl --workers 1,2,4 [--postgres URL] [--redis URL] [--pages 2000] [--rounds 1]
    python -m bench.crawl --browser /usr/bin/chromium [--pages 300] [--rounds 1]

Builds a site of ``--pages`` article pages from real pages of the eval sets (Simplified and Traditional
Chinese and English templates, each page with fresh text, half of them about the Twin-City Forum; see
bench/crawl_site.py) and paginated listing pages, serves it from a Twisted static server in a process of
its own on 127.0.0.1, measures that server alone, then runs, alternately and ``--rounds`` times each, a
bare Scrapy spider that follows the same links and only reads the responses, and `forumwatch crawl`
into a fresh SQLite database: both with 16 requests in flight, no delay, no AutoThrottle, robots.txt
obeyed (the site serves one). Prints pages per second, the ratio, CPU milliseconds per page of each
process and forumwatch's by pipeline stage (the stages time themselves: crawler/stats.py), peak RSS,
and the requests of a second crawl of the unchanged site into the same database, then of one more after
the listings are served anew (a newer Last-Modified, the same links), as a news site's listings are
every night.

With ``--workers 1,2,4`` it crawls the same site with that many crawl workers instead, through Redis
into PostgreSQL, and prints pages per second per worker count and the ratio to one worker
(bench/crawl_workers.py). With ``--browser CHROMIUM`` it crawls the site plainly and with the source
rendered in that Chromium (render = "browser"), in turns: what rendering costs a page.
"""

from __future__ import annotations

import argparse
import functools
import itertools
import json
import os
import statistics
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from bench.crawl_runs import STAGES, CrawlFigures, run_bare, run_forumwatch, write_config
from bench.crawl_server import ProbeResult, ServerProcess, probe
from bench.crawl_site import Site, choose_templates, write_site

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "eval" / "extraction"
DEFAULT_POSTGRES = os.environ.get(
    "FORUMWATCH_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)
DEFAULT_REDIS = os.environ.get("FORUMWATCH_TEST_REDIS_URL", "redis://127.0.0.1:6379/0")
# The probe fetches at least this many pages (the site's articles over again on a small site), so that
# its rate is not a fraction of a second's noise.
PROBE_PAGES = 2000
# The server alone must serve this many times the fastest crawl's rate for the figures to be the crawlers'.
SERVER_HEADROOM = 3
# Seconds a crawl may take before it is killed: generous, a crawl a hundred times slower than it should be.
TIMEOUT_SECONDS = 300.0
TIMEOUT_SECONDS_PER_PAGE = 0.5


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=2000, help="article pages on the site")
    parser.add_argument("--rounds", type=int, default=1, help="crawls of each crawler, taking turns")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the eval 'extraction' folder")
    parser.add_argument("--templates", type=int, default=4, help="template pages per language")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--relisted",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="also crawl again after the listings are served anew with the same links",
    )
    parser.add_argument(
        "--workers",
        metavar="N,N,...",
        help="instead: crawl with this many `forumwatch worker`s each (e.g. 1,2,4), through Redis into PostgreSQL",
    )
    parser.add_argument(
        "--browser",
        metavar="CHROMIUM",
        help='instead: crawl the site plainly and rendered in this Chromium (render = "browser"), in turns',
    )
    parser.add_argument(
        "--postgres", default=DEFAULT_POSTGRES, help="PostgreSQL for --workers (a schema each)"
    )
    parser.add_argument("--redis", default=DEFAULT_REDIS, help="Redis for --workers (a key prefix each)")
    parser.add_argument("--keep", type=Path, metavar="DIR", help="build in DIR and keep it (site, logs, dbs)")
    parser.add_argument("--json", type=Path, metavar="FILE", help="write the figures as JSON")
    args = parser.parse_args(argv)
    if args.pages < 1 or args.rounds < 1:
        parser.error("--pages and --rounds must be at least 1")
    if args.workers is not None:
        try:
            args.workers = [int(n) for n in args.workers.split(",")]
        except ValueError:
            parser.error("--workers takes worker counts separated by commas, e.g. 1,2,4")
        if not args.workers or min(args.workers) < 1:
            parser.error("--workers takes worker counts of at least 1")
    if args.keep is not None:
        args.keep.mkdir(parents=True, exist_ok=True)
        figures = run(args, args.keep)
    else:
        with tempfile.TemporaryDirectory(prefix="forumwatch-bench-crawl-") as work:
            figures = run(args, Path(work))
    if args.json is not None:
        args.json.write_text(json.dumps(figures, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0


def run(args: argparse.Namespace, work: Path) -> dict[str, Any]:
    templates = choose_templates(args.data, args.templates, args.seed)
    (work / "site").mkdir(exist_ok=True)
    site = write_site(work / "site", args.pages, templates, args.seed)
    languages = {t.language: sum(u.language == t.language for u in templates) for t in templates}
    print(
        f"site: {len(site.article_paths):,} article pages ({site.forum_pages:,} about the forum), "
        f"{len(site.listing_paths)} listing pages, {site.total_bytes / 2**20:.1f} MiB, from "
        f"{len(templates)} templates ({', '.join(f'{n} {lang}' for lang, n in languages.items())})",
        flush=True,
    )
    timeout = TIMEOUT_SECONDS + TIMEOUT_SECONDS_PER_PAGE * args.pages
    with ServerProcess(site.root) as server:
        paths = list(itertools.islice(itertools.cycle(site.article_paths), max(PROBE_PAGES, args.pages)))
        alone = probe(server, paths)
        print(_server_line(alone), flush=True)
        if args.workers is not None:
            return _with_workers(args, work, site, server, timeout)
        if args.browser is not None:
            return _with_browser(args, work, site, server, timeout)
        runs: list[CrawlFigures] = []
        config = work / "forumwatch.toml"
        for number in range(1, args.rounds + 1):
            config = work / f"forumwatch-{number}.toml"
            write_config(config, work / f"forumwatch-{number}.db", server.base_url, len(site.listing_paths))
            crawls = [
                functools.partial(run_bare, work, server, f"bare-{number}", timeout),
                functools.partial(run_forumwatch, config, server, f"forumwatch-{number}", timeout),
            ]
            for crawl in crawls if number % 2 else reversed(crawls):  # turns, so that order is no bias
                figures = crawl()
                runs.append(figures)
                print(f"round {number}: {_run_line(figures)}", flush=True)
        again = run_forumwatch(config, server, "second-crawl", timeout)
        relisted = None
        if args.relisted:
            _serve_anew(site)
            relisted = run_forumwatch(config, server, "relisted-crawl", timeout)
    bare = [r for r in runs if r.crawler == "bare"]
    ours = [r for r in runs if r.crawler == "forumwatch"]
    print()
    print(report(site, alone, bare, ours, again, relisted))
    return {
        "pages": args.pages,
        "rounds": args.rounds,
        "site": {
            "article_pages": len(site.article_paths),
            "forum_pages": site.forum_pages,
            "listing_pages": len(site.listing_paths),
            "bytes": site.total_bytes,
            "templates": list(site.templates),
        },
        "server_alone": {
            "pages": alone.pages,
            "pages_per_second": round(alone.pages_per_second, 1),
            "cpu_ms_per_page": round(alone.server_cpu_ms_per_page, 3),
        },
        "runs": [r.to_json() for r in runs],
        "summary": summary(bare, ours),
        "second_crawl": again.to_json(),
        "relisted_crawl": relisted.to_json() if relisted else None,
    }


def _with_workers(
    args: argparse.Namespace, work: Path, site: Site, server: ServerProcess, timeout: float
) -> dict[str, Any]:
    from bench.crawl_workers import run_workers, workers_report  # Redis and PostgreSQL only here

    runs = []
    for number in range(1, args.rounds + 1):
        counts = args.workers if number % 2 else list(reversed(args.workers))  # turns, no order bias
        for count in counts:
            name = f"workers{count}-{number}"
            figures = run_workers(
                work, server, len(site.listing_paths), count, args.postgres, args.redis, name, timeout
            )
            runs.append(figures)
            print(
                f"round {number}: {count} workers: {figures.pages} pages in {figures.crawl_seconds:.1f} s, "
                f"{figures.pages_per_second:.1f} pages/s, workers' CPU {figures.worker_cpu_ms_per_page:.1f} "
                f"ms/page, run {figures.status}, {figures.new} new",
                flush=True,
            )
    print()
    print(f"On {os.cpu_count()} cores, the server, PostgreSQL and Redis on the same machine:")
    print(workers_report(runs))
    return {"pages": args.pages, "rounds": args.rounds, "workers": [f.to_json() for f in runs]}


def _with_browser(
    args: argparse.Namespace, work: Path, site: Site, server: ServerProcess, timeout: float
) -> dict[str, Any]:
    """The same site crawled plainly and rendered in a browser: what rendering costs a page."""
    runs: dict[str, list[CrawlFigures]] = {"plain": [], "browser": []}
    for number in range(1, args.rounds + 1):
        kinds = ["plain", "browser"] if number % 2 else ["browser", "plain"]
        for kind in kinds:
            config = work / f"{kind}-{number}.toml"
            browser = args.browser if kind == "browser" else None
            write_config(
                config,
                work / f"{kind}-{number}.db",
                server.base_url,
                len(site.listing_paths),
                browser=browser,
            )
            figures = run_forumwatch(config, server, f"{kind}-{number}", timeout)
            runs[kind].append(figures)
            print(f"round {number}: {kind}: {_run_line(figures)}", flush=True)
    plain, rendered = (statistics.median(r.pages_per_second for r in runs[k]) for k in ("plain", "browser"))
    plain_cpu, rendered_cpu = (
        statistics.median(r.cpu_ms_per_page for r in runs[k]) for k in ("plain", "browser")
    )
    print()
    print(_table(
        ["crawl", "pages/s", "CPU-ms per page (the crawl and its browser)", "peak RSS MiB (the crawl process alone)"],
        [
            ["plain", f"{plain:.1f}", f"{plain_cpu:.1f}", f"{max(r.process.peak_rss_mib for r in runs['plain']):.0f}"],
            ["browser", f"{rendered:.1f} ({rendered / plain:.2f}x)", f"{rendered_cpu:.1f}",
             f"{max(r.process.peak_rss_mib for r in runs['browser']):.0f}"],
        ],
    ))  # fmt: skip
    return {
        "pages": args.pages,
        "rounds": args.rounds,
        **{k: [r.to_json() for r in v] for k, v in runs.items()},
    }


def _serve_anew(site: Site) -> None:
    """Give every listing page a newer Last-Modified, as if the site had rebuilt them (same links)."""
    for path in site.listing_paths:
        file = site.root / path.lstrip("/")
        stat = file.stat()
        os.utime(file, (stat.st_atime, stat.st_mtime + 3600))


def summary(bare: Sequence[CrawlFigures], ours: Sequence[CrawlFigures]) -> dict[str, Any]:
    """Medians over the rounds (peak RSS: the highest)."""

    def median(values: Sequence[float]) -> float:
        return round(statistics.median(values), 3)

    bare_rate = median([r.pages_per_second for r in bare])
    our_rate = median([r.pages_per_second for r in ours])
    pages = median([r.pages for r in ours])
    stages = {stage: median([r.stage_cpu_ms[stage] / r.pages for r in ours]) for stage in STAGES}
    total = median([r.cpu_ms_per_page for r in ours])
    return {
        "bare_pages_per_second": bare_rate,
        "forumwatch_pages_per_second": our_rate,
        "ratio": round(our_rate / bare_rate, 4) if bare_rate else None,
        "bare_cpu_ms_per_page": median([r.cpu_ms_per_page for r in bare]),
        "forumwatch_cpu_ms_per_page": total,
        "forumwatch_cpu_ms_per_page_by_stage": {"download": round(total - sum(stages.values()), 3), **stages},
        "forumwatch_wall_ms_per_page_by_stage": {
            stage: median([r.stage_wall_ms[stage] / r.pages for r in ours]) for stage in STAGES
        },
        "bare_peak_rss_mib": max(r.process.peak_rss_mib for r in bare),
        "forumwatch_peak_rss_mib": max(r.process.peak_rss_mib for r in ours),
        "forumwatch_pages": pages,
    }


def report(
    site: Site,
    alone: ProbeResult,
    bare: Sequence[CrawlFigures],
    ours: Sequence[CrawlFigures],
    again: CrawlFigures,
    relisted: CrawlFigures | None,
) -> str:
    figures = summary(bare, ours)
    articles = len(site.article_paths)
    rounds = f"median of {len(ours)} rounds" if len(ours) > 1 else "one round"
    last_round = ours[-1]  # the crawl whose database the later crawls go into
    lines = [
        f"pages/s ({rounds}): bare Scrapy {figures['bare_pages_per_second']:.1f}, forumwatch "
        f"{figures['forumwatch_pages_per_second']:.1f}: ratio forumwatch/bare {figures['ratio']:.3f}x",
        f"article pages fetched: bare {_fetched(bare, articles)}, forumwatch {_fetched(ours, articles)}",
        f"CPU-ms per page (whole process): bare {figures['bare_cpu_ms_per_page']:.2f}, "
        f"forumwatch {figures['forumwatch_cpu_ms_per_page']:.2f}",
        f"peak RSS: bare {figures['bare_peak_rss_mib']:.0f} MiB, "
        f"forumwatch {figures['forumwatch_peak_rss_mib']:.0f} MiB",
        "RSS at each tenth of the crawl's time (last round), MiB: "
        f"bare {_tenths(bare[-1])}; forumwatch {_tenths(last_round)}",
        "",
        f"forumwatch by stage, per article page fetched ({rounds}):",
        _stage_table(figures, last_round),
        "download: the process's CPU time less the stages' (Scrapy, middlewares with the stored-URL "
        "lookups, spider, logging, start-up and shutdown); a crawl process's fixed cost is about what the "
        f"second crawl below took ({again.process.cpu_seconds:.1f} CPU-s: "
        f"{1000 * again.process.cpu_seconds / max(last_round.pages, 1):.2f} ms a page of this crawl)",
        f"the stages held the reactor thread {_reactor_share(last_round):.0%} of the crawl (wall time, last round)",
        "forumwatch counts (last round): " + ", ".join(f"{k} {v}" for k, v in last_round.counts.items()),
        "",
        f"second crawl, site unchanged, same database: {again.requests:,} requests "
        f"(first crawl: {last_round.requests:,}; {again.requests / max(last_round.requests, 1):.1%}), "
        f"{again.pages:,} pages fetched, {again.process.wall_seconds:.1f} s",
    ]
    if relisted is not None:
        lines.append(
            f"crawl after the listings were served anew (same links, newer Last-Modified): "
            f"{relisted.requests:,} requests ({relisted.requests / max(last_round.requests, 1):.1%}), "
            f"{relisted.pages:,} pages fetched, {relisted.counts.get('skipped', 0):,} skipped (stored, or seen off-topic), "
            f"{relisted.process.wall_seconds:.1f} s"
        )
    fastest = max(r.pages_per_second for r in [*bare, *ours])
    busiest = max(r.server_busy for r in [*bare, *ours])
    lines += [
        "",
        f"server alone: {alone.pages_per_second:,.0f} pages/s, {alone.pages_per_second / fastest:.1f}x the "
        f"fastest crawl; at {alone.server_cpu_ms_per_page:.2f} CPU-ms a page it could serve "
        f"~{min(alone.server_capacity, 1e6):,.0f} pages/s on a core; during the crawls it used at most "
        f"{busiest:.0%} of a core: "
        + (
            "the server is not what limits the crawlers"
            if alone.pages_per_second >= SERVER_HEADROOM * fastest and busiest < 0.5
            else "WARNING: the server may be what limits the crawlers"
        ),
    ]
    return "\n".join(lines)


def _fetched(runs: Sequence[CrawlFigures], articles: int) -> str:
    pages = sorted({r.pages for r in runs})
    word = "all" if pages == [articles] else "NOT all"
    return f"{word} ({'/'.join(map(str, pages))} of {articles})"


def _reactor_share(run: CrawlFigures) -> float:
    return sum(run.stage_wall_ms.values()) / 1000 / run.crawl_seconds if run.crawl_seconds else 0.0


def _stage_table(figures: dict[str, Any], last: CrawlFigures) -> str:
    """CPU-ms per page and share by stage, wall-ms per page, and CPU-ms per item the stage saw."""
    cpu = figures["forumwatch_cpu_ms_per_page_by_stage"]
    wall = figures["forumwatch_wall_ms_per_page_by_stage"]
    total = figures["forumwatch_cpu_ms_per_page"]
    pages = figures["forumwatch_pages"]
    counts = last.counts
    cleaned = counts.get("fetched", 0) - counts.get("empty", 0)
    items = {
        "download": counts.get("fetched", 0),
        "clean": counts.get("fetched", 0),
        "match": cleaned,
        **dict.fromkeys(
            ("events", "fingerprint", "store", "store_writer"), cleaned - counts.get("off_topic", 0)
        ),
    }
    rows = [
        [
            stage,
            f"{cpu[stage]:.2f}",
            f"{cpu[stage] / total:.0%}" if total else "-",
            f"{wall[stage]:.2f}" if stage in wall else "-",
            str(items[stage]),
            f"{cpu[stage] * pages / items[stage]:.2f}" if items[stage] else "-",
        ]
        for stage in cpu
    ]
    rows.append(["total", f"{total:.2f}", "100%", "", "", ""])
    return _table(["stage", "CPU-ms/page", "share", "wall-ms/page", "items", "CPU-ms/item"], rows)


def _tenths(run: CrawlFigures) -> str:
    return " ".join(f"{rss:.0f}" for rss in run.process.rss_mib_by_tenth) or "not measured (no /proc)"


def _run_line(run: CrawlFigures) -> str:
    return (
        f"{run.crawler:10} {run.pages:,} pages, {run.requests:,} requests in {run.crawl_seconds:.1f} s "
        f"(process {run.process.wall_seconds:.1f} s): {run.pages_per_second:.1f} pages/s, "
        f"{run.cpu_ms_per_page:.2f} CPU-ms/page, peak RSS {run.process.peak_rss_mib:.0f} MiB, "
        f"server busy {run.server_busy:.0%}"
    )


def _server_line(alone: ProbeResult) -> str:
    return (
        f"server (Twisted static File, own process): alone it served {alone.pages:,} pages in "
        f"{alone.seconds:.2f} s over 16 connections: {alone.pages_per_second:,.0f} pages/s "
        f"(a floor: the probe's client may be the slower side), {alone.server_cpu_ms_per_page:.2f} "
        f"server CPU-ms a page"
    )


def _table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """Columns aligned, the first to the left and the others to the right."""
    cells = [list(headers), *(list(row) for row in rows)]
    widths = [max(len(row[i]) for row in cells) for i in range(len(headers))]
    return "\n".join(
        "  ".join(
            cell.ljust(w) if i == 0 else cell.rjust(w)
            for i, (cell, w) in enumerate(zip(row, widths, strict=True))
        )
        for row in cells
    )


if __name__ == "__main__":
    raise SystemExit(main())
