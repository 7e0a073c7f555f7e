"""The gazetteer's lookup index: folded names → places, held as columns."""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

_SEPARATORS = re.compile(r"[\s\-‐‑–'’`.]+")


def fold(name: str) -> str:
    """The lookup key of a name: casefolded, accents and separators removed."""
    if name.isascii():  # most names: skip the Unicode work
        return _SEPARATORS.sub(" ", name.lower()).strip()
    decomposed = unicodedata.normalize("NFKD", name.casefold().replace("ß", "ss"))
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SEPARATORS.sub(" ", bare).strip()


@dataclass(frozen=True, slots=True)
class Place:
    """One gazetteer entry: a country, a region (ISO 3166-2 subdivision) or a city."""

    feature: str  # country | region | city
    name: str
    country_code: str
    geonameid: int | None = None
    admin1: str | None = None  # ISO 3166-2 where known, else GeoNames "CC.code"
    lat: float | None = None
    lon: float | None = None
    population: int = 0
    capital: bool = False


FEATURES = ("country", "region", "city")


class Gazetteer:
    """Folded name → the places it may name, in the order they were added.

    Columnar: each key points into one array of place numbers, and a `Place` is made from
    the place columns only when a lookup returns it (a night looks up a few thousand of
    the 73,000), so the index costs tens of megabytes, not hundreds.
    """

    def __init__(
        self,
        keys: Sequence[str],
        offsets: np.ndarray,
        members: np.ndarray,
        columns: PlaceColumns,
    ) -> None:
        self.keys = list(keys)
        self.offsets = offsets  # members of key i: members[offsets[i]:offsets[i + 1]]
        self.members = members
        self.columns = columns
        self._key_number = {key: i for i, key in enumerate(self.keys)}
        self._places: dict[int, Place] = {}

    def __len__(self) -> int:
        return len(self.keys)

    def lookup(self, name: str) -> list[Place]:
        i = self._key_number.get(fold(name))
        if i is None:
            return []
        numbers = self.members[self.offsets[i] : self.offsets[i + 1]].tolist()
        return [self.place(n) for n in numbers]

    def place(self, number: int) -> Place:
        found = self._places.get(number)
        if found is None:
            found = self._places[number] = self.columns.place(number)
        return found


@dataclass(frozen=True)
class PlaceColumns:
    """Every place of the index as columns (None as "", -1 or NaN)."""

    feature: np.ndarray  # uint8, index into FEATURES
    name: list[str]
    country_code: list[str]
    admin1: list[str]
    geonameid: np.ndarray  # int64
    lat: np.ndarray  # float64
    lon: np.ndarray  # float64
    population: np.ndarray  # int64
    capital: np.ndarray  # bool

    def __len__(self) -> int:
        return len(self.name)

    def place(self, i: int) -> Place:
        geonameid, lat, lon = int(self.geonameid[i]), float(self.lat[i]), float(self.lon[i])
        return Place(
            FEATURES[int(self.feature[i])],
            self.name[i],
            self.country_code[i],
            None if geonameid < 0 else geonameid,
            self.admin1[i] or None,
            None if math.isnan(lat) else lat,
            None if math.isnan(lon) else lon,
            int(self.population[i]),
            bool(self.capital[i]),
        )

    @classmethod
    def of(cls, places: Sequence[Place]) -> PlaceColumns:
        return cls(
            np.array([FEATURES.index(p.feature) for p in places], dtype=np.uint8),
            [p.name for p in places],
            [p.country_code for p in places],
            [p.admin1 or "" for p in places],
            np.array([-1 if p.geonameid is None else p.geonameid for p in places], np.int64),
            np.array([math.nan if p.lat is None else p.lat for p in places], np.float64),
            np.array([math.nan if p.lon is None else p.lon for p in places], np.float64),
            np.array([p.population for p in places], np.int64),
            np.array([p.capital for p in places], np.bool_),
        )
