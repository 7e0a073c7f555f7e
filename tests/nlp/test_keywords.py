"""Keywords: non-empty, ranked, deterministic, cheap."""

from __future__ import annotations

from spacy.language import Language

from tests.nlp.conftest import make_doc
from wirehouse.nlp.entities import collect_mentions
from wirehouse.nlp.keywords import keyword_records

STORY = (
    "Die Bundesregierung plant eine Reform der Schuldenbremse. Finanzminister Lars "
    "Klingbeil verteidigte die Reform im Bundestag. Die Schuldenbremse begrenze die "
    "Investitionen, sagte Klingbeil. Kritiker warnen vor neuen Schulden. Die Reform soll "
    "noch vor dem Sommer beschlossen werden."
)


def _keywords(nlp: Language, n: int = 5) -> list[dict]:
    head = nlp("Streit um die Schuldenbremse")
    body = make_doc(nlp, STORY, [("Lars Klingbeil", "PER"), ("Bundestag", "ORG")])
    parts = [("headline", head), ("body", body)]
    return keyword_records("a1", parts, collect_mentions(parts), "de", n)


def test_keywords_ranked_and_plausible(nlp_de: Language) -> None:
    rows = _keywords(nlp_de)
    assert [r["rank"] for r in rows] == [1, 2, 3, 4, 5]
    words = [r["keyword"] for r in rows]
    assert words[0] == "Schuldenbremse"
    assert "Reform" in words and "Lars Klingbeil" in words
    # Function words and sentence-initial articles never make it.
    assert not {"Die", "die", "Streit um"} & set(words)
    scores = [r["score"] for r in rows]
    assert scores == sorted(scores, reverse=True) and scores[0] == 1.0


def test_keywords_deterministic(nlp_de: Language) -> None:
    assert _keywords(nlp_de, 10) == _keywords(nlp_de, 10)


def test_keywords_zero_requested(nlp_de: Language) -> None:
    assert _keywords(nlp_de, 0) == []


def test_keywords_other_language_uses_stop_list(nlp_en: Language) -> None:
    doc = nlp_en(
        "The central bank raised interest rates again. Rates rose as the bank feared inflation."
    )
    rows = keyword_records("a1", [("body", doc)], [], "en", 3)
    words = [r["keyword"] for r in rows]
    assert words and "the" not in words and "bank" in words
