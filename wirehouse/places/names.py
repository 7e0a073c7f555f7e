"""The gazetteer's prominent names: what a story without an entity model may call a place.

A language with no entity model (Spanish, Italian, … run through blank pipelines) gets its
place mentions from the gazetteer itself (`wirehouse.nlp.gazetteer_places`). Every one of its
294,000 names would find far too much: GeoNames lists a town for almost any capitalised word
(Mayo, Union, Sur). Only names with a prominent reading qualify: a country, a first-level
region, or a city of at least `MIN_CITY_POPULATION` people or a national capital.
"""

from __future__ import annotations

import threading
from pathlib import Path

import numpy as np

from wirehouse.places.index import FEATURES, Gazetteer, fold

__all__ = ["MIN_CITY_POPULATION", "WORLD_REGIONS", "fold", "prominent_names"]

# Small towns named like words are the main source of wrong places; a city this large is
# what news names without saying what it is.
MIN_CITY_POPULATION = 100_000
# Continents and the world's regions as Spanish, Italian, Portuguese and Dutch news name
# them: places the gazetteer (countries, ISO regions, cities) does not hold. They stay
# unresolved in `places`, as the entity models' "Europa" does.
WORLD_REGIONS = frozenset(
    fold(name)
    for name in (
        "Europa", "Asia", "Azië", "África", "Africa", "Afrika", "América", "Amerika",
        "Oceanía", "Oceania", "Oceanië", "Latinoamérica", "Sudamérica", "Suramérica",
        "Centroamérica", "Norteamérica", "América Latina", "America Latina", "América do Sul",
        "Oriente Medio", "Oriente Próximo", "Medio Oriente", "Médio Oriente", "Midden-Oosten",
        "Magreb", "Maghreb", "Sahel", "Caribe", "Caraibi", "Balcanes", "Balcani", "Balcãs",
        "Balkan", "Cáucaso", "Caucaso", "Escandinavia", "Scandinavia",
    )
)  # fmt: skip

_KINDS: dict[str, str] | None = None
_LOCK = threading.Lock()


def prominent_names(cache_dir: Path | None = None) -> dict[str, str]:
    """Folded name → the kind of its most prominent reading: country, region, city or world.

    Built once per process from the gazetteer's cache file (~0.3 CPU-s); the index itself is
    not kept (the enrichment workers, which use this, never resolve places).
    """
    global _KINDS
    with _LOCK:
        if _KINDS is None:
            _KINDS = _kinds(_index(cache_dir))
            _KINDS.update(dict.fromkeys(WORLD_REGIONS, "world"))
        return _KINDS


def _index(cache_dir: Path | None) -> Gazetteer:
    from wirehouse.places import gazetteer as loaded
    from wirehouse.places import index_file

    if loaded._INDEX is not None:  # this process has it already (tests, the flow process)
        return loaded._INDEX
    where = index_file.location(cache_dir, loaded.MIN_CITY_POPULATION)
    index = index_file.load(*where) if where else None
    if index is None:  # no cache file yet: built (~3 CPU-s) and written, as `gazetteer()` does
        index = loaded.build_gazetteer()
        if where:
            index_file.save(index, *where)
    return index


def _kinds(index: Gazetteer) -> dict[str, str]:
    columns = index.columns
    # 0 country, 1 region, 2 city (FEATURES); a city only when large or a capital.
    rank = np.where(
        columns.feature < 2,
        columns.feature,
        np.where((columns.population >= MIN_CITY_POPULATION) | columns.capital, 2, 3),
    ).astype(np.int8)
    # Every key has at least one place: the best rank of each key's run of members.
    best = np.minimum.reduceat(rank[index.members], index.offsets[:-1])
    keys = index.keys
    return {keys[i]: FEATURES[best[i]] for i in np.flatnonzero(best < 3).tolist()}
