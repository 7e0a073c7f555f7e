"""Same-story clusters on stories of our own (tests/fixtures/clusters/events.json)."""

from __future__ import annotations

import zlib
from datetime import UTC, datetime, timedelta

from datasketch import MinHash

from bench.same_story import event_texts, labelled_pairs, precision_recall, scores
from wirehouse.clusters.assign import Membership, Story, assign
from wirehouse.clusters.signatures import (
    NUM_PERM,
    SCHEME,
    SEED,
    SHINGLE_WORDS,
    from_bytes,
    shingles,
    signature_record,
)

T0 = datetime(2026, 12, 1, 6, 0, tzinfo=UTC)
WINDOW = timedelta(days=3)


def story(key: str, story_id: str, headline: str, body: str, hours: float) -> Story:
    record = signature_record(key, headline, body)
    return Story(key, story_id, record["minhash"], record["shingles"], T0 + timedelta(hours=hours))


def all_stories() -> list[Story]:
    out = []
    hour = 0.0
    for _key, _lang, versions, other in event_texts():
        for text in [*versions, other]:
            # The correction is a new version of the original story; the re-send has a new id.
            story_id = text.key.removesuffix("/corr")
            out.append(story(text.key, story_id, text.headline, text.body, hour))
            hour += 0.5
    return out


def test_signature_is_deterministic_and_compact() -> None:
    a = signature_record("a", "Kopf", "Ein Text über den Bahnstreik am Montag in Berlin.")
    b = signature_record("a", "Kopf", "Ein Text über den Bahnstreik am Montag in Berlin.")
    assert a == b and len(a["minhash"]) == 512
    assert from_bytes(a["minhash"]).jaccard(from_bytes(b["minhash"])) == 1.0
    assert shingles("Der Bahn-Streik, der Bahn-Streik!", 3) == shingles(
        "der bahn streik der bahn streik", 3
    )


def test_signature_is_datasketchs_minhash_bit_for_bit() -> None:
    # Stored signatures must stay comparable with those of earlier nights: the vectorised
    # computation is datasketch's affine32 MinHash over crc32 of each shingle.
    reference = MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME)
    for _key, _lang, versions, other in event_texts():
        for text in [*versions, other]:
            record = signature_record(text.key, text.headline, text.body)
            sketch = MinHash(
                num_perm=NUM_PERM,
                seed=SEED,
                hashfunc=zlib.crc32,
                permutations=reference.permutations,
                scheme=SCHEME,
            )
            sketch.update_batch(shingles(f"{text.headline}\n{text.body}"))
            assert record["minhash"] == sketch.hashvalues.astype("<u4").tobytes()
    empty = signature_record("e", None, "")
    assert from_bytes(empty["minhash"]).is_empty() and empty["shingles"] == 0


def test_labelled_pairs_meet_the_target() -> None:
    pairs = labelled_pairs()
    assert len(pairs) >= 100
    precision, recall = precision_recall(scores(SHINGLE_WORDS), 0.2)
    assert precision >= 0.95 and recall >= 0.9


def test_versions_and_rewrites_cluster_other_stories_do_not() -> None:
    memberships = assign([], {}, all_stories(), window=WINDOW)
    cluster = {m.article_id: m.cluster_id for m in memberships}
    for key, _lang, versions, other in event_texts():
        assert {cluster[v.key] for v in versions} == {f"{key}/original"}, key
        assert cluster[other.key] == other.key, key


def test_incremental_nights_give_the_same_clusters_and_nothing_twice() -> None:
    stories = all_stories()
    at_once = assign([], {}, stories, window=WINDOW)
    first_night, second_night = stories[::2], stories[1::2]
    night1 = assign([], {}, first_night, window=WINDOW)
    cluster_of = {m.article_id: m.cluster_id for m in night1}
    known = [(s, cluster_of[s.article_id]) for s in first_night]
    firsts = {s.article_id: s for s in first_night}
    night2 = assign(known, firsts, second_night, window=WINDOW)
    by_article = {m.article_id: m.cluster_id for m in [*night1, *night2]}
    # Interleaved nights put each version with its event: same grouping as one big night.
    assert groups(by_article) == groups({m.article_id: m.cluster_id for m in at_once})
    assert assign(known, firsts, [], window=WINDOW) == []


def test_window_keeps_old_stories_out() -> None:
    stories = all_stories()
    original = stories[0]
    late = Story("late", "late", original.minhash, original.shingles, T0 + timedelta(days=5))
    memberships = assign([(original, original.article_id)], {}, [late], window=WINDOW)
    assert memberships == [Membership("late", "late", 1.0, late.seen_at)]


def groups(cluster_of: dict[str, str]) -> set[frozenset[str]]:
    by_cluster: dict[str, set[str]] = {}
    for article, cluster in cluster_of.items():
        by_cluster.setdefault(cluster, set()).add(article)
    return {frozenset(g) for g in by_cluster.values()}


def test_band_index_finds_what_datasketchs_lsh_finds() -> None:
    # assign() bands the signature matrix itself (datasketch's insert cost ~0.3 ms a story);
    # the candidates must be those of datasketch's MinHashLSH with the same parameters.
    from datasketch import MinHashLSH

    from wirehouse.clusters.assign import LSH_JACCARD, _BandIndex, _Signatures

    stories = all_stories()
    signatures = _Signatures(len(stories))
    index = _BandIndex(signatures)
    lsh = MinHashLSH(threshold=LSH_JACCARD, num_perm=NUM_PERM)
    for s in stories:
        signatures.add(s)
    for s in stories[::2]:
        index.insert(s.article_id)
        lsh.insert(s.article_id, from_bytes(s.minhash))
    for s in stories[: len(stories) // 3 : 2]:
        index.remove(s.article_id)
        lsh.remove(s.article_id)
    for s in stories:
        assert index.query(s.article_id) == set(lsh.query(from_bytes(s.minhash))), s.article_id
