"""The near-duplicate bench's comparison: MinHash beside a 64-bit SimHash over the same shingles, each
at its best threshold, and how many candidates a lookup returns in each index at N stored articles."""

from __future__ import annotations

import math
import time
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from bench.dedup_quality import (
    Calibration,
    Fingerprinted,
    Pair,
    PairScore,
    SweepPoint,
    _limit,
    best_point,
    candidate_pairs,
    canonical_labels,
    components,
    hard_negative_pairs,
    pair_score,
    same_content_pairs,
)
from dedup import neardup
from dedup.neardup import shingle_set

MAX_HAMMING = 24


# --- 3. SimHash beside MinHash ---------------------------------------------------------------------


@dataclass
class IndexCost:
    """One index scheme at N stored articles: lookups per new article, index rows per article, and the
    candidates (articles of other stories) a lookup returns, measured on the corpus' negative pairs."""

    stored: int
    probes: int
    candidates: float
    bound: bool = False  # no candidate seen among the negative pairs: ``candidates`` is a 95 % bound


@dataclass
class Scheme:
    name: str
    setting: str
    score: PairScore
    fingerprint_ms: float
    costs: list[IndexCost]


@dataclass
class Comparison:
    minhash: Scheme
    simhash: Scheme
    simhash_sweep: list[SweepPoint]


def simhash_values(docs: Sequence[Fingerprinted]) -> tuple[np.ndarray, float]:
    """64-bit SimHash of each text over the same shingles as MinHash, and milliseconds per text."""
    try:  # in the bench extra only
        from simhash import Simhash
    except ModuleNotFoundError as error:
        raise SystemExit("bench.dedup compares MinHash with SimHash: pip install -e '.[bench]'") from error
    started = time.perf_counter()
    values = [Simhash(sorted(shingle_set(doc.document.text)), f=64).value for doc in docs]
    elapsed = (time.perf_counter() - started) * 1000 / len(docs)
    return np.asarray(values, dtype=np.uint64), elapsed


def _blocks(count: int) -> list[int]:
    """Masks of ``count`` near-equal blocks of the 64 bits."""
    sizes = [64 // count + (1 if i < 64 % count else 0) for i in range(count)]
    masks, start = [], 0
    for size in sizes:
        masks.append(((1 << size) - 1) << start)
        start += size
    return masks


def block_layout(max_distance: int, stored: int) -> tuple[int, int]:
    """The permuted-block index for Hamming distance <= k at N stored: b blocks, of which any b - k
    form a table key (pigeonhole: k differing bits spoil at most k blocks). The fewest blocks whose
    keys have log2(N) bits keep the random matches per table below one. Returns (blocks, tables)."""
    needed = math.log2(max(2, stored))
    for count in range(max_distance + 1, 65):
        sizes = sorted(bin(mask).count("1") for mask in _blocks(count))
        if sum(sizes[: count - max_distance]) >= needed:
            return count, math.comb(count, max_distance)
    return 64, math.comb(64, max_distance)


def _rate_cost(found: int, negatives: int, stored: int, probes: int) -> IndexCost:
    if found:
        return IndexCost(stored, probes, found / negatives * stored)
    return IndexCost(stored, probes, 3 / negatives * stored, bound=True)


def popcount(values: np.ndarray) -> np.ndarray:
    """Set bits of each 64-bit value (numpy's bitwise_count needs numpy 2; the project allows 1.26)."""
    bits = np.unpackbits(np.ascontiguousarray(values, dtype=np.uint64).view(np.uint8).reshape(-1, 8), axis=1)
    counts: np.ndarray = bits.sum(axis=1)
    return counts


def simhash_sweep(docs: Sequence[Fingerprinted], values: np.ndarray) -> list[SweepPoint]:
    """Precision and recall of "same story" when Hamming distance <= k joins two texts, k = 0..24."""
    truth = [doc.document.story for doc in docs]
    close: dict[int, list[Pair]] = defaultdict(list)
    for a in range(len(docs) - 1):
        distances = popcount(values[a] ^ values[a + 1 :])
        for offset in np.nonzero(distances <= MAX_HAMMING)[0]:
            close[int(distances[offset])].append((a, a + 1 + int(offset)))
    sweep, edges = [], same_content_pairs(docs)
    for distance in range(MAX_HAMMING + 1):
        edges += close[distance]
        sweep.append(SweepPoint({"hamming": distance}, pair_score(truth, components(len(docs), edges))))
    return sweep


def simhash_costs(
    docs: Sequence[Fingerprinted], values: np.ndarray, distance: int, sizes: Sequence[int], hard: set[Pair]
) -> list[IndexCost]:
    """Candidates per lookup in a permuted-block index for Hamming distance <= ``distance``: a pair is a
    candidate when at most ``distance`` of its blocks differ (so that some table key is equal)."""
    story_ids = np.asarray(canonical_labels([doc.document.story for doc in docs]))
    costs = []
    for stored in sizes:
        count, tables = block_layout(distance, stored)
        masks = np.asarray(_blocks(count), dtype=np.uint64)
        found = 0
        for a in range(len(docs) - 1):
            near = _spoiled_blocks(values, a, slice(a + 1, None), masks) <= distance
            found += int(np.count_nonzero(near & (story_ids[a + 1 :] != story_ids[a])))
        found -= sum(int(_spoiled_blocks(values, a, [b], masks)[0] <= distance) for a, b in hard)
        costs.append(_rate_cost(found, _unrelated_pairs(docs, hard), stored, tables))
    return costs


def _spoiled_blocks(
    values: np.ndarray, first: int, others: slice | list[int], masks: np.ndarray
) -> np.ndarray:
    """How many blocks differ between text ``first`` and each of ``others``."""
    xor = values[first] ^ values[others]
    spoiled: np.ndarray = np.count_nonzero((xor[:, None] & masks[None, :]) != 0, axis=1)
    return spoiled


def _unrelated_pairs(docs: Sequence[Fingerprinted], hard: set[Pair]) -> int:
    sizes = Counter(doc.document.story for doc in docs).values()
    return len(docs) * (len(docs) - 1) // 2 - sum(n * (n - 1) // 2 for n in sizes) - len(hard)


def compare(
    docs: Sequence[Fingerprinted], calibration: Calibration, minhash_ms: float, sizes: Sequence[int]
) -> Comparison:
    """MinHash at its best calibrated setting beside SimHash at its best Hamming distance. Candidate
    rates come from unrelated pairs (the designed hard negatives left out): a store of N articles is
    mostly unrelated stories, and the corpus holds far more look-alikes than N articles would."""
    truth = [doc.document.story for doc in docs]
    hard = hard_negative_pairs(docs)
    values, simhash_ms = simhash_values(docs)
    sweep = simhash_sweep(docs, values)
    best = best_point(sweep)
    distance = int(best.setting["hamming"] or 0)
    unrelated = _unrelated_pairs(docs, hard)
    false_candidates = sum(
        1 for pair in candidate_pairs(docs) if truth[pair[0]] != truth[pair[1]] and pair not in hard
    )
    setting = calibration.best.setting
    minhash = Scheme(
        f"MinHash {neardup.NUM_PERM} x 32 bit, LSH {neardup.BANDS} x {neardup.ROWS}",
        f"J >= {_limit(setting['jaccard'])} or C >= {_limit(setting['containment'])}",
        calibration.best.score,
        minhash_ms,
        [_rate_cost(false_candidates, unrelated, stored, neardup.BANDS) for stored in sizes],
    )
    simhash = Scheme(
        "SimHash 64 bit, permuted blocks",
        f"Hamming <= {distance}",
        best.score,
        simhash_ms,
        simhash_costs(docs, values, distance, sizes, hard),
    )
    return Comparison(minhash, simhash, sweep)
