"""Near-duplicate fingerprints: MinHash over character shingles of the script-folded text, and the
locality-sensitive band keys that let the database find candidates without scanning every article.

Two copies of one story (a reprint with other chrome, a trimmed last paragraph, an added editor's note,
the Traditional-script edition) share most of their character shingles; two different stories share
almost none, even on the same event. MinHash estimates the shingle-set Jaccard similarity from a
fixed-size signature stored with each article. The signature is cut into bands; every band is hashed into
one 64-bit key, indexed in the database: two texts are candidates when one of their band keys is equal,
which happens with high probability above the similarity threshold and almost never below it. A lookup is
a few index probes, so the cost per new article stays flat as the store grows to millions.

The parameters below are calibrated by ``bench/dedup.py`` on real articles with realistic copies and hard
negatives (see docs/topics-and-stories.md, "Stories and copies"). Changing any of them changes the stored fingerprints:
bump FINGERPRINT_VERSION and add a migration that recomputes them.
"""

from __future__ import annotations

import hashlib
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from dedup.textnorm import normalise_for_hash

FINGERPRINT_VERSION = 2  # 2: words folded (網路 and 网络 are one), dedup.textnorm.fold_words
# Characters per shingle, on text with punctuation and white space removed. Eight characters are about
# three Chinese words or one to two English words: short enough that one changed sentence leaves the rest
# of the shingles intact, long enough that unrelated news articles share almost none (mean Jaccard 0.001
# on the bench corpus, against 0.013 at five characters).
SHINGLE_SIZE = 8
NUM_PERM = 128
# 42 bands of 3 rows: a pair at Jaccard 0.5 becomes a candidate with probability 0.996, at 0.4 with 0.93,
# while an unrelated pair (Jaccard ~0.001) collides in a band with probability ~4e-8.
BANDS = 42
ROWS = 3
# Below this many shingles (a caption, a one-line brief) a signature says little: such texts are left to
# the exact content hash.
MIN_SHINGLES = 20
# A pair is one story when the estimated Jaccard similarity reaches JACCARD_THRESHOLD, or when the
# smaller text is mostly contained in the larger one (a trimmed reprint, a copy with added paragraphs),
# provided both are long enough for the estimate to be trusted. On the bench corpus, copies have Jaccard
# >= 0.5 at the 1st percentile and containment >= 0.81; different stories built on one template (earnings,
# quake bulletins) reach Jaccard 0.59, which the 0.6 threshold keeps apart.
JACCARD_THRESHOLD = 0.6
CONTAINMENT_THRESHOLD = 0.75
CONTAINMENT_MIN_SHINGLES = 60
# Containment is derived from the Jaccard estimate and the sizes; at a Jaccard of a few matching values
# out of 128 and very different sizes it is noise (a 178-shingle text "0.8 contained" in a 4,555-shingle
# one on 4 equal values). Copies on the bench corpus never fall below 0.2.
CONTAINMENT_MIN_JACCARD = 0.15
# Below this estimated Jaccard similarity two texts are never one story: too unlike by Jaccard, and too
# unlike for their containment to be trusted.
_LEAST_SAME_STORY_JACCARD = min(JACCARD_THRESHOLD, CONTAINMENT_MIN_JACCARD)
# The seed of the MinHash permutations: part of the stored format.
_SEED = 20211201
_SIGNATURE_DTYPE = np.dtype("<u4")
_BAND_BYTES = ROWS * _SIGNATURE_DTYPE.itemsize
_BAND_PERSONS = tuple(b"fw-band%d" % band for band in range(BANDS))  # each band's keys apart from the others'


@dataclass(frozen=True)
class Resemblance:
    """How alike two texts are, estimated from their fingerprints."""

    jaccard: float  # shared shingles / all shingles of both
    containment: float  # shared shingles / shingles of the smaller text

    @property
    def same_story(self) -> bool:
        return self.jaccard >= JACCARD_THRESHOLD or self.containment >= CONTAINMENT_THRESHOLD


@dataclass(frozen=True)
class NearDupFingerprint:
    """A text's MinHash signature (NUM_PERM little-endian 32-bit values) and its shingle count."""

    signature: bytes
    shingles: int

    def __post_init__(self) -> None:
        if len(self.signature) != NUM_PERM * _SIGNATURE_DTYPE.itemsize:
            raise ValueError(f"a signature has {NUM_PERM} 32-bit values, got {len(self.signature)} bytes")

    def _values(self) -> np.ndarray:
        return np.frombuffer(self.signature, dtype=_SIGNATURE_DTYPE)

    def band_keys(self) -> list[int]:
        """One signed 64-bit key per band (the database's BIGINT), distinct between bands."""
        # Kept: storing an article looks its candidates up by them, then indexes it under them.
        keys: tuple[int, ...] | None = self.__dict__.get("_band_keys")
        if keys is None:
            found = []
            for band, person in enumerate(_BAND_PERSONS):
                chunk = self.signature[band * _BAND_BYTES : (band + 1) * _BAND_BYTES]
                digest = hashlib.blake2b(chunk, digest_size=8, person=person).digest()
                found.append(int.from_bytes(digest, "little", signed=True))
            keys = tuple(found)
            object.__setattr__(self, "_band_keys", keys)  # frozen: the keys are no field of it
        return list(keys)

    def resemblance(self, other: NearDupFingerprint) -> Resemblance:
        return self._resemblance(int(np.count_nonzero(self._values() == other._values())), other.shingles)

    def resemblances(self, others: Sequence[NearDupFingerprint]) -> list[Resemblance]:
        """:meth:`resemblance` to each of ``others``, the signatures compared in one array operation (a
        lookup may return a few hundred candidates)."""
        if not others:
            return []
        signatures = np.frombuffer(b"".join(other.signature for other in others), dtype=_SIGNATURE_DTYPE)
        agreeing = np.count_nonzero(signatures.reshape(len(others), NUM_PERM) == self._values(), axis=1)
        return [self._resemblance(int(n), other.shingles) for n, other in zip(agreeing, others, strict=True)]

    def same_story_jaccards(self, signatures: Sequence[bytes], shingles: Sequence[int]) -> list[float | None]:
        """For each text of these signatures and shingle counts: the estimated Jaccard similarity to this
        one when the two are one story (:attr:`Resemblance.same_story`), else None. A story lookup's
        candidates, a few hundred at most and nearly all unrelated: their signatures are compared in one
        array operation, and only those that agree in enough values to be the same story are looked at."""
        if not signatures:
            return []
        joined = b"".join(signatures)
        if len(joined) != len(signatures) * NUM_PERM * _SIGNATURE_DTYPE.itemsize:
            raise ValueError(f"a signature has {NUM_PERM} 32-bit values")
        values = np.frombuffer(joined, dtype=_SIGNATURE_DTYPE).reshape(len(signatures), NUM_PERM)
        verdicts: list[float | None] = []
        for agreeing, other_shingles in zip(
            np.count_nonzero(values == self._values(), axis=1).tolist(), shingles, strict=True
        ):
            if agreeing / NUM_PERM < _LEAST_SAME_STORY_JACCARD:
                verdicts.append(None)
                continue
            resemblance = self._resemblance(agreeing, other_shingles)
            verdicts.append(resemblance.jaccard if resemblance.same_story else None)
        return verdicts

    def _resemblance(self, agreeing: int, other_shingles: int) -> Resemblance:
        """The resemblance to a text of ``other_shingles`` shingles whose signature agrees with this one
        in ``agreeing`` of its values."""
        jaccard = float(agreeing) / NUM_PERM
        # |A ∩ B| = J (|A| + |B|) / (1 + J), from J = |A ∩ B| / (|A| + |B| - |A ∩ B|).
        shared = jaccard * (self.shingles + other_shingles) / (1 + jaccard)
        smaller = min(self.shingles, other_shingles)
        trusted = smaller >= CONTAINMENT_MIN_SHINGLES and jaccard >= CONTAINMENT_MIN_JACCARD
        containment = min(1.0, shared / smaller) if trusted else 0.0
        return Resemblance(jaccard, containment)


def shingle_set(text: str) -> set[str]:
    """The character shingles of ``text`` after script, width and case folding, without punctuation
    or white space (so that 雙城論壇 and 双城论坛, or re-flowed paragraphs, give the same shingles)."""
    folded = normalise_for_hash(text)
    if len(folded) <= SHINGLE_SIZE:
        return {folded} if folded else set()
    return {folded[i : i + SHINGLE_SIZE] for i in range(len(folded) - SHINGLE_SIZE + 1)}


# The MinHash below is datasketch 2.0's "affine32" scheme, with which the stored signatures were
# computed, reproduced to the byte (FINGERPRINT_VERSION unchanged): each shingle's CRC-32 is mixed by the
# MurmurHash3 32-bit finaliser, then mapped by NUM_PERM affine permutations a * h + b (a odd), all in
# uint32 so that the wrap-around is the modulo 2^32; a signature value is the minimum over the shingles.
# Done here in one numpy pass: datasketch's package imports scipy (0.4 s, 39 MiB in every process) and
# builds a MinHash object per article. tests/test_dedup_neardup.py checks it against datasketch.
_FMIX32 = (16, np.uint32(0x85EBCA6B), 13, np.uint32(0xC2B2AE35), 16)
# Shingles per pass: the shingles x NUM_PERM matrix of one pass is 4,096 x 128 x 4 bytes = 2 MiB, so a
# very long text costs a few passes, not a matrix as large as itself. An article has 1,000-5,000.
_SHINGLES_PER_PASS = 4096


@lru_cache(maxsize=1)
def _permutations() -> tuple[np.ndarray, np.ndarray]:
    """The multipliers and offsets of the NUM_PERM permutations, drawn from _SEED with the same calls,
    in the same order, as datasketch's MinHash(num_perm=NUM_PERM, seed=_SEED, scheme="affine32")."""
    # RandomState's stream is frozen by numpy's compatibility policy: these draws never change.
    rng = np.random.RandomState(_SEED)
    multipliers = rng.randint(0, 1 << 31, NUM_PERM, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
    offsets = rng.randint(0, 1 << 32, NUM_PERM, dtype=np.uint32)
    return multipliers, offsets


def _mixed_hashes(shingles: set[str]) -> np.ndarray:
    """Each shingle's CRC-32 of its UTF-8 bytes, through the MurmurHash3 finaliser (a bijection that
    spreads CRC-32's linear structure before the affine permutations), as uint32."""
    # map() over a list: twice as fast as a generator into np.fromiter on 2,500 shingles.
    hashes = np.array(list(map(zlib.crc32, map(str.encode, shingles))), dtype=np.uint32)
    shift1, multiplier1, shift2, multiplier2, shift3 = _FMIX32
    hashes ^= hashes >> shift1
    hashes *= multiplier1
    hashes ^= hashes >> shift2
    hashes *= multiplier2
    hashes ^= hashes >> shift3
    return hashes


def minhash_signature(shingles: set[str]) -> np.ndarray:
    """The NUM_PERM MinHash values (uint32) of a non-empty shingle set."""
    multipliers, offsets = _permutations()
    hashes = _mixed_hashes(shingles)
    signature = np.full(NUM_PERM, np.iinfo(np.uint32).max, dtype=np.uint32)
    for start in range(0, len(hashes), _SHINGLES_PER_PASS):
        # uint32 throughout: the products wrap around modulo 2^32, as datasketch's do. A row per
        # permutation (a contiguous minimum) is faster than a row per shingle.
        permuted = np.multiply.outer(multipliers, hashes[start : start + _SHINGLES_PER_PASS])
        permuted += offsets[:, np.newaxis]
        np.minimum(signature, permuted.min(axis=1), out=signature)
    return signature


def fingerprint(text: str) -> NearDupFingerprint | None:
    """The near-duplicate fingerprint of an article's text; None when the text is too short for one."""
    shingles = shingle_set(text)
    if len(shingles) < MIN_SHINGLES:
        return None
    signature = minhash_signature(shingles).astype(_SIGNATURE_DTYPE, copy=False).tobytes()
    return NearDupFingerprint(signature, len(shingles))
