"""Near-duplicate articles (syndicated copies of one wire story): MinHash signatures and LSH bands.

Signatures come from datasketch's MinHash over word 3-shingles of the cleaned text; the banding
(b bands of r rows) is datasketch's optimum for the threshold. The bands are stored in SQLite so
that a new article finds its candidates with one indexed query instead of an in-memory index
rebuilt per run; candidates are confirmed by the estimated Jaccard similarity. Within one
language only (DESIGN.md): a translation is not a copy.
"""
from __future__ import annotations

import functools
import hashlib
import re
from dataclasses import dataclass

import numpy as np
from datasketch import MinHash
from datasketch.lsh import _optimal_param

WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class NearDupRules:
    """When two articles count as copies of one story."""

    threshold: float = 0.8  # estimated Jaccard similarity of word 3-shingle sets
    num_perm: int = 128
    shingle: int = 3
    min_shingles: int = 20  # shorter texts are never called copies: too little to compare
    seed: int = 1


@functools.cache
def banding(threshold: float, num_perm: int) -> tuple[int, int]:
    """(bands, rows per band) from datasketch, weighted to miss few copies: every candidate is
    confirmed by its estimated similarity, so a false candidate costs one comparison."""
    bands, rows = _optimal_param(threshold, num_perm, 0.1, 0.9)
    return int(bands), int(rows)


def shingles(text: str, size: int) -> set[str]:
    """The set of lower-cased word n-grams of a text."""
    words = [w.casefold() for w in WORD.findall(text)]
    return {" ".join(words[i:i + size]) for i in range(len(words) - size + 1)}


def signature(text: str, rules: NearDupRules) -> np.ndarray | None:
    """The MinHash signature (uint64 array) of a text, or None when it is too short."""
    grams = shingles(text, rules.shingle)
    if len(grams) < rules.min_shingles:
        return None
    minhash = MinHash(num_perm=rules.num_perm, seed=rules.seed)
    minhash.update_batch([g.encode("utf-8") for g in sorted(grams)])
    return np.asarray(minhash.hashvalues, dtype=np.uint64)


def bands(sig: np.ndarray, rules: NearDupRules) -> list[tuple[int, int]]:
    """(band index, signed 64-bit hash of the band's rows): equal bands mark candidates."""
    count, rows = banding(rules.threshold, rules.num_perm)
    out = []
    for band in range(count):
        digest = hashlib.sha1(sig[band * rows:(band + 1) * rows].tobytes()).digest()
        out.append((band, int.from_bytes(digest[:8], "big", signed=True)))
    return out


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    """Estimated Jaccard similarity: the share of equal signature positions."""
    return float(np.count_nonzero(a == b)) / len(a)


def to_blob(sig: np.ndarray) -> bytes:
    return sig.astype("<u8").tobytes()


def from_blob(blob: bytes) -> np.ndarray:
    return np.frombuffer(blob, dtype="<u8").astype(np.uint64)
