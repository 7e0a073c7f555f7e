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

from datasketch import MinHash, MinHashLSH

from wirehouse.clusters.signatures import NUM_PERM, from_bytes

# Chosen on the labelled pairs (README "The same story"): overlap of the smaller story's
# shingles with the other's, estimated from the MinHash Jaccard and both shingle counts.
SAME_STORY_OVERLAP = 0.2
# Candidates come from LSH at this Jaccard: low, so a short version of a long story
# (Jaccard ≈ overlap × short/long) is still found; the overlap decides.
LSH_JACCARD = 0.05


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
    if a_size == 0 or b_size == 0:
        return 0.0
    jaccard = a.jaccard(b)
    shared = jaccard * (a_size + b_size) / (1.0 + jaccard)
    return min(1.0, shared / min(a_size, b_size))


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
    sketches: dict[str, MinHash] = {}
    stories: dict[str, Story] = {}
    cluster_of: dict[str, str] = {}
    cluster_of_story: dict[str, str] = {}
    for story, cluster_id in sorted(known, key=lambda sc: (sc[0].seen_at, sc[0].article_id)):
        _remember(lsh, sketches, stories, story)
        cluster_of[story.article_id] = cluster_id
        cluster_of_story.setdefault(story.story_id, cluster_id)
    for first in firsts.values():
        sketches.setdefault(first.article_id, from_bytes(first.minhash))
        stories.setdefault(first.article_id, first)
    out: list[Membership] = []
    for story in sorted(new, key=lambda s: (s.seen_at, s.article_id)):
        if story.article_id in cluster_of:
            continue  # listed twice: assigned already
        sketch = from_bytes(story.minhash)
        same_story = cluster_of_story.get(story.story_id)
        cluster_id = same_story or _most_similar_cluster(
            lsh, sketches, stories, cluster_of, story, sketch, window, threshold
        )
        first_story = stories.get(cluster_id)
        similarity = (
            1.0
            if cluster_id == story.article_id or first_story is None
            else overlap(sketch, story.shingles, sketches[cluster_id], first_story.shingles)
        )
        out.append(Membership(cluster_id, story.article_id, round(similarity, 4), story.seen_at))
        _remember(lsh, sketches, stories, story, sketch)
        cluster_of[story.article_id] = cluster_id
        cluster_of_story.setdefault(story.story_id, cluster_id)
    return out


def _remember(
    lsh: MinHashLSH,
    sketches: dict[str, MinHash],
    stories: dict[str, Story],
    story: Story,
    sketch: MinHash | None = None,
) -> None:
    sketches[story.article_id] = sketch or from_bytes(story.minhash)
    stories[story.article_id] = story
    if story.article_id not in lsh:
        lsh.insert(story.article_id, sketches[story.article_id])


def _most_similar_cluster(
    lsh: MinHashLSH,
    sketches: dict[str, MinHash],
    stories: dict[str, Story],
    cluster_of: dict[str, str],
    story: Story,
    sketch: MinHash,
    window: timedelta,
    threshold: float,
) -> str:
    best: tuple[float, datetime, str] | None = None
    for candidate_id in lsh.query(sketch):
        candidate = stories[candidate_id]
        if abs(story.seen_at - candidate.seen_at) > window or candidate_id not in cluster_of:
            continue
        score = overlap(sketch, story.shingles, sketches[candidate_id], candidate.shingles)
        # Most similar first; ties go to the earlier story, then the smaller id: deterministic.
        key = (-score, candidate.seen_at, candidate_id)
        if score >= threshold and (best is None or key < best):
            best = key
    return cluster_of[best[2]] if best else story.article_id
