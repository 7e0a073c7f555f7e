"""MinHash signatures over word shingles of headline + body, one per article.

Computed where the texts already are (the enrichment workers) and stored, so that clustering
later reads 512 bytes per story instead of its body. Fixed seed, permutations and hash
function: the same text gives the same signature in every process and on every run.
"""

from __future__ import annotations

import re
import zlib
from functools import cache
from typing import Any

import numpy as np
from datasketch import MinHash

# Chosen on the labelled pairs in tests/fixtures/clusters/ (see README "The same story"):
# 3-word shingles separate rewrites from different stories about the same event best.
SHINGLE_WORDS = 3
NUM_PERM = 128
SEED = 17
# datasketch ≥ 2 names how hash values were permuted; stored signatures are of this scheme.
SCHEME = "affine32"
_WORD = re.compile(r"\w+", re.UNICODE)


# datasketch's "affine32" scheme, done here on a whole story at once (`signature_values`):
# the MurmurHash3 32-bit finalizer's constants.
_FMIX32 = (np.uint32(16), np.uint32(0x85EBCA6B), np.uint32(13), np.uint32(0xC2B2AE35))


def shingles(text: str, size: int = SHINGLE_WORDS) -> set[bytes]:
    """The distinct `size`-word sequences of the text, case-folded, punctuation ignored."""
    words = [w.encode("utf-8") for w in _WORD.findall(text.casefold())]
    if len(words) < size:
        return {b" ".join(words)} if words else set()
    # The i-th shifted copies of the word list, zipped: each size-word window once.
    return set(map(b" ".join, zip(*(words[i:] for i in range(size)), strict=False)))


@cache
def _template() -> MinHash:
    return MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME)


def minhash(shingle_set: set[bytes]) -> MinHash:
    """The MinHash of a shingle set (crc32 as hash: deterministic, 2.5× faster than sha1)."""
    return from_values(signature_values(shingle_set))


def signature_values(shingle_set: set[bytes]) -> np.ndarray:
    """The MinHash values of a shingle set, as datasketch's `MinHash(hashfunc=zlib.crc32,
    scheme="affine32").update_batch` computes them (tests/clusters check it bit for bit),
    without a MinHash object per story: its set-up cost more than the hashing."""
    a, b = _template().permutations
    if not shingle_set:
        return np.full(NUM_PERM, np.iinfo(np.uint32).max, dtype=np.uint32)
    hv = np.fromiter(map(zlib.crc32, shingle_set), dtype=np.uint32, count=len(shingle_set))
    s1, m1, s2, m2 = _FMIX32
    hv = hv ^ (hv >> s1)
    hv = hv * m1
    hv = hv ^ (hv >> s2)
    hv = hv * m2
    hv = hv ^ (hv >> s1)
    # uint32 arithmetic wraps: a·h + b mod 2³², the affine permutation.
    return (hv[:, np.newaxis] * a + b).min(axis=0)


def story_text(headline: str | None, body: str) -> str:
    return f"{headline}\n{body}" if headline else body


def signature_record(article_id: str, headline: str | None, body: str) -> dict[str, Any]:
    """A row of ARTICLE_SIGNATURES (without lineage): the MinHash as bytes, shingle count."""
    shingle_set = shingles(story_text(headline, body))
    return {
        "article_id": article_id,
        "minhash": signature_values(shingle_set).astype("<u4").tobytes(),
        "shingles": len(shingle_set),
    }


def from_bytes(blob: bytes) -> MinHash:
    """A stored signature back as a MinHash (for LSH and Jaccard estimates)."""
    return from_values(np.frombuffer(blob, dtype="<u4").astype(np.uint32))


def from_values(values: np.ndarray) -> MinHash:
    """A MinHash of these hash values (sharing the fixed permutations: no set-up cost)."""
    template = _template()
    return MinHash(
        num_perm=NUM_PERM,
        seed=SEED,
        hashvalues=values,
        permutations=template.permutations,
        scheme=template.scheme,
    )
