"""The seed story through the real pipeline (needs ../shared and models/de_wirehouse_news)."""

from __future__ import annotations

import pytest

from tests.nlp.conftest import MODEL_DIR, shared_path
from wirehouse.model import Article
from wirehouse.nlp.enrich import ArticleText, Enrichment, enrich_texts
from wirehouse.nlp.registry import PipelineRegistry
from wirehouse.readers import read_wire


@pytest.fixture(scope="module")
def seed() -> tuple[Article, Enrichment]:
    path = shared_path("seeds", "000_a73598f9923d9b8e.txt")
    if not (MODEL_DIR / "meta.json").exists():
        pytest.skip(f"trained pipeline not present at {MODEL_DIR}")
    _, items = read_wire(path.read_bytes())
    article = items[0]
    assert isinstance(article, Article)
    text = ArticleText(
        article.article_id, "de", article.headline, article.body, article.dateline_places
    )
    return article, enrich_texts([text], PipelineRegistry({"de": str(MODEL_DIR)}))


def test_pipeline_recorded(seed: tuple[Article, Enrichment]) -> None:
    article, out = seed
    assert out.pipelines[article.article_id][0] == "de_wirehouse_news"


def test_people_and_places(seed: tuple[Article, Enrichment]) -> None:
    article, out = seed
    per = {e["norm"] for e in out.entities if e["label"] == "PER"}
    assert per == {
        "Wolodymyr Selenskyj",
        "Wladimir Putin",
        "Rustem Umjerow",
        "Steve Witkoff",
        "Jared Kushner",
        "Kirill Dmitrijew",
    }
    loc = {e["norm"] for e in out.entities if e["label"] == "LOC"}
    assert {"Kiew", "Genf", "Washington", "Moskau", "Abu Dhabi"} <= loc
    # Short mentions carry the full name.
    short = {(e["text"], e["norm"]) for e in out.entities if e["label"] == "PER"}
    assert ("Selenskyj", "Wolodymyr Selenskyj") in short
    assert ("Putin", "Wladimir Putin") in short
    assert ("Umjerow", "Rustem Umjerow") in short
    datelines = [(e["text"], e["norm"]) for e in out.entities if e["is_dateline"]]
    assert datelines == [("Kiew", "Kiew"), ("Genf", "Genf")]
    sources = {"body": article.body, "dateline": "/".join(article.dateline_places)}
    for e in out.entities:
        assert sources[e["part"]][e["start_char"] : e["end_char"]] == e["text"]


def test_quote_attribution(seed: tuple[Article, Enrichment]) -> None:
    _, out = seed
    quotes = {q["quote"]: q["speaker_norm"] for q in out.quotes}
    assert (
        quotes["alles, was für echte Sicherheitsgarantien erreicht wurde"] == "Wolodymyr Selenskyj"
    )


def test_keywords(seed: tuple[Article, Enrichment]) -> None:
    _, out = seed
    assert [k["rank"] for k in out.keywords] == list(range(1, 11))
    assert "Treffen" in {k["keyword"] for k in out.keywords}
