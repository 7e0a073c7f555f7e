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
from typing import Any

import numpy as np
from datasketch import MinHash, MinHashLSH

from wirehouse.clusters.signatures import NUM_PERM, from_values

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
    lsh = MinHashLSH(threshold=LSH_JACCARD, num_perm=NUM_PERM)
    signatures = _Signatures(len(known) + len(firsts) + len(new))
    cluster_of: dict[str, str] = {}
    cluster_of_story: dict[str, str] = {}
    members = _IndexedMembers(lsh)
    for story, cluster_id in sorted(known, key=lambda sc: (sc[0].seen_at, sc[0].article_id)):
        members.add(cluster_id, story.article_id, _remember(lsh, signatures, story, index=False))
        cluster_of[story.article_id] = cluster_id
        cluster_of_story.setdefault(story.story_id, cluster_id)
    for first in firsts.values():
        signatures.add(first)
    out: list[Membership] = []
    for story in sorted(new, key=lambda s: (s.seen_at, s.article_id)):
        if story.article_id in cluster_of:
            continue  # listed twice: assigned already
        sketch = _remember(lsh, signatures, story, index=False)
        cluster_id = cluster_of_story.get(story.story_id) or _most_similar_cluster(
            lsh, signatures, cluster_of, story, sketch, window, threshold
        )
        similarity = 1.0
        if cluster_id != story.article_id and cluster_id in signatures.row:
            similarity = float(signatures.overlaps(story, [cluster_id])[0])
        out.append(Membership(cluster_id, story.article_id, round(similarity, 4), story.seen_at))
        members.add(cluster_id, story.article_id, sketch)
        cluster_of[story.article_id] = cluster_id
        cluster_of_story.setdefault(story.story_id, cluster_id)
    return out


class _IndexedMembers:
    """Which stories of each cluster are in the LSH index: the first and the latest few."""

    def __init__(self, lsh: MinHashLSH) -> None:
        self.lsh = lsh
        self.latest: dict[str, list[str]] = {}

    def add(self, cluster_id: str, article_id: str, sketch: MinHash) -> None:
        if article_id in self.lsh:
            return
        self.lsh.insert(article_id, sketch)
        if article_id == cluster_id:
            return
        latest = self.latest.setdefault(cluster_id, [])
        latest.append(article_id)
        if len(latest) > INDEXED_MEMBERS:
            self.lsh.remove(latest.pop(0))


def _remember(
    lsh: MinHashLSH, signatures: _Signatures, story: Story, *, index: bool = True
) -> MinHash:
    values = signatures.add(story)
    sketch = from_values(values)
    if index and story.article_id not in lsh:
        lsh.insert(story.article_id, sketch)
    return sketch


def _most_similar_cluster(
    lsh: MinHashLSH,
    signatures: _Signatures,
    cluster_of: dict[str, str],
    story: Story,
    sketch: MinHash,
    window: timedelta,
    threshold: float,
) -> str:
    candidates = sorted(
        c
        for c in lsh.query(sketch)
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
