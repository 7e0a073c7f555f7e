"""German stories written for these tests, through the shipped pipeline and the entity and
quote rules: what the warehouse gets for everyday news (politics, sport, business), without
../shared. The seed story has its own test (test_seed_story.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.nlp.conftest import MODEL_DIR
from wirehouse.model import Article
from wirehouse.nlp.enrich import ArticleText, Enrichment, enrich_texts
from wirehouse.nlp.registry import PipelineRegistry
from wirehouse.readers import read_wire

STORIES = Path(__file__).parents[1] / "fixtures" / "stories"


@pytest.fixture(scope="module")
def enriched() -> dict[str, tuple[Article, Enrichment]]:
    if not (MODEL_DIR / "meta.json").exists():
        pytest.skip(f"trained pipeline not present at {MODEL_DIR}")
    registry = PipelineRegistry({"de": str(MODEL_DIR)})
    out: dict[str, tuple[Article, Enrichment]] = {}
    for path in sorted(STORIES.glob("de_*.txt")):
        _, items = read_wire(path.read_bytes())
        article = items[0]
        assert isinstance(article, Article)
        text = ArticleText(
            article.article_id, "de", article.headline, article.body, article.dateline_places
        )
        out[path.stem] = (article, enrich_texts([text], registry))
    return out


def _entities(result: tuple[Article, Enrichment]) -> set[tuple[str, str, str]]:
    article, enrichment = result
    for e in enrichment.entities:
        if e["part"] == "body":
            assert article.body[e["start_char"] : e["end_char"]] == e["text"]
    return {(e["label"], e["text"], e["norm"]) for e in enrichment.entities}


def _quotes(result: tuple[Article, Enrichment]) -> dict[str, str | None]:
    return {q["quote"]: q["speaker_norm"] for q in result[1].quotes}


def test_politics(enriched: dict[str, tuple[Article, Enrichment]]) -> None:
    story = enriched["de_politik_verteidigung"]
    got = _entities(story)
    assert {
        ("PER", "Merz", "Friedrich Merz"),
        ("PER", "Macron", "Emmanuel Macron"),
        ("PER", "Ursula von der Leyen", "Ursula von der Leyen"),
        ("PER", "Von der Leyen", "Ursula von der Leyen"),
        ("PER", "Selenskyj", "Wolodymyr Selenskyj"),
        ("ORG", "Interfax", "Interfax"),
        ("LOC", "Russlands", "Russland"),
        ("ORG", "Deutsche Bank AG", "Deutsche Bank AG"),
        ("ORG", "Siemens AG", "Siemens AG"),
    } <= got
    assert {("LOC", "Berlin", "Berlin")} <= got  # the dateline
    quotes = _quotes(story)
    assert quotes["Europa muss jetzt handeln, nicht erst in fünf Jahren"] == "Friedrich Merz"
    assert quotes["Wir brauchen Luftverteidigung, und zwar sofort"] == "Wolodymyr Selenskyj"


def test_sport(enriched: dict[str, tuple[Article, Enrichment]]) -> None:
    story = enriched["de_sport_bundesliga"]
    got = _entities(story)
    assert {
        ("ORG", "FC Bayern München", "FC Bayern München"),
        ("ORG", "Borussia Dortmund", "Borussia Dortmund"),
        ("ORG", "1. FC Union Berlin", "1. FC Union Berlin"),
        ("PER", "Kane", "Harry Kane"),
        ("PER", "Kompany", "Vincent Kompany"),
        ("PER", "Max Eberl", "Max Eberl"),
    } <= got
    quotes = _quotes(story)
    assert quotes["Wir haben heute eine starke Reaktion gezeigt"] == "Vincent Kompany"
    # "sagte der Kroate": no rule knows who that is, so no guess.
    assert quotes["Das war zu wenig"] is None


def test_business(enriched: dict[str, tuple[Article, Enrichment]]) -> None:
    story = enriched["de_wirtschaft_autobauer"]
    got = _entities(story)
    assert {
        ("ORG", "Volkswagen AG", "Volkswagen AG"),
        ("ORG", "Mercedes-Benz Group AG", "Mercedes-Benz Group AG"),
        ("ORG", "Europäischen Zentralbank", "Europäische Zentralbank"),
        ("ORG", "Royal Bank of Canada", "Royal Bank of Canada"),
        ("PER", "Tom Narayan", "Tom Narayan"),
        ("PER", "Christine Lagarde", "Christine Lagarde"),
        ("PER", "Jerome Powell", "Jerome Powell"),
    } <= got
    quotes = _quotes(story)
    assert quotes["Wir sind noch nicht am Ziel."] == "Christine Lagarde"
