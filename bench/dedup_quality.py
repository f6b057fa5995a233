"""The near-duplicate bench's scoring: pairs and clusters against the corpus' truth, the quality run
through the store (``save_article``) with its per-generator rows, and the calibration sweep over
JACCARD_THRESHOLD x CONTAINMENT_THRESHOLD from fingerprints alone."""

from __future__ import annotations

import random
import time
from collections import Counter, defaultdict
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np
from sqlalchemy import select
from sqlalchemy.orm import Session

from bench.dedup_corpus import ORIGINAL, Document
from dedup import neardup
from dedup.fingerprints import canonical_url
from dedup.neardup import NearDupFingerprint, Resemblance
from storage.articles import ArticleRecord, ensure_source, save_article
from storage.engine import open_database
from storage.models import Article

Pair = tuple[int, int]
# The acceptance: recall >= 0.95 at precision >= 0.99; time per article at 1M <= 1.5 x at 10k.
TARGET_PRECISION = 0.99
TARGET_RECALL = 0.95
TARGET_SLOWDOWN = 1.5
JACCARD_GRID = [round(0.30 + 0.05 * i, 2) for i in range(11)]
CONTAINMENT_GRID: list[float | None] = [round(0.60 + 0.05 * i, 2) for i in range(8)] + [None]  # None: off
# The sources the quality run spreads documents over, one per authority tier, so head election runs too.
SOURCES = (("bench-official", "official"), ("bench-wire", "wire"), ("bench-portal", "portal"), ("bench-blog", "blog"))  # fmt: skip


@dataclass(frozen=True)
class Fingerprinted:
    document: Document
    near_dup: NearDupFingerprint | None
    content_hash: str


# --- pairs and clusters ----------------------------------------------------------------------------


@dataclass(frozen=True)
class PairScore:
    precision: float
    recall: float
    true_pairs: int
    predicted_pairs: int
    correct_pairs: int


def pair_score(truth: Sequence[Hashable], predicted: Sequence[Hashable]) -> PairScore:
    """Pairwise precision and recall of a clustering against the true one (labels per document)."""

    def pairs(sizes: Iterable[int]) -> int:
        return sum(n * (n - 1) // 2 for n in sizes)

    true_pairs = pairs(Counter(truth).values())
    predicted_pairs = pairs(Counter(predicted).values())
    correct = pairs(Counter(zip(truth, predicted, strict=True)).values())
    return PairScore(
        correct / predicted_pairs if predicted_pairs else 1.0,
        correct / true_pairs if true_pairs else 1.0,
        true_pairs,
        predicted_pairs,
        correct,
    )


def components(count: int, edges: Iterable[Pair]) -> list[int]:
    """Connected components of ``count`` documents joined by ``edges``, each labelled by its smallest
    member: what the store makes of pairwise "same story" decisions, since it folds bridged stories."""
    parent = list(range(count))

    def root(node: int) -> int:
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    for a, b in edges:
        ra, rb = root(a), root(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    return [root(node) for node in range(count)]


def canonical_labels(labels: Sequence[Hashable]) -> list[int]:
    """The same clustering labelled by each cluster's smallest member, so clusterings compare."""
    first: dict[Hashable, int] = {}
    return [first.setdefault(label, index) for index, label in enumerate(labels)]


def same_content_pairs(docs: Sequence[Fingerprinted]) -> list[Pair]:
    by_hash: dict[str, list[int]] = defaultdict(list)
    for index, doc in enumerate(docs):
        by_hash[doc.content_hash].append(index)
    return [(group[0], other) for group in by_hash.values() for other in group[1:]]


def candidate_pairs(docs: Sequence[Fingerprinted]) -> set[Pair]:
    """Pairs sharing a band key: what a lookup in the near-duplicate index can find."""
    buckets: dict[int, list[int]] = defaultdict(list)
    for index, doc in enumerate(docs):
        if doc.near_dup is not None:
            for key in doc.near_dup.band_keys():
                buckets[key].append(index)
    return {(a, b) for bucket in buckets.values() for i, a in enumerate(bucket) for b in bucket[i + 1 :]}


def resemblance(docs: Sequence[Fingerprinted], pair: Pair) -> Resemblance | None:
    first, second = docs[pair[0]].near_dup, docs[pair[1]].near_dup
    return first.resemblance(second) if first is not None and second is not None else None


def percentiles(values: Sequence[float]) -> dict[str, float]:
    if not values:
        return {}
    points = np.percentile(np.asarray(values), [0, 1, 5, 50, 95, 99, 100])
    return dict(zip(("min", "p1", "p5", "p50", "p95", "p99", "max"), map(float, points), strict=True))


# --- 1. quality through the store ------------------------------------------------------------------


def store_corpus(docs: Sequence[Fingerprinted], order: Sequence[int], url: str) -> list[int]:
    """Save the documents in ``order`` through ``save_article``, one transaction each as the crawler
    does; the story id of every document (in corpus order) once all are in."""
    engine = open_database(url)
    with Session(engine) as session, session.begin():
        source_ids = [
            ensure_source(session, name, "site", f"https://{name}.invalid/", authority)
            for name, authority in SOURCES
        ]
    base = datetime(2024, 1, 1, tzinfo=UTC)
    urls = [canonical_url(f"https://bench.invalid/corpus/{index}") for index in range(len(docs))]
    for index in order:
        doc = docs[index]
        rng = random.Random(doc.document.doc_id)
        record = ArticleRecord(
            source_name=SOURCES[index % len(SOURCES)][0],
            url=urls[index],
            canonical_url=urls[index],
            content_hash=doc.content_hash,
            title=doc.document.title,
            text=doc.document.text,
            near_dup=doc.near_dup,
            published_at=base + timedelta(minutes=rng.randrange(60 * 24 * 30)),
            language=doc.document.language.split("-")[0],
        )
        with Session(engine) as session, session.begin():
            save_article(session, record, source_ids[index % len(SOURCES)])
    with Session(engine) as session:
        stories: dict[str, int] = dict(session.execute(select(Article.canonical_url, Article.story_id)).all())
    engine.dispose()
    return [stories[url] for url in urls]


@dataclass
class TransformRow:
    documents: int = 0
    joined: int = 0  # in one story with its story's original
    merged_with_imitated: int = 0  # hard negatives: in one story with the story they imitate
    wrongly_merged: int = 0  # in one story with a document of another true story


@dataclass
class Quality:
    overall: PairScore
    per_transform: dict[str, TransformRow]
    orders_agree: bool
    ms_per_article: float
    misses: list[str] = field(default_factory=list)
    false_merges: list[str] = field(default_factory=list)


def judge(docs: Sequence[Fingerprinted], stories: Sequence[int], worst: int) -> Quality:
    """Pairwise scores, per-transform rows and the worst mistakes of one stored clustering."""
    truth = [doc.document.story for doc in docs]
    originals = {doc.document.story: i for i, doc in enumerate(docs) if doc.document.transform == ORIGINAL}
    members: dict[int, list[int]] = defaultdict(list)
    for index, story in enumerate(stories):
        members[story].append(index)
    rows: dict[str, TransformRow] = defaultdict(TransformRow)
    misses: list[tuple[float, str]] = []
    for index, doc in enumerate(docs):
        document = doc.document
        row = rows[document.transform]
        row.documents += 1
        own = originals.get(document.story)
        if own is not None and own != index:
            if stories[own] == stories[index]:
                row.joined += 1
            else:
                found = resemblance(docs, (own, index))
                jaccard = found.jaccard if found else 0.0
                detail = f"J {jaccard:.2f} C {found.containment:.2f}" if found else "no fingerprint"
                misses.append(
                    (jaccard, f"{document.doc_id} ({document.transform}) apart from its original: {detail}")
                )
        imitated = originals.get(document.imitates or "")
        if imitated is not None and stories[imitated] == stories[index]:
            row.merged_with_imitated += 1
        if any(truth[other] != document.story for other in members[stories[index]]):
            row.wrongly_merged += 1
    false_merges = [
        _false_merge(docs, story, indices)
        for story, indices in members.items()
        if len({truth[i] for i in indices}) > 1
    ]
    return Quality(
        overall=pair_score(truth, stories),
        per_transform=dict(sorted(rows.items())),
        orders_agree=True,
        ms_per_article=0.0,
        misses=[text for _, text in sorted(misses)[:worst]],
        false_merges=[text for _, text in sorted(false_merges, reverse=True)[:worst]],
    )


def _false_merge(docs: Sequence[Fingerprinted], story: int, indices: list[int]) -> tuple[int, str]:
    """A stored story holding several true ones: its wrong pairs, and the closest pair across them."""
    truth = [docs[i].document.story for i in indices]
    sizes = list(Counter(truth).values())
    wrong = sum(sizes[i] * sizes[j] for i in range(len(sizes)) for j in range(i + 1, len(sizes)))
    a, b = max(
        (
            (a, b)
            for a in indices
            for b in indices
            if a < b and docs[a].document.story != docs[b].document.story
        ),
        key=lambda pair: _jaccard(docs, pair),
    )
    found = resemblance(docs, (a, b))
    closest = f"{docs[a].document.doc_id} ~ {docs[b].document.doc_id}"
    if found is not None:
        closest += f" J {found.jaccard:.2f} C {found.containment:.2f}"
    return wrong, f"story {story}: {len(sizes)} true stories, {wrong} wrong pairs; closest: {closest}"


def _jaccard(docs: Sequence[Fingerprinted], pair: Pair) -> float:
    found = resemblance(docs, pair)
    return found.jaccard if found else 0.0


def run_quality(
    docs: Sequence[Fingerprinted], seed: int, orders: int, worst: int, folder: Path
) -> tuple[Quality, list[int]]:
    """Store the corpus in ``orders`` shuffled orders; the judgement of the first, and its stories."""
    clusterings = []
    started = time.perf_counter()
    for run in range(orders):
        order = list(range(len(docs)))
        random.Random(f"{seed}:order:{run}").shuffle(order)
        clusterings.append(store_corpus(docs, order, f"sqlite:///{folder / f'quality-{run}.db'}"))
    quality = judge(docs, clusterings[0], worst)
    quality.orders_agree = all(canonical_labels(c) == canonical_labels(clusterings[0]) for c in clusterings)
    quality.ms_per_article = (time.perf_counter() - started) * 1000 / (orders * len(docs))
    return quality, clusterings[0]


# --- 2. calibration from fingerprints ---------------------------------------------------------------


@dataclass(frozen=True)
class SweepPoint:
    setting: dict[str, float | None]
    score: PairScore


@dataclass
class Calibration:
    distributions: dict[str, dict[str, dict[str, float]]]  # group -> measure -> percentile -> value
    candidate_recall: float  # true pairs sharing a band key
    sweep: list[SweepPoint]
    stored: SweepPoint
    best: SweepPoint
    simulation_agrees: bool | None = None  # the stored setting's clustering equals the store's


def best_point(points: Sequence[SweepPoint]) -> SweepPoint:
    """Highest recall at the target precision (then highest precision); highest F1 if none reaches it."""
    reaching = [p for p in points if p.score.precision >= TARGET_PRECISION]
    if reaching:
        return max(reaching, key=lambda p: (p.score.recall, p.score.precision))
    return max(
        points,
        key=lambda p: 2 * p.score.precision * p.score.recall / ((p.score.precision + p.score.recall) or 1),
    )


def hard_negative_pairs(docs: Sequence[Fingerprinted]) -> set[Pair]:
    """The negative pairs the corpus makes on purpose: each hard negative with every document of the
    story it imitates, and the instances of one template with each other."""
    by_story: dict[str, list[int]] = defaultdict(list)
    families: dict[str, list[int]] = defaultdict(list)
    for index, doc in enumerate(docs):
        by_story[doc.document.story].append(index)
        if doc.document.transform == "template" and doc.document.imitates:
            families[doc.document.imitates].append(index)
    hard = {(a, b) for group in families.values() for i, a in enumerate(group) for b in group[i + 1 :]}
    for index, doc in enumerate(docs):
        if doc.document.imitates and doc.document.transform != "template":
            hard |= {(min(index, other), max(index, other)) for other in by_story[doc.document.imitates]}
    return hard


def calibrate(docs: Sequence[Fingerprinted], seed: int) -> tuple[Calibration, list[int]]:
    """Resemblance distributions and the threshold sweep; also the clustering at the stored setting."""
    truth = [doc.document.story for doc in docs]
    by_story: dict[str, list[int]] = defaultdict(list)
    for index, story in enumerate(truth):
        by_story[story].append(index)
    true_pairs = [(a, b) for group in by_story.values() for i, a in enumerate(group) for b in group[i + 1 :]]
    hard = hard_negative_pairs(docs)
    rng = random.Random(f"{seed}:negatives")
    others: set[Pair] = set()
    while len(others) < min(20_000, len(docs) * (len(docs) - 1) // 4):
        a, b = sorted(rng.sample(range(len(docs)), 2))
        if truth[a] != truth[b] and (a, b) not in hard:
            others.add((a, b))
    distributions = {}
    for group, pairs in (("same story", true_pairs), ("hard negative", sorted(hard)), ("other negative", sorted(others))):  # fmt: skip
        found = [r for pair in pairs if (r := resemblance(docs, pair)) is not None]
        distributions[group] = {
            "jaccard": percentiles([r.jaccard for r in found]),
            "containment": percentiles([r.containment for r in found]),
        }
    candidates = candidate_pairs(docs)
    scored = {pair: r for pair in candidates if (r := resemblance(docs, pair)) is not None}
    exact = same_content_pairs(docs)

    def clustering(jaccard: float, containment: float | None) -> list[int]:
        def joins(r: Resemblance) -> bool:
            return r.jaccard >= jaccard or (containment is not None and r.containment >= containment)

        return components(len(docs), exact + [pair for pair, r in scored.items() if joins(r)])

    sweep = [
        SweepPoint({"jaccard": j, "containment": c}, pair_score(truth, clustering(j, c)))
        for j in JACCARD_GRID
        for c in CONTAINMENT_GRID
    ]
    stored_labels = clustering(neardup.JACCARD_THRESHOLD, neardup.CONTAINMENT_THRESHOLD)
    stored = SweepPoint(
        {"jaccard": neardup.JACCARD_THRESHOLD, "containment": neardup.CONTAINMENT_THRESHOLD},
        pair_score(truth, stored_labels),
    )
    candidate_recall = sum(1 for pair in true_pairs if pair in candidates) / max(1, len(true_pairs))
    calibration = Calibration(distributions, candidate_recall, sweep, stored, best_point(sweep))
    return calibration, stored_labels


def _limit(value: float | None) -> str:
    return "off" if value is None else f"{value:.2f}"
