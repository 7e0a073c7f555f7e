"""Datelines as agencies write them: `PLACE, date (AGENCY) - ` at the head of the story.

Split off the first paragraph (`split_dateline`, `take_dateline`) or read from a field of its
own (`parse_dateline_field`); the forms beside the common one are in `dateline_forms`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from wirehouse.readers.dateline_forms import other_dateline_forms

# Small words that stay lower case in a place name written in capitals (`FRANKFURT AM MAIN`).
_LOWER_WORDS = {"am", "an", "der", "die", "im", "in", "ob", "upon", "on", "de", "la", "le", "sur"}
_MONTHS = (
    "jan|feb|febr|mar|mär|märz|mrz|apr|may|mai|jun|jul|aug|ago|sep|sept|set|oct|okt|nov|dec|dez|dic"
    "|ene|abr|janv|févr|fév|mars|avr|juin|juil|août|déc|gen|giu|lug|ott"
)
_DATE_PART = re.compile(rf"\d|\b(?:{_MONTHS})[a-zäéû]*\.?(?:\s|$)", re.IGNORECASE)
# `BERLIN (dpa) - `, `BUENOS AIRES, Argentina (AP) _ `, `Madrid, 23 feb (EFE).- `,
# `GROSSETO, Italy (AP) -- `, `NEW YORK (AP) — `, `STOCKHOLM, Aug 29, 2014 (AFP) -`.
_DATELINE = re.compile(
    r"^[ \t]*(?P<head>[^\W\d_][^()\n]{0,90}?)[ \t]*\((?P<agency>[^\W\d_][^()\n]{0,29})\)"
    r"[ \t]*(?P<sep>\.?[-–—_]{1,2}|:)(?=\s|$)[ \t]*"
)
_PLACE_WORD = re.compile(r"^[^\W\d_][\w.'’/\-]*$")
_LETTERS = re.compile(r"[^\W\d_]+")
_INITIALS = re.compile(r"^(?:[A-Z]\.){2,}$")


@dataclass(slots=True)
class Dateline:
    places: list[str] = field(default_factory=list)
    date: str | None = None
    agency: str | None = None


def normalise_place(place: str) -> str:
    """`KIEW` → `Kiew`, `NEW YORK` → `New York`, `FRANKFURT AM MAIN` → `Frankfurt am Main`."""
    place = " ".join(place.split())
    if not place.isupper():
        return place
    words = []
    for index, word in enumerate(place.split(" ")):
        lower = word.lower()
        if index > 0 and lower in _LOWER_WORDS:
            words.append(lower)
        elif _INITIALS.match(word):
            words.append(word)  # `U.S.`, `D.C.` are abbreviations, not shouted words
        else:
            words.append(_LETTERS.sub(lambda m: m.group(0).capitalize(), word))
    return " ".join(words)


# `Frankfurt/Main`, `Halle/Saale`: one town named with its river, not two places.
_RIVERS = {
    "main",
    "m.",
    "oder",
    "saale",
    "donau",
    "elbe",
    "havel",
    "spree",
    "weser",
    "inn",
    "lahn",
    "mosel",
    "neckar",
    "isar",
    "fulda",
    "ruhr",
    "rhein",
    "ems",
    "lech",
    "werra",
    "queich",
}


def _join_rivers(places: list[str]) -> list[str]:
    joined: list[str] = []
    for place in places:
        if joined and place.strip().lower() in _RIVERS:
            joined[-1] = f"{joined[-1].strip()}/{place.strip()}"
        else:
            joined.append(place)
    return joined


def _split_head(head: str) -> tuple[list[str], str | None] | None:
    """`STOCKHOLM, Aug 29, 2014` → (["Stockholm"], "Aug 29, 2014"); None when not a place."""
    parts = [p.strip() for p in head.split(",")]
    places: list[str] = []
    date: str | None = None
    for index, part in enumerate(parts):
        if not part:
            return None
        # A date has its day (`Dec. 9`, `23 feb`): a month's letters alone open place names
        # too (`Maine`, `Marche`, `Martinique`, `Augusta`).
        if index > 0 and _DATE_PART.search(part) and any(c.isdigit() for c in part):
            date = ", ".join(parts[index:])
            break
        for place in _join_rivers(part.split("/")):
            words = place.split()
            # A dateline names places, not a sentence: short, capitalised words only.
            # (`islower`, not `not isupper`: Arabic and other scripts have no capitals.)
            if not words or len(words) > 5 or place[:1].islower():
                return None
            if not all(_PLACE_WORD.match(w) for w in words):
                return None
            keep = index > 0 and len(place) <= 3 and place.isupper()  # `VA`, `NY`: state codes
            places.append(place if keep else normalise_place(place))
    return (places, date) if places else None


def split_dateline(paragraph: str) -> tuple[Dateline, str] | None:
    """Split a leading `PLACE (AGENCY) - ` off a paragraph: (dateline, rest) or None."""
    match = _DATELINE.match(paragraph)
    if match is None:
        return (
            _split_caps_dateline(paragraph)
            or _split_other_forms(paragraph)
            or _split_dated_dateline(paragraph)
        )
    agency = match.group("agency").strip()
    if len(agency.split()) > 3:
        return None
    head = _split_head(match.group("head"))
    if head is None:
        return _date_only(match.group("head"), agency, paragraph[match.end() :])
    places, date = head
    return Dateline(places, date, agency), paragraph[match.end() :]


def _date_only(head: str, agency: str, rest: str) -> tuple[Dateline, str] | None:
    """`Jan 30 (Reuters) - `: Reuters' regional copy names the day and no place."""
    head = head.strip(" ,")
    if len(head) > 20 or not _is_date_only(head):
        return None
    return Dateline([], head, agency), rest


def _split_other_forms(paragraph: str) -> tuple[Dateline, str] | None:
    for parts in other_dateline_forms(paragraph):
        head = _split_head(parts.head.strip(" ,."))
        if head is not None:
            return Dateline(head[0], head[1], parts.agency), paragraph[parts.rest_at :]
        dated = _date_only(parts.head, parts.agency, paragraph[parts.rest_at :])
        if dated is not None:
            return dated
    return None


# `BOSTON -- `, `WASHINGTON, D.C. — `: a place in capitals and a long dash, no agency named.
_CAPS_DATELINE = re.compile(
    r"^[ \t]*(?P<head>[A-Z][A-Z.'’ -]{2,40}?(?:, [A-Z][\w.]{1,20}(?: [A-Z][\w.]{1,20})?)?)"
    r"[ \t]+(?:--|—|–)[ \t]+(?=\S)"
)
_NOT_PLACES = {"UPDATE", "BREAKING", "CORRECTION", "URGENT", "FLASH", "EDITORS", "ADVISORY", "NOTE"}


def _split_caps_dateline(paragraph: str) -> tuple[Dateline, str] | None:
    match = _CAPS_DATELINE.match(paragraph)
    if match is None or match.group("head").split(",")[0].strip() in _NOT_PLACES:
        return None
    head = _split_head(match.group("head"))
    if head is None:
        return None
    return Dateline(head[0], head[1], None), paragraph[match.end() :]


# Press releases date their dateline in full and name no agency: `Berlin, 3. Dezember 2026 – `,
# `LEEDS, England, Dec. 3, 2026 -- `, `London, 3 December 2026 - `. Only a whole date (day,
# month's name, year) makes a place and a dash a dateline without an agency.
_MONTH = rf"(?:{_MONTHS})[a-zäéû]*\.?"
_DATED_DATELINE = re.compile(
    r"^[ \t]*(?P<head>[^\W\d_][^()\n\d]{0,60}?,[ \t]*"
    r"(?:(?:le|am|den|el|il)[ \t]+)?"
    rf"(?:\d{{1,2}}\.?[ \t]+(?:de[ \t]+)?{_MONTH}(?:[ \t]+de)?|{_MONTH}[ \t]+\d{{1,2}},?)"
    r"[ \t]+(?:19|20)\d{2})"
    r"[ \t]+(?:--|—|–|-)[ \t]+(?=\S)",
    re.IGNORECASE,
)


def _split_dated_dateline(paragraph: str) -> tuple[Dateline, str] | None:
    match = _DATED_DATELINE.match(paragraph)
    head = _split_head(match.group("head")) if match else None
    if match is None or head is None or head[1] is None:
        return None
    words = [w for place in head[0] for w in place.split()]
    if not all(w[:1].isupper() or w.lower() in _LOWER_WORDS for w in words):
        return None  # `Sales rose, Dec. 3, 2026 - `: a sentence, not a place
    return Dateline(head[0], head[1], None), paragraph[match.end() :]


def parse_dateline_field(text: str | None) -> Dateline:
    """A dateline given in its own field (`NEW YORK`, `London (dpa) - `, `Newport News, VA`)."""
    text = " ".join((text or "").split())
    if not text:
        return Dateline()
    split = split_dateline(text if re.search(r"[-–—_:]\s*$", text) else text + " -")
    if split is not None:
        return split[0]
    bare = text.rstrip(" -–—_:")
    head = _split_head(bare)
    if head is not None:
        return Dateline(head[0], head[1], None)
    if _is_date_only(bare):
        return Dateline(date=bare)  # `28/01/2025`, `SAID TO BE DECEMBER 31, 2015`: no place
    return Dateline([normalise_place(p.strip()) for p in bare.split("/") if p.strip()])


def _is_date_only(text: str) -> bool:
    """Digits, or digits with a month name: a date given where a place might be."""
    if not re.search(r"\d", text):
        return False
    return not _LETTERS.search(text) or bool(_DATE_PART.search(re.sub(r"\d", "", text)))


def take_dateline(paragraphs: list[str], given: Dateline | None = None) -> Dateline:
    """Strip the dateline from the first body paragraph (in place) and merge it with `given`.

    The body never starts with the dateline: it lives in its own fields, whichever format it
    came in, so the same story reads the same body from every format.
    """
    given = given or Dateline()
    found = Dateline()
    if paragraphs:
        split = split_dateline(paragraphs[0])
        if split is not None:
            found, rest = split
            if rest.strip():
                paragraphs[0] = rest.strip()
            else:
                del paragraphs[0]
    return Dateline(
        places=found.places or given.places,
        date=found.date or given.date,
        agency=found.agency or given.agency,
    )
