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


def shingles(text: str, size: int = SHINGLE_WORDS) -> set[bytes]:
    """The distinct `size`-word sequences of the text, case-folded, punctuation ignored."""
    words = _WORD.findall(text.casefold())
    if len(words) < size:
        return {" ".join(words).encode("utf-8")} if words else set()
    return {" ".join(words[i : i + size]).encode("utf-8") for i in range(len(words) - size + 1)}


@cache
def _template() -> MinHash:
    return MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME)


def minhash(shingle_set: set[bytes]) -> MinHash:
    """The MinHash of a shingle set (crc32 as hash: deterministic, 2.5× faster than sha1)."""
    template = _template()
    sketch = MinHash(
        num_perm=NUM_PERM,
        seed=SEED,
        hashfunc=zlib.crc32,
        permutations=template.permutations,
        scheme=template.scheme,
    )
    if shingle_set:
        sketch.update_batch(sorted(shingle_set))
    return sketch


def story_text(headline: str | None, body: str) -> str:
    return f"{headline}\n{body}" if headline else body


def signature_record(article_id: str, headline: str | None, body: str) -> dict[str, Any]:
    """A row of ARTICLE_SIGNATURES (without lineage): the MinHash as bytes, shingle count."""
    shingle_set = shingles(story_text(headline, body))
    return {
        "article_id": article_id,
        "minhash": minhash(shingle_set).hashvalues.astype("<u4").tobytes(),
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
