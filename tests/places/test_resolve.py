"""Place resolution on mentions of our own, against the real offline gazetteer."""

from __future__ import annotations

import pytest

from bench.places_gold import HELDOUT, evaluate, scores
from wirehouse.places.gazetteer import Gazetteer, fold, gazetteer
from wirehouse.places.resolve import Mention, agency_country, resolve_entities, resolve_story


@pytest.fixture(scope="module")
def index() -> Gazetteer:
    return gazetteer()


def resolve(index: Gazetteer, names: list[str], agency: str = "dpa", dateline: int = 0) -> list:  # type: ignore[type-arg]
    mentions = [Mention("body", i, n, n, i < dateline) for i, n in enumerate(names)]
    return resolve_story(index, mentions, agency)


def test_fold_ignores_case_accents_and_separators() -> None:
    assert fold("Nordrhein-Westfalen") == fold("nordrhein westfalen")
    assert fold("Zürich") == fold("Zurich") and fold("Straße") == fold("Strasse")


def test_seed_story_places(index: Gazetteer) -> None:
    names = ["Kiew", "Genf", "Washington", "Moskau", "Abu Dhabi", "Vereinigte Arabische Emirate"]
    countries = [r.place.country_code for r in resolve(index, names, "dpa-AFX", dateline=2)]
    assert countries == ["UA", "CH", "US", "RU", "AE", "AE"]


def test_exonyms_and_regions(index: Gazetteer) -> None:
    found = {r.mention.text: r.place for r in resolve(index, ["Peking", "Nordrhein-Westfalen"])}
    assert found["Peking"].name == "Beijing" and found["Peking"].feature == "city"
    assert found["Nordrhein-Westfalen"].admin1 == "DE-NW"


def test_inflected_form_resolves_by_norm_or_by_itself(index: Gazetteer) -> None:
    by_norm = resolve_story(index, [Mention("body", 0, "Moskaus", "Moskau")])
    by_text = resolve_story(index, [Mention("body", 0, "Moskaus", None)])
    assert by_norm[0].place.geonameid == by_text[0].place.geonameid == 524901


def test_frankfurt_by_evidence(index: Gazetteer) -> None:
    alone = resolve(index, ["Frankfurt"])[0]
    in_brandenburg = resolve(index, ["Potsdam", "Brandenburg", "Frankfurt"], dateline=1)[2]
    assert alone.place.name == "Frankfurt am Main" and alone.method == "population"
    assert in_brandenburg.place.name == "Frankfurt (Oder)" and in_brandenburg.method == "context"


def test_state_or_country_by_evidence(index: Gazetteer) -> None:
    us = resolve(index, ["Washington", "USA", "Georgia"], dateline=1)[2]
    caucasus = resolve(index, ["Tiflis", "Georgien", "Armenien"], dateline=1)[1]
    assert (us.place.feature, us.place.admin1) == ("region", "US-GA")
    assert (caucasus.place.feature, caucasus.place.country_code) == ("country", "GE")


def test_no_place_stays_explicitly_unresolved(index: Gazetteer) -> None:
    results = resolve(index, ["Nahost", "Bundestag", "Union"])
    assert [r.place for r in results] == [None, None, None]
    assert {r.method for r in results} <= {"unresolved", "weak", "ambiguous"}


def test_agency_home_country() -> None:
    assert agency_country("dpa-AFX") == "DE" and agency_country("APA/dpa") == "AT"
    assert agency_country("Reuters") == "GB" and agency_country(None) is None


def test_every_loc_entity_gets_a_row(index: Gazetteer) -> None:
    entities = [
        {"article_id": "a", "part": "dateline", "start_char": 0, "text": "KIEW", "norm": "Kiew",
         "label": "LOC", "is_dateline": True},
        {"article_id": "a", "part": "body", "start_char": 10, "text": "Selenskyj",
         "norm": "Selenskyj", "label": "PER", "is_dateline": False},
        {"article_id": "a", "part": "body", "start_char": 30, "text": "Nahost", "norm": "Nahost",
         "label": "LOC", "is_dateline": False},
    ]  # fmt: skip
    rows = resolve_entities(index, entities, {"a": "dpa"})
    assert [(r["mention"], r["country_code"], r["method"]) for r in rows] == [
        ("KIEW", "UA", "unique"),
        ("Nahost", None, "unresolved"),
    ]


def test_hand_checked_mentions(index: Gazetteer) -> None:
    precision, recall, total, places = scores(evaluate(index))
    assert total >= 200 and places >= 200
    assert precision >= 0.95 and recall >= 0.95


def test_held_out_mentions(index: Gazetteer) -> None:
    # Never used to tune a rule: 0.960 / 0.965 when it was first scored (README "Places").
    # A floor, so a change that loses unseen places shows up; not a target to tune towards.
    precision, recall, total, places = scores(evaluate(index, HELDOUT))
    assert total >= 200 and places >= 190
    assert precision >= 0.94 and recall >= 0.94
