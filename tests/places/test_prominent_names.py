"""The gazetteer's prominent names (wirehouse/places/names.py): what a story without an
entity model may call a place. The real gazetteer."""

from __future__ import annotations

from wirehouse.places.names import fold, prominent_names


def test_countries_regions_big_cities_capitals_and_continents_are_prominent() -> None:
    names = prominent_names()
    assert names[fold("España")] == "country"
    assert names[fold("Reino Unido")] == "country"
    assert names[fold("EE.UU.")] == "country"  # the Spanish aliases of the gazetteer
    assert names[fold("Lombardia")] == "region"
    assert names[fold("Gales")] == "region"
    assert names[fold("Bruselas")] == "city"
    assert names[fold("Milano")] == "city"  # an alternate name of Milan
    assert names[fold("Europa")] == "world"


def test_small_towns_and_words_are_not() -> None:
    names = prominent_names()
    # GeoNames towns under 100,000 people named like words (or no place at all)
    for word in ("Mayo", "Como", "Union", "Gobierno", "Parlamento", "Centro"):
        assert fold(word) not in names, word
