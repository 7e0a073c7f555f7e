"""One bad story costs that story: isolation in enrichment, long texts in pieces."""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial

import pyarrow as pa
import pytest

from tests.nlp.faulty import DIE_MARKER, RAISE_MARKER, build_faulty_package
from wirehouse.nlp.enrich import ArticleText, enrich_texts
from wirehouse.nlp.isolation import enrich_isolated, failure_reason, oversize
from wirehouse.nlp.parallel import enrich_parallel
from wirehouse.nlp.pieces import split_pieces
from wirehouse.nlp.pool import shutdown_pools
from wirehouse.nlp.registry import PipelineRegistry
from wirehouse.quarantine import apply_failures
from wirehouse.schema import FILE_OUTCOMES, PARSED, SKIPPED_ITEMS
from wirehouse.settings import Settings


@pytest.fixture(scope="module")
def faulty(tmp_path_factory: pytest.TempPathFactory) -> str:
    return build_faulty_package(tmp_path_factory.mktemp("faulty"))


def _story(n: int, extra: str = "") -> ArticleText:
    body = f"Story number {n} is about the harbour. The mayor spoke on Monday. {extra}".strip()
    return ArticleText(f"a{n}", "en", f"Headline {n}", body, [])


def test_a_story_that_raises_is_the_only_one_lost(faulty: str) -> None:
    texts = [_story(1), _story(2, RAISE_MARKER), _story(3)]
    registry = PipelineRegistry({"en": faulty})
    enrich = partial(enrich_texts, registry=registry)
    with pytest.raises(ValueError):
        enrich(texts)  # the chunk as a whole fails ...
    out = enrich_isolated(texts, enrich)  # ... isolation finds the culprit
    assert set(out.pipelines) == {"a1", "a3"}
    assert out.failures == {"a2": "enrich: ValueError: fault injected on a marked text"}
    assert {r["article_id"] for r in out.sentences} == {"a1", "a3"}


def test_failure_reason_names_the_stage_in_one_bounded_line() -> None:
    reason = failure_reason("enrich", ValueError("first line\nsecond line" + "x" * 500))
    assert reason == "enrich: ValueError: first line"
    assert failure_reason("detect language", KeyError()) == "detect language: KeyError"
    assert len(failure_reason("enrich", ValueError("y" * 5000))) < 330


def test_oversize_stories_are_failures_with_the_setting_named() -> None:
    kept, failed = oversize([_story(1), ArticleText("big", "en", None, "x" * 5000, [])], 4000)
    assert [t.article_id for t in kept] == ["a1"]
    assert "5,000 characters" in failed["big"] and "WIREHOUSE_MAX_STORY_CHARS" in failed["big"]


def test_max_story_chars_is_validated() -> None:
    with pytest.raises(ValueError):
        Settings(max_story_chars=10)
    assert Settings().max_story_chars == 2_000_000


@pytest.mark.parametrize(
    "text",
    [
        "para one.\n\npara two is here.\n\n" * 9000,
        "line one\nline two\n" * 12000,
        "Satz eins. " * 25000,
        "x" * 250_001,
        "word " * 50_000 + "\n\n" + "y" * 120_000,
    ],
)
def test_split_pieces_joins_back_and_stays_under_the_size(text: str) -> None:
    pieces = split_pieces(text, 100_000)
    assert "".join(pieces) == text
    assert all(0 < len(p) <= 100_000 for p in pieces) and len(pieces) > 1


def test_a_long_story_is_enriched_in_pieces_with_offsets_into_the_whole_text() -> None:
    """1.1 million characters: past spaCy's max_length (E088) in one piece."""
    paragraph = "Anna Schmidt sprach am Montag in Hamburg über den Hafen. Er wächst.\n\n"
    body = paragraph * (1_100_000 // len(paragraph) + 1)
    text = ArticleText("long", "de", "Hafen", body, [])
    out = enrich_texts([text], PipelineRegistry({}))
    body_rows = [r for r in out.sentences if r["part"] == "body"]
    assert len(body_rows) == 2 * body.count(paragraph)
    assert all(body[r["start_char"] : r["end_char"]] == r["text"] for r in body_rows)
    assert body_rows[-1]["end_char"] > 1_000_000


def test_apply_failures_skips_some_and_quarantines_a_file_whose_every_story_failed() -> None:
    def article(aid: str, path: str, index: int) -> dict[str, object]:
        return {
            "article_id": aid,
            "story_id": aid,
            "format": "ninjs",
            "body": "text",
            "word_count": 1,
            "guid": f"g-{aid}",
            "source_file": path,
            "source_sha256": f"sha-{path}",
            "item_index": index,
        }

    articles = pa.Table.from_pylist(
        [article("a1", "f1", 0), article("a2", "f1", 1), article("b1", "f2", 0)], schema=PARSED
    )
    outcomes = pa.Table.from_pylist(
        [
            {
                "path": p,
                "sha256": f"sha-{p}",
                "size_bytes": 1,
                "format": "ninjs",
                "status": s,
                "reason": None,
                "articles": n,
                "run_id": "r",
            }
            for p, s, n in (("f1", "loaded", 2), ("f2", "loaded", 1))
        ],
        schema=FILE_OUTCOMES,
    )
    skipped = pa.Table.from_pylist([], schema=SKIPPED_ITEMS)
    failures = {"a2": "enrich: ValueError: boom", "b1": "detect language: KeyError: x"}
    new_outcomes, new_skipped = apply_failures(failures, articles, outcomes, skipped)
    assert new_outcomes.select(["path", "status", "reason", "articles"]).to_pylist() == [
        {"path": "f1", "status": "loaded", "reason": None, "articles": 1},
        {
            "path": "f2",
            "status": "quarantined",
            "reason": "detect language: KeyError: x",
            "articles": 0,
        },
    ]
    assert new_skipped.select(
        ["source_file", "item_index", "guid", "item_type", "reason"]
    ).to_pylist() == [
        {
            "source_file": "f1",
            "item_index": 1,
            "guid": "g-a2",
            "item_type": "article",
            "reason": "quarantined at enrich: ValueError: boom",
        }
    ]


@pytest.fixture
def pool_settings(faulty: str) -> Iterator[Settings]:
    yield Settings(pipelines={"en": faulty}, nlp_processes=2, nlp_batch_size=4)
    shutdown_pools()


# The pool sees its worker die, is replaced and the chunk retried: 80 s on a loaded machine.
@pytest.mark.slow
def test_a_story_that_kills_its_worker_is_the_only_one_lost(pool_settings: Settings) -> None:
    texts = [_story(n, DIE_MARKER if n == 4 else "") for n in range(8)]
    out = enrich_parallel(texts, pool_settings, processes=2)
    assert set(out.pipelines) == {f"a{n}" for n in range(8)} - {"a4"}
    assert list(out.failures) == ["a4"] and "worker process died" in out.failures["a4"]
    # The pool was replaced: the next call works as usual.
    again = enrich_parallel([_story(10), _story(11)], pool_settings, processes=2)
    assert set(again.pipelines) == {"a10", "a11"} and not again.failures


def test_a_story_that_raises_in_a_worker_is_the_only_one_lost(pool_settings: Settings) -> None:
    texts = [_story(n, RAISE_MARKER if n == 2 else "") for n in range(6)]
    out = enrich_parallel(texts, pool_settings, processes=2)
    assert set(out.pipelines) == {f"a{n}" for n in range(6)} - {"a2"}
    assert out.failures == {"a2": "enrich: ValueError: fault injected on a marked text"}
