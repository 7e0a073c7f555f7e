"""Stories whose pipeline has no entity model get their places from the gazetteer
(wirehouse/nlp/gazetteer_places.py): real blank pipelines, the real gazetteer."""

from __future__ import annotations

from typing import Any

import pytest

from wirehouse.night_report import RunSummary, pipelines_markdown, without_entity_model
from wirehouse.nlp.enrich import ArticleText, enrich_texts
from wirehouse.nlp.registry import PipelineRegistry
from wirehouse.settings import Settings

SPANISH = """\
Como cada año, el Gobierno de España presentó en Madrid su plan contra la sequía. El ministro \
viajará a Bruselas el 3 de Mayo para defenderlo ante la Comisión.

Santiago Abascal criticó el plan. "No sirve para nada", dijo Santiago en un acto del Banco de \
España. El Atlético de Madrid no se pronunció.

Mientras tanto, el presidente de Francia y el Presidente de Sri Lanka se reunieron en París; \
los países de Europa oriental siguen el debate desde Varsovia."""

ITALIAN = """\
Roma è pronta per il vertice: il governo ha convocato a Roma i ministri di Francia e Germania. \
Milano ospiterà la seconda giornata, mentre la Roma gioca contro il Milan.

Il sindaco di Milano, Giuseppe Sala, ha detto che la Lombardia è pronta. Como accoglierà i \
giornalisti: come sempre, la città è tranquilla."""


def _places(texts: list[ArticleText], pipelines: dict[str, str] | None = None) -> list[Any]:
    registry = PipelineRegistry(pipelines or Settings().pipelines)
    result = enrich_texts(texts, registry)
    return result.entities


def _body_places(rows: list[dict[str, Any]]) -> list[str]:
    assert all(r["label"] == "LOC" for r in rows)
    return [r["text"] for r in rows if r["part"] == "body"]


def test_a_spanish_story_gets_its_places_and_no_ordinary_words() -> None:
    rows = _places([ArticleText("es1", "es", None, SPANISH, [])])
    assert _body_places(rows) == [
        "Madrid",
        "Bruselas",
        "Francia",
        "Sri Lanka",  # after a title: the place; after "Banco de" it is the bank
        "París",
        "Europa oriental",
        "Varsovia",
    ]
    for row in rows:  # the same rows as the model's, offsets into the body
        assert SPANISH[row["start_char"] : row["end_char"]] == row["text"] == row["norm"]
        assert row["is_dateline"] is False
    # Not found: "Como" opening a sentence, "Mayo" the month, "Santiago" the man (also alone
    # later), "España" in the bank's and the government's names, Madrid in the club's name.
    texts = [r["text"] for r in rows]
    assert not set(texts) & {"Como", "Mayo", "Santiago", "España"}
    assert texts.count("Madrid") == 1


def test_france_after_a_lower_case_title_is_a_place() -> None:
    text = "El presidente de Francia llegó ayer a Lisboa."
    assert _body_places(_places([ArticleText("es2", "es", None, text, [])])) == [
        "Francia",
        "Lisboa",
    ]


def test_an_italian_story_gets_its_places_and_not_its_clubs() -> None:
    rows = _places([ArticleText("it1", "it", None, ITALIAN, [])])
    assert _body_places(rows) == [
        "Roma",  # opens a sentence, but the story names it mid-sentence too
        "Roma",
        "Francia",
        "Germania",
        "Milano",  # opens a sentence, named mid-sentence later
        "Milano",
        "Lombardia",
    ]  # not "la Roma" and "il Milan" (clubs), not "Como" opening a sentence


def test_the_dateline_place_is_not_found_again_in_the_body() -> None:
    body = "Madrid, 7 jul (EFE).- El Gobierno aprobó hoy en Madrid un plan para Andalucía."
    rows = _places([ArticleText("es3", "es", "Plan para Andalucía", body, ["Madrid"])])
    got = [(r["part"], r["text"], r["start_char"]) for r in rows]
    assert got == [
        ("headline", "Andalucía", 10),
        ("dateline", "Madrid", 0),
        ("body", "Madrid", body.index("en Madrid") + 3),
        ("body", "Andalucía", body.index("Andalucía")),
    ]
    assert [r["entity_index"] for r in rows] == [0, 1, 2, 3]


def test_a_person_named_like_a_place_is_no_place() -> None:
    text = (
        "Victoria Abril presentó su película en Sevilla. Luego Victoria habló con la prensa. "
        "Michael Jordan visitó Caracas; Jordan quedó encantado."
    )
    assert _body_places(_places([ArticleText("es4", "es", None, text, [])])) == [
        "Sevilla",
        "Caracas",
    ]


def test_languages_with_a_model_never_go_through_the_gazetteer(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import wirehouse.nlp.records as records

    def refuse(*args: object, **kwargs: object) -> list[object]:
        raise AssertionError("the gazetteer finder ran for a language with a model")

    monkeypatch.setattr(records, "gazetteer_mentions", refuse)
    texts = [
        ArticleText("de1", "de", None, "Bundeskanzler Olaf Scholz reiste nach Madrid.", []),
        ArticleText("en1", "en", None, "Chancellor Olaf Scholz travelled to Madrid.", []),
        ArticleText("fr1", "fr", None, "Le chancelier Olaf Scholz s'est rendu à Madrid.", []),
    ]
    rows = _places(texts)
    assert {r["article_id"] for r in rows} == {"de1", "en1", "fr1"}  # the models' entities
    # Switched off, they keep their dateline places only, as before.
    blank = {"de": "blank", "en": "blank", "fr": "blank"}
    rows = _places([*texts, ArticleText("en2", "en", None, "To Madrid.", ["London"])], blank)
    assert [(r["article_id"], r["text"], r["is_dateline"]) for r in rows] == [
        ("en2", "London", True)
    ]


def test_the_report_says_what_each_language_without_a_model_gets() -> None:
    summary = RunSummary(run={}, files=[], articles_by=[], top_entities=[], checks=[])
    summary.pipelines = [
        {"lang": "de", "pipeline": "de_wirehouse_news", "pipeline_version": "0.3.1",
         "stories": 3, "no_entity_model": False, "entities": 40},
        {"lang": "es", "pipeline": "blank:es", "pipeline_version": "3.8.18",
         "stories": 12, "no_entity_model": True, "entities": 30},
        {"lang": "en", "pipeline": "blank:en", "pipeline_version": "3.8.18",
         "stories": 1, "no_entity_model": True, "entities": 0},
    ]  # fmt: skip
    assert without_entity_model(summary) == [
        "es: 12 stories, no entity model installed (places from the gazetteer only); "
        "see WIREHOUSE_PIPELINES",
        "en: 1 story, no entity model installed (dateline places only); see WIREHOUSE_PIPELINES",
    ]
    markdown = "\n".join(pipelines_markdown(summary))
    assert "| es | blank:es | 3.8.18 | 12 | 30 places (gazetteer; no entity model) |" in markdown
    assert "| en | blank:en | 3.8.18 | 1 | — no entity model |" in markdown


@pytest.mark.parametrize(
    ("lang", "text", "places"),
    [
        ("nl", "Ajax won in Amsterdam van PSV Eindhoven. Mark Rutte sprak in Den Haag.",
         ["Amsterdam", "Den Haag"]),
        ("pt", "O presidente viajou de Lisboa para o Rio de Janeiro. Natal chegou cedo.",
         ["Lisboa", "Rio de Janeiro"]),
    ],
)  # fmt: skip
def test_dutch_and_portuguese_get_their_places_too(lang: str, text: str, places: list[str]) -> None:
    assert _body_places(_places([ArticleText(f"{lang}1", lang, None, text, [])])) == places


def test_an_event_named_for_its_place_and_year_is_no_place() -> None:
    text = (
        "Los Juegos de Barcelona 1992 cambiaron la ciudad. La maniobra Aurora 2023 se "
        "celebrará en Suecia, y el equipo entrenó en Barcelona."
    )
    assert _body_places(_places([ArticleText("es5", "es", None, text, [])])) == [
        "Suecia",
        "Barcelona",
    ]


def test_scripts_without_capitals_say_they_get_dateline_places_only() -> None:
    summary = RunSummary(run={}, files=[], articles_by=[], top_entities=[], checks=[])
    summary.pipelines = [
        {"lang": "ar", "pipeline": "blank:ar", "pipeline_version": "3.8.18",
         "stories": 7, "no_entity_model": True, "entities": 4},
        {"lang": "zh-cn", "pipeline": "blank:zh", "pipeline_version": "3.8.18",
         "stories": 2, "no_entity_model": True, "entities": 1},
    ]  # fmt: skip
    assert without_entity_model(summary) == [
        "ar: 7 stories, no entity model installed (dateline places only); see WIREHOUSE_PIPELINES",
        "zh-cn: 2 stories, no entity model installed (dateline places only); "
        "see WIREHOUSE_PIPELINES",
    ]
