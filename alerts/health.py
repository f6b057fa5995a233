"""Source health: after every run, each source's stats against its own recent past.

A source is failing when it found no articles for several runs in a row (a feed that answers "304 Not
Modified" is alive, only quiet), when a site's listing linked to the same articles run after run (it
stopped updating, or moved), when its share of failed requests or of pages without an article jumped
above its usual, or when pages decoded with replacement characters or read as mojibake. A failing spell
raises one health alert, not one per run; a recovery says so once. A run that did not crawl at all
(crashed, timed out, missed, refused, abandoned) alerts by itself.
"""

from __future__ import annotations

import statistics
from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from alerts.settings import HealthPolicy
from storage.health import HealthChange, judge
from storage.models import CrawlRun, Source
from storage.outbox import AlertDraft, enqueue
from storage.runs import source_history

HEALTH_RULE = "health"
# The baseline of a rate is the median of the source's runs before this one, up to this many.
BASELINE_RUNS = 7
# Runs that ended without crawling what they were meant to.
FAILED_RUN_STATUSES = ("failed", "crashed", "timed-out", "abandoned", "refused", "missed")


def diagnose(history: Sequence[dict[str, Any]], policy: HealthPolicy, kind: str | None = None) -> list[str]:
    """The problems of a source of ``kind`` ("site", "feed") from its stats in its latest runs, newest
    (the run judged) first."""
    if not history:
        return []
    current, before = history[0], history[1 : 1 + BASELINE_RUNS]
    problems = []
    recent = history[: policy.silent_runs]
    if len(recent) == policy.silent_runs and not any(_alive(stats) for stats in recent):
        problems.append(f"no articles in the last {policy.silent_runs} runs")
    stale_runs = policy.stale_listing_runs
    if kind == "site" and stale_runs is not None:
        problems += _stale_listing(history[:stale_runs], stale_runs)
    requests = _requests(current)
    if requests >= policy.min_requests:
        rate = _share(current.get("errors", 0), requests)
        usual = _median_share(before, "errors", _requests)
        if rate - usual >= policy.error_rate_jump:
            kinds = ", ".join(f"{kind} {n}" for kind, n in sorted(current.get("errors_by_kind", {}).items()))
            problems.append(
                f"{current.get('errors', 0)} of {requests} requests failed ({rate:.0%}, usually {usual:.0%})"
                + (f": {kinds}" if kinds else "")
            )
    pages = _cleaned(current)
    if pages >= policy.min_requests:
        rate = _share(current.get("empty", 0), pages)
        usual = _median_share(before, "empty", _cleaned)
        if rate - usual >= policy.empty_rate_jump:
            problems.append(
                f"no article found in {current.get('empty', 0)} of {pages} pages ({rate:.0%}, usually"
                f" {usual:.0%}): has the site's layout changed?"
            )
    garbled = int(current.get("replacement_pages", 0))
    if garbled >= policy.replacement_pages:
        problems.append(f"{garbled} pages decoded with replacement characters: a wrong or missing charset?")
    mojibake = int(current.get("mojibake_pages", 0))
    if mojibake >= policy.mojibake_pages:
        problems.append(f"{mojibake} pages read as mojibake: a charset declared wrongly?")
    return problems


def _alive(stats: dict[str, Any]) -> bool:
    # Articles downloaded, or found and skipped as stored already: the source still lists articles. Or
    # its feed answered "304 Not Modified": nothing new since last time, which is an answer too.
    seen = int(stats.get("fetched", 0)) + int(stats.get("skipped", 0))
    return seen > 0 or int(stats.get("feed_not_modified", 0)) > 0


def _stale_listing(recent: Sequence[dict[str, Any]], runs: int) -> list[str]:
    """Whether the listing's links stayed the same in the ``runs`` latest runs (``recent``, newest first).

    By the digest of the article links the listing showed ("listing_digest"), where the crawl recorded
    one. Else by what every run records: the listing showed only articles stored already (nothing to
    download, no error, not cut short), as many each time. That misses an unchanged listing of articles
    that matched no topic (not stored, so downloaded again each run), but raises no false alarm: a
    listing with a single unseen link downloads it.
    """
    if len(recent) < runs:
        return []
    digests = {stats.get("listing_digest") for stats in recent}
    if None not in digests:
        unchanged = len(digests) == 1
    else:
        unchanged = all(_only_stored_links(stats) for stats in recent) and (
            len({stats["skipped"] for stats in recent}) == 1
        )
    return [f"listing unchanged in the last {runs} runs: stopped updating, or moved?"] if unchanged else []


def _only_stored_links(stats: dict[str, Any]) -> bool:
    complete = not stats.get("stopped_early") and int(stats.get("errors", 0)) == 0
    return complete and int(stats.get("fetched", 0)) == 0 and int(stats.get("skipped", 0)) > 0


def _requests(stats: dict[str, Any]) -> int:
    return int(stats.get("requests", 0))


def _cleaned(stats: dict[str, Any]) -> int:
    """The pages the cleaner extracted from: the fetched ones but those the topic screen ruled out (a
    sample of which it cleaned all the same: crawler/pipelines/clean.py)."""
    return int(stats.get("fetched", 0)) - int(stats.get("screened_out", 0))


def _share(part: Any, whole: Any) -> float:
    return float(part) / float(whole) if whole else 0.0


def _median_share(
    history: Sequence[dict[str, Any]], part: str, whole: Callable[[dict[str, Any]], int]
) -> float:
    shares = [_share(stats.get(part, 0), whole(stats)) for stats in history if whole(stats)]
    return statistics.median(shares) if shares else 0.0


def check_run(session: Session, policy: HealthPolicy, run: CrawlRun) -> list[HealthChange]:
    """Judge every source the run crawled and enqueue health alerts. The caller commits."""
    changes = []
    crawled = (run.stats or {}).get("sources", {})
    sources = {name: (source_id, kind) for name, source_id, kind in session.execute(
        select(Source.name, Source.id, Source.kind))}  # fmt: skip
    window = max(policy.silent_runs, BASELINE_RUNS + 1, policy.stale_listing_runs or 0)
    for name in sorted(crawled):
        if name not in sources:
            continue
        source_id, kind = sources[name]
        history = source_history(session, name, run.id, window)
        change = judge(session, source_id, name, diagnose(history, policy, kind), run.id)
        changes.append(change)
        if change.started_failing or change.recovered:
            state = "failing-since" if change.started_failing else "recovered-at"
            occasion = f"{state}:{change.since_run_id}"
            payload = {
                "source": name,
                "problems": list(change.problems),
                "run_id": run.id,
                "recovered": change.recovered,
            }
            _enqueue_health(session, policy, f"source:{name}", occasion, run.id, payload)
    if run.status in FAILED_RUN_STATUSES:
        schedule = run.schedule or "manual"
        problem = f"run {run.id} {run.status}" + (f": {run.error}" if run.error else "")
        payload = {
            "source": f"schedule {schedule}",
            "problems": [problem],
            "run_id": run.id,
            "recovered": False,
        }
        _enqueue_health(session, policy, f"schedule:{schedule}", f"run:{run.id}", run.id, payload)
    return changes


def _enqueue_health(
    session: Session, policy: HealthPolicy, subject: str, occasion: str, run_id: int, payload: dict[str, Any]
) -> None:
    for channel in policy.channels:
        enqueue(
            session,
            AlertDraft(
                subject=subject,
                rule=HEALTH_RULE,
                channel=channel,
                occasion=occasion,
                run_id=run_id,
                payload=payload,
            ),
        )
