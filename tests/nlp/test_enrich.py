"""enrich_texts / enrich_parallel end to end on stories written for the tests."""

from __future__ import annotations

import pytest

from wirehouse.nlp.enrich import ArticleText, Enrichment, enrich_texts
from wirehouse.nlp.parallel import enrich_parallel
from wirehouse.nlp.pool import shutdown_pools
from wirehouse.nlp.registry import PipelineRegistry
from wirehouse.schema import ENTITIES, KEYWORDS, QUOTES, SENTENCES
from wirehouse.settings import Settings

TEXTS = [
    ArticleText(
        "a1",
        "de",
        "Scholz: „Wir liefern weiter“",
        "Bundeskanzler Olaf Scholz hat in Berlin neue Hilfen für die Ukraine angekündigt. "
        "„Wir stehen an der Seite der Ukraine“, sagte Scholz am Montag.\n\n"
        "Die Opposition kritisierte die Pläne. „Das reicht nicht“, sagte Friedrich Merz.",
        ["Berlin"],
    ),
    ArticleText(
        "a2",
        "en",
        "Markets rally",
        '"Inflation is falling," said Christine Lagarde in Frankfurt. Stocks rose.',
        ["FRANKFURT"],
    ),
    ArticleText("a3", "und", None, "12:30 +++ 4,5 % +++ ok", []),
    ArticleText(
        "a4",
        "de-AT",
        None,
        'Die Regierung in Wien plant eine Steuerreform. "Die Reform kommt", sagte er.',
        ["WIEN", "GRAZ"],
    ),
    ArticleText("a5", "de", "", "", []),
]


def _check_rows(texts: list[ArticleText], out: Enrichment) -> None:
    by_id = {t.article_id: t for t in texts}
    for row in out.sentences + out.entities + out.quotes:
        t = by_id[row["article_id"]]
        source = {
            "headline": t.headline or "",
            "body": t.body,
            "dateline": "/".join(t.dateline_places),
        }[row["part"]]
        text = row["quote"] if "quote" in row else row["text"]
        assert source[row["start_char"] : row["end_char"]] == text
    for table, rows in (
        (SENTENCES, out.sentences),
        (ENTITIES, out.entities),
        (QUOTES, out.quotes),
        (KEYWORDS, out.keywords),
    ):
        lineage = {"nlp_pipeline", "run_id", "ingest_date"}
        expected = set(table.names) - lineage
        for row in rows:
            assert set(row) == expected, table
    assert all(e["label"] in ("PER", "LOC", "ORG", "MISC") for e in out.entities)


def test_enrich_texts_rows_valid_and_ordered() -> None:
    registry = PipelineRegistry({"de": "/nonexistent/de_model"})
    out = enrich_texts(TEXTS, registry, batch_size=2, keywords_per_article=5)
    _check_rows(TEXTS, out)
    assert set(out.pipelines) == {t.article_id for t in TEXTS}
    assert out.pipelines["a1"][0] == "blank:de"
    assert out.pipelines["a2"][0] == "blank:en"
    assert out.pipelines["a3"][0] == "blank:xx"
    assert out.pipelines["a4"] == out.pipelines["a1"]
    # Rows come in input order, whatever the language grouping did.
    seen = [r["article_id"] for r in out.sentences]
    assert seen == sorted(seen)
    quotes = {(q["article_id"], q["quote"]): q["speaker_norm"] for q in out.quotes}
    assert quotes[("a2", "Inflation is falling,")] == "Christine Lagarde"
    assert ("a1", "Wir liefern weiter") in quotes
    assert {k["article_id"] for k in out.keywords} >= {"a1", "a2", "a4"}
    datelines = [e for e in out.entities if e["is_dateline"]]
    assert [(e["article_id"], e["norm"]) for e in datelines] == [
        ("a1", "Berlin"),
        ("a2", "Frankfurt"),
        ("a4", "Wien"),
        ("a4", "Graz"),
    ]
    again = enrich_texts(TEXTS, registry, batch_size=64, keywords_per_article=5)
    assert again == out


# Two workers loading several languages, against the in-process result: ~1 min loaded.
@pytest.mark.slow
def test_enrich_parallel_matches_enrich_texts() -> None:
    settings = Settings(pipelines={"de": "/nonexistent/de_model"}, keywords_per_article=5)
    texts = TEXTS * 3
    expected = enrich_texts(
        texts,
        PipelineRegistry(settings.pipelines),
        batch_size=settings.nlp_batch_size,
        keywords_per_article=5,
    )
    try:
        first = enrich_parallel(texts, settings, processes=2)
        second = enrich_parallel(texts[::-1], settings, processes=2)  # same pool, reused
    finally:
        shutdown_pools()
    assert first == expected
    assert second == enrich_texts(
        texts[::-1], PipelineRegistry(settings.pipelines), keywords_per_article=5
    )
    assert enrich_parallel(texts, settings, processes=1) == expected


@pytest.mark.parametrize("processes", [0, 1])
def test_enrich_parallel_in_process(processes: int) -> None:
    settings = Settings(pipelines={"de": "blank", "en": "blank", "fr": "blank"})
    out = enrich_parallel(TEXTS[:2], settings, processes=processes)
    assert out.pipelines["a1"][0] == "blank:de"


def test_enrich_parallel_language_chunks_keep_input_order() -> None:
    from dataclasses import replace

    settings = Settings(pipelines={"de": "/nonexistent/de_model"}, keywords_per_article=5)
    texts = [replace(t, article_id=f"{t.article_id}-{n}") for n in range(4) for t in TEXTS]
    assert len({t.lang for t in texts}) > 1
    expected = enrich_texts(
        texts,
        PipelineRegistry(settings.pipelines),
        batch_size=settings.nlp_batch_size,
        keywords_per_article=5,
    )
    try:
        assert enrich_parallel(texts, settings, processes=2) == expected
    finally:
        shutdown_pools()
