"""Assign new stories to clusters of the same story, against the stories of the last days.

Incremental: each night only the stories not yet in a cluster are assigned, compared with the
clustered stories of the window (their stored signatures, never their bodies) and with each
other, in order of their time. A story joins the cluster of an earlier version of itself (same
`story_id`), else of its most similar earlier story within the window when that is similar
enough, else it starts a cluster named by its own article id. Same input, same clusters.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache
from typing import Any

import numpy as np
from datasketch import MinHash, MinHashLSH

from wirehouse.clusters.signatures import NUM_PERM

# Chosen on the labelled pairs (README "The same story"): overlap of the smaller story's
# shingles with the other's, estimated from the MinHash Jaccard and both shingle counts.
SAME_STORY_OVERLAP = 0.2
# Candidates come from LSH at this Jaccard: low, so a short version of a long story
# (Jaccard ≈ overlap × short/long) is still found; the overlap decides.
LSH_JACCARD = 0.05
# A cluster is found through its first story and its latest members, this many: a big cluster
# (a night of near-identical market reports) would otherwise answer every query thousands of
# times over.
INDEXED_MEMBERS = 5


@dataclass(frozen=True, slots=True)
class Story:
    article_id: str
    story_id: str
    minhash: bytes
    shingles: int
    seen_at: datetime


@dataclass(frozen=True, slots=True)
class Membership:
    cluster_id: str
    article_id: str
    similarity: float  # overlap with the cluster's first story
    first_seen: datetime


def overlap(a: MinHash, a_size: int, b: MinHash, b_size: int) -> float:
    """|A ∩ B| / min(|A|, |B|), estimated from the signatures' Jaccard and the set sizes."""
    return float(_overlaps(a.jaccard(b), a_size, np.array([b_size]))[0])


def _overlaps(jaccard: Any, size: int, sizes: np.ndarray) -> np.ndarray:
    """`overlap` for many stories at once (numpy arrays of Jaccard estimates and sizes)."""
    jaccard = np.asarray(jaccard, dtype=np.float64)
    shared = jaccard * (size + sizes) / (1.0 + jaccard)
    smaller = np.minimum(size, sizes)
    return np.where(smaller > 0, np.minimum(1.0, shared / np.maximum(smaller, 1)), 0.0)


class _Signatures:
    """Every story's signature as one row of a matrix, so a story is compared with all its
    candidates in one numpy operation (a night of near-identical stories has thousands)."""

    def __init__(self, capacity: int) -> None:
        self.values = np.zeros((max(capacity, 1), NUM_PERM), dtype=np.uint32)
        self.row: dict[str, int] = {}
        self.stories: dict[str, Story] = {}

    def add(self, story: Story) -> np.ndarray:
        if story.article_id not in self.row:
            self.row[story.article_id] = len(self.row)
            self.stories[story.article_id] = story
            self.values[self.row[story.article_id]] = np.frombuffer(story.minhash, dtype="<u4")
        return self.values[self.row[story.article_id]]

    def overlaps(self, story: Story, others: Sequence[str]) -> np.ndarray:
        rows = [self.row[o] for o in others]
        jaccard = (self.values[rows] == self.values[self.row[story.article_id]]).mean(axis=1)
        sizes = np.array([self.stories[o].shingles for o in others])
        return _overlaps(jaccard, story.shingles, sizes)


@cache
def _bands() -> tuple[tuple[int, int], ...]:
    """The LSH bands (ranges of signature positions) datasketch chooses for LSH_JACCARD."""
    lsh = MinHashLSH(threshold=LSH_JACCARD, num_perm=NUM_PERM)
    return tuple((int(start), int(end)) for start, end in lsh.hashranges)


class _BandIndex:
    """Stories that share an LSH band with a story: the banding of datasketch's `MinHashLSH`
    with its parameters, over the signature matrix the night holds anyway. Inserting into
    `MinHashLSH` costs ~0.3 ms a story (a bytes copy and a storage call per band); a night
    inserts every story of its window, so here a story's band keys are one array view."""

    def __init__(self, signatures: _Signatures) -> None:
        self.signatures = signatures
        self.bands = _bands()
        self.width = self.bands[0][1] - self.bands[0][0]
        # Bands of one width side by side (datasketch's ranges): all keys are one array view.
        self.uniform = all(end - start == self.width for start, end in self.bands) and all(
            a[1] == b[0] for a, b in zip(self.bands, self.bands[1:], strict=False)
        )
        self.tables: list[dict[bytes, set[str]]] = [{} for _ in self.bands]
        self.keys: dict[str, list[bytes]] = {}

    def __contains__(self, article_id: str) -> bool:
        return article_id in self.keys

    def _keys(self, article_id: str) -> list[bytes]:
        values = self.signatures.values[self.signatures.row[article_id]]
        span = values[self.bands[0][0] : self.bands[-1][1]]
        if self.uniform:
            return list(np.ascontiguousarray(span).view(f"V{4 * self.width}").tolist())
        return [values[start:end].tobytes() for start, end in self.bands]

    def insert(self, article_id: str) -> None:
        keys = self.keys[article_id] = self._keys(article_id)
        for table, key in zip(self.tables, keys, strict=True):
            bucket = table.get(key)
            if bucket is None:
                table[key] = {article_id}
            else:
                bucket.add(article_id)

    def remove(self, article_id: str) -> None:
        for table, key in zip(self.tables, self.keys.pop(article_id), strict=True):
            table[key].discard(article_id)

    def query(self, article_id: str) -> set[str]:
        found: set[str] = set()
        for table, key in zip(self.tables, self._keys(article_id), strict=True):
            found.update(table.get(key, ()))
        return found


def assign(
    known: Sequence[tuple[Story, str]],
    firsts: dict[str, Story],
    new: Sequence[Story],
    *,
    window: timedelta,
    threshold: float = SAME_STORY_OVERLAP,
) -> list[Membership]:
    """Clusters for `new` stories. `known`: clustered stories of the window with their cluster;
    `firsts`: the first story of each of those clusters (for the recorded similarity)."""
    signatures = _Signatures(len(known) + len(firsts) + len(new))
    index = _BandIndex(signatures)
    cluster_of: dict[str, str] = {}
    cluster_of_story: dict[str, str] = {}
    members = _IndexedMembers(index)
    for story, cluster_id in sorted(known, key=lambda sc: (sc[0].seen_at, sc[0].article_id)):
        signatures.add(story)
        members.add(cluster_id, story.article_id)
        cluster_of[story.article_id] = cluster_id
        cluster_of_story.setdefault(story.story_id, cluster_id)
    for first in firsts.values():
        signatures.add(first)
    out: list[Membership] = []
    for story in sorted(new, key=lambda s: (s.seen_at, s.article_id)):
        if story.article_id in cluster_of:
            continue  # listed twice: assigned already
        signatures.add(story)
        cluster_id = cluster_of_story.get(story.story_id) or _most_similar_cluster(
            index, signatures, cluster_of, story, window, threshold
        )
        similarity = 1.0
        if cluster_id != story.article_id and cluster_id in signatures.row:
            similarity = float(signatures.overlaps(story, [cluster_id])[0])
        out.append(Membership(cluster_id, story.article_id, round(similarity, 4), story.seen_at))
        members.add(cluster_id, story.article_id)
        cluster_of[story.article_id] = cluster_id
        cluster_of_story.setdefault(story.story_id, cluster_id)
    return out


class _IndexedMembers:
    """Which stories of each cluster are in the band index: the first and the latest few."""

    def __init__(self, index: _BandIndex) -> None:
        self.index = index
        self.latest: dict[str, list[str]] = {}

    def add(self, cluster_id: str, article_id: str) -> None:
        if article_id in self.index:
            return
        self.index.insert(article_id)
        if article_id == cluster_id:
            return
        latest = self.latest.setdefault(cluster_id, [])
        latest.append(article_id)
        if len(latest) > INDEXED_MEMBERS:
            self.index.remove(latest.pop(0))


def _most_similar_cluster(
    index: _BandIndex,
    signatures: _Signatures,
    cluster_of: dict[str, str],
    story: Story,
    window: timedelta,
    threshold: float,
) -> str:
    candidates = sorted(
        c
        for c in index.query(story.article_id)
        if c in cluster_of and abs(story.seen_at - signatures.stories[c].seen_at) <= window
    )
    if not candidates:
        return story.article_id
    scores = signatures.overlaps(story, candidates)
    # Most similar first; ties go to the earlier story, then the smaller id: deterministic.
    best = min(
        (
            (-score, signatures.stories[c].seen_at, c)
            for score, c in zip(scores.tolist(), candidates, strict=True)
            if score >= threshold
        ),
        default=None,
    )
    return cluster_of[best[2]] if best else story.article_id
