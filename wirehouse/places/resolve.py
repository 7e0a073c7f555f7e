"""Resolve a story's place mentions to gazetteer places, ambiguity decided by evidence.

Each mention's candidates get a prior (countries first, then a city's size and capital
status, regions as a city of 100,000) and bonuses from the story: a country named or
resolved elsewhere in it, the dateline's country, a region it names (Frankfurt in a
Brandenburg story is Frankfurt (Oder)), and the agency's home country. The winner, its
confidence and what decided it (`method`) are recorded; a mention with no candidate, or only a
small town nothing in the story points to, is kept as explicitly unresolved.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from wirehouse.places.gazetteer import Gazetteer, Place, fold

# Where each agency is at home (lower-case prefixes of `articles.agency`): its stories lean there.
AGENCY_HOME: dict[str, str] = {
    "dpa": "DE", "ddp": "DE", "epd": "DE", "kna": "DE", "afp": "FR", "apa": "AT", "sda": "CH",
    "keystone": "CH", "ansa": "IT", "efe": "ES", "ap": "US", "associated press": "US",
    "reuters": "GB", "pa": "GB", "belga": "BE", "anp": "NL", "tt": "SE", "ntb": "NO",
    "ritzau": "DK", "stt": "FI", "pap": "PL", "ctk": "CZ", "mti": "HU", "lusa": "PT",
}  # fmt: skip
REGION_PRIOR = math.log10(100_000)
COUNTRY_PRIOR = 10.0
CAPITAL_BONUS = 1.5
STORY_COUNTRY_BONUS = 1.0
DATELINE_COUNTRY_BONUS = 1.0
STORY_REGION_BONUS = 2.0
AGENCY_COUNTRY_BONUS = 0.5
# A city this small is only taken when something in the story points to its country.
SMALL_CITY = 20_000
# An ambiguous name's reading as a town of fewer people, with nothing in the story for it.
FOREIGN_TOWN = 100_000
# A city and the region of the same name around it (Genf, Wien, Brandenburg): the city if it
# has at least this many people, the region otherwise.
CITY_OVER_REGION = 100_000
# Germans decline names (Moskaus, Chinas): tried when neither the norm nor the text matches.
_GENITIVE = re.compile(r"(?<=[a-zäöüß])s$")
_AGENCY_WORD = re.compile(r"[a-z]+(?: [a-z]+)?")


@dataclass(frozen=True, slots=True)
class Mention:
    part: str
    start_char: int
    text: str
    norm: str | None
    is_dateline: bool = False


@dataclass(frozen=True, slots=True)
class Resolution:
    mention: Mention
    place: Place | None
    confidence: float
    # country | unique | population | context; unresolved (no such place), weak (a small town
    # nothing points to), ambiguous (several readings, none with evidence)
    method: str


def agency_country(agency: str | None) -> str | None:
    """The agency's home country, from the first word(s) of its name (dpa-AFX → DE)."""
    if not agency:
        return None
    lowered = agency.casefold()
    for size in (2, 1):
        words = re.findall(r"[a-z]+", lowered)[:size]
        code = AGENCY_HOME.get(" ".join(words))
        if code:
            return code
    return None


def candidates(index: Gazetteer, mention: Mention) -> list[Place]:
    """Gazetteer entries the mention may name: by its norm, its text, then undeclined."""
    for name in dict.fromkeys(n for n in (mention.norm, mention.text) if n):
        found = index.lookup(name)
        if not found and "/" in name:  # "Frankfurt/Oder" is listed, "Washington/Kiew" is two
            found = index.lookup(name.split("/")[0])
        if not found and _GENITIVE.search(name):
            found = index.lookup(name[:-1])
        if found:
            return _prefer_city_or_region(found, fold(name))
    return []


def _prefer_city_or_region(found: list[Place], key: str) -> list[Place]:
    """Fewer readings where the gazetteer says more than news means.

    A town known under this name only as one of its alternate names (Valle Vista, once called
    Florida) gives way to a region or country of that name; and of a city and a region of the
    same name in one country (Genf, Wien, Tel Aviv, Brandenburg) one is kept: the city if it has
    CITY_OVER_REGION people, the region otherwise.
    """
    if any(p.feature != "city" for p in found):
        found = [
            p
            for p in found
            if p.feature != "city" or p.population >= CITY_OVER_REGION or fold(p.name) == key
        ]
    region_countries = {p.country_code for p in found if p.feature == "region"}
    twins = [p for p in found if p.feature == "city" and p.country_code in region_countries]
    if not twins:
        return found
    big = {p.country_code for p in twins if p.population >= CITY_OVER_REGION}
    return [
        p
        for p in found
        if not (p.feature == "region" and p.country_code in big)
        and not (p.feature == "city" and p.country_code in region_countries - big)
    ]


def prior(place: Place) -> float:
    if place.feature == "country":
        return COUNTRY_PRIOR
    if place.feature == "region":
        return REGION_PRIOR
    return math.log10(place.population + 10) + (CAPITAL_BONUS if place.capital else 0.0)


@dataclass(frozen=True, slots=True)
class Evidence:
    countries: frozenset[str]
    regions: frozenset[str]
    dateline_countries: frozenset[str]
    agency_country: str | None

    def bonus(self, place: Place) -> float:
        score = 0.0
        if place.country_code in self.countries:
            score += STORY_COUNTRY_BONUS
        if place.country_code in self.dateline_countries:
            score += DATELINE_COUNTRY_BONUS
        if place.feature == "city" and place.admin1 in self.regions:
            score += STORY_REGION_BONUS
        if place.country_code == self.agency_country:
            score += AGENCY_COUNTRY_BONUS
        return score


def _best_by_prior(places: Sequence[Place]) -> Place:
    return max(places, key=lambda p: (prior(p), -(p.geonameid or 0)))


def _readings(
    found: Sequence[tuple[Mention, list[Place]]],
) -> list[tuple[str, str | None, bool] | None]:
    """What each mention says as evidence, at its most likely reading: (country, region,
    dateline) or None (no candidates, or a small town whose reading is no evidence)."""
    out: list[tuple[str, str | None, bool] | None] = []
    for mention, places in found:
        best = _best_by_prior(places) if places else None
        if best is None or (
            best.feature == "city" and best.population < SMALL_CITY and len(places) > 1
        ):
            out.append(None)
            continue
        region = best.admin1 if best.feature == "region" else None
        out.append((best.country_code, region, mention.is_dateline))
    return out


def _evidence(
    readings: Sequence[tuple[str, str | None, bool] | None], skip: int, home: str | None
) -> Evidence:
    """What the story's other mentions say."""
    others = [r for i, r in enumerate(readings) if i != skip and r is not None]
    return Evidence(
        frozenset(r[0] for r in others),
        frozenset(r[1] for r in others if r[1]),
        frozenset(r[0] for r in others if r[2]),
        home,
    )


def resolve_story(
    index: Gazetteer, mentions: Sequence[Mention], agency: str | None = None
) -> list[Resolution]:
    """One resolution per mention, in mention order."""
    looked_up: dict[tuple[str | None, str], list[Place]] = {}
    found = []
    for m in mentions:
        names = (m.norm, m.text)
        if names not in looked_up:
            looked_up[names] = candidates(index, m)
        found.append((m, looked_up[names]))
    readings = _readings(found)
    home = agency_country(agency)
    cache: dict[tuple[str, frozenset[str], frozenset[str], frozenset[str]], Resolution] = {}
    # The other mentions' evidence depends only on what this mention itself reads as (all
    # readings but one of this value): once per distinct reading, not once per mention.
    evidence_of: dict[tuple[str, str | None, bool] | None, Evidence] = {}
    out: list[Resolution] = []
    for i, (mention, places) in enumerate(found):
        if not places:
            out.append(Resolution(mention, None, 0.0, "unresolved"))
            continue
        evidence = evidence_of.get(readings[i])
        if evidence is None:
            evidence = evidence_of[readings[i]] = _evidence(readings, i, home)
        key = (
            mention.norm or mention.text,
            evidence.countries,
            evidence.regions,
            evidence.dateline_countries,
        )
        cached = cache.get(key)
        if cached is None:
            cached = _decide(mention, places, evidence)
            cache[key] = cached
        out.append(Resolution(mention, cached.place, cached.confidence, cached.method))
    return out


def _decide(mention: Mention, places: list[Place], evidence: Evidence) -> Resolution:
    scored = sorted(
        ((prior(p) + evidence.bonus(p), p) for p in places),
        key=lambda sp: (-sp[0], sp[1].geonameid or 0, sp[1].admin1 or ""),
    )
    best_score, best = scored[0]
    if best.feature == "country" and best.country_code not in evidence.countries:
        # Georgia in a story from the USA is the state: a region of a country the story is
        # about beats a country the story otherwise does not mention.
        regions = [sp for sp in scored if sp[1].feature == "region" and evidence.bonus(sp[1]) >= 1]
        if regions:
            scored = regions + [sp for sp in scored if sp not in regions]
            best_score, best = scored[0]
    # Nothing in the story points to the town's country: a foreign town of this size is more
    # likely a word the model took for a place (Union, Mitte) than the story's place.
    unsupported = best.feature == "city" and evidence.bonus(best) == 0
    if unsupported and best.population < (SMALL_CITY if len(places) == 1 else FOREIGN_TOWN):
        return Resolution(mention, None, 0.0, "ambiguous" if len(places) > 1 else "weak")
    if len(scored) == 1:
        method = "country" if best.feature == "country" else "unique"
        small = best.feature == "city" and best.population < SMALL_CITY
        return Resolution(mention, best, 0.8 if small else 0.95, method)
    margin = best_score - scored[1][0]
    confidence = round(1.0 / (1.0 + math.exp(-2.0 * margin)), 3)
    if best.feature == "country":
        method = "country"
    elif best is _best_by_prior(places):
        method = "population"
    else:
        method = "context"
    return Resolution(mention, best, confidence, method)


def place_rows(article_id: str, resolutions: Iterable[Resolution]) -> list[dict[str, Any]]:
    """Rows of the PLACES table (without the lineage columns the caller adds)."""
    rows: list[dict[str, Any]] = []
    for r in resolutions:
        p = r.place
        rows.append(
            {
                "article_id": article_id,
                "part": r.mention.part,
                "start_char": r.mention.start_char,
                "mention": r.mention.text,
                "geonameid": p.geonameid if p else None,
                "name": p.name if p else None,
                "country_code": p.country_code if p else None,
                "admin1": p.admin1 if p else None,
                "lat": p.lat if p else None,
                "lon": p.lon if p else None,
                "feature": p.feature if p else None,
                "confidence": r.confidence,
                "method": r.method,
            }
        )
    return rows


def resolve_entities(
    index: Gazetteer, entities: Iterable[dict[str, Any]], agencies: dict[str, str | None]
) -> list[dict[str, Any]]:
    """PLACES rows for the LOC entities (dateline places included) of a batch, story by story."""
    by_article: dict[str, list[Mention]] = {}
    for row in entities:
        if row["label"] == "LOC":
            by_article.setdefault(row["article_id"], []).append(
                Mention(
                    row["part"], row["start_char"], row["text"], row["norm"], row["is_dateline"]
                )
            )
    rows: list[dict[str, Any]] = []
    for article_id, mentions in by_article.items():
        rows.extend(
            place_rows(article_id, resolve_story(index, mentions, agencies.get(article_id)))
        )
    return rows
