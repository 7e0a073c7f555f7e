"""One date per story: the best evidence its format carries, else the night it arrived.

Formats disagree on what they say about time: NewsML-G2 and ninjs carry `firstCreated`,
ANPA 1312 only a trailer time (`versionCreated` here), AFP and EFE a dateline date without a
year (`16 ene`), dpa's IPTC 7901 nothing at all. Analysts need one column; `story_date_source`
says which evidence it came from, so a day built from the ingest time is never mistaken for
the day a story happened.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta

# In order of preference: when the story was first written beats when this version was, beats
# when the file was sent, beats a day named in the dateline, beats the night it arrived.
STORY_DATE_SOURCES = ("first_created", "version_created", "sent", "dateline_date", "ingested")

# A clock that says 1970 or next week is broken; the next evidence is better.
_EARLIEST = datetime(1980, 1, 1, tzinfo=UTC)
_AHEAD = timedelta(days=1)
# A day without a time stands at noon UTC, so that it is the same calendar day from Hawaii to
# New Zealand.
_DATE_ONLY_TIME = time(12, tzinfo=UTC)

# Month names and abbreviations in the languages the wires write (de, en, fr, es, it, pt, nl,
# sv, no, da, fi-less), lower case, without the trailing dot.
_MONTH_NAMES: dict[int, tuple[str, ...]] = {
    1: (
        "jan",
        "januar",
        "january",
        "janv",
        "janvier",
        "ene",
        "enero",
        "gen",
        "gennaio",
        "janeiro",
        "januari",
        "jänner",
        "jän",
    ),
    2: (
        "feb",
        "febr",
        "februar",
        "february",
        "fév",
        "févr",
        "février",
        "fevrier",
        "febrero",
        "febbraio",
        "fev",
        "fevereiro",
        "februari",
    ),
    3: ("mar", "mär", "märz", "mrz", "march", "mars", "marzo", "março", "maart"),
    4: ("apr", "april", "avr", "avril", "abr", "abril", "aprile"),
    5: ("may", "mai", "mayo", "mag", "maggio", "maio", "mei", "maj"),
    6: ("jun", "juni", "june", "juin", "junio", "giu", "giugno", "junho"),
    7: ("jul", "juli", "july", "juil", "juillet", "julio", "lug", "luglio", "julho"),
    8: ("aug", "august", "août", "aout", "ago", "agosto", "augustus", "augusti"),
    9: (
        "sep",
        "sept",
        "september",
        "septembre",
        "septiembre",
        "set",
        "settembre",
        "setembro",
        "setiembre",
    ),
    10: ("oct", "okt", "october", "oktober", "octobre", "octubre", "ott", "ottobre", "outubro"),
    11: ("nov", "november", "novembre", "noviembre", "novembro"),
    12: (
        "dec",
        "dez",
        "dezember",
        "december",
        "déc",
        "décembre",
        "decembre",
        "dic",
        "diciembre",
        "dicembre",
        "dezembro",
        "desember",
    ),
}
_MONTH_OF = {name: number for number, names in _MONTH_NAMES.items() for name in names}
_MONTH = r"(?P<month>[^\W\d_]{3,10})\.?"
_DAY = r"(?P<day>\d{1,2})\.?"
_YEAR = r"(?P<year>\d{4}|'?\d{2})"
# `3. Juni`, `16 ene`, `7 Jul 2015`, `12 juin 2025`, `3 de junio de 2024`.
_DAY_MONTH = re.compile(rf"(?<!\d){_DAY}\s*(?:de\s+)?{_MONTH}(?:\s*(?:de\s+)?,?\s*{_YEAR})?(?!\w)")
# `June 3`, `May 16, 2021`, `Aug 29, 2014`.
_MONTH_DAY = re.compile(rf"(?<!\w){_MONTH}\s+{_DAY}(?:st|nd|rd|th)?(?:,?\s*{_YEAR})?(?!\w)")
# `2013-05-15`, `20150707T202300+0000`, `15.05.2013`, `15/05/2013` (day first, as everywhere
# but the US wires, which write the month's name).
_ISO_DATE = re.compile(
    r"(?<!\d)(?P<year>\d{4})(?P<dash>-?)(?P<month>\d{2})(?P=dash)(?P<day>\d{2})(?!\d)"
)
_NUMERIC = re.compile(
    r"(?<!\d)(?P<day>\d{1,2})[./](?P<month>\d{1,2})[./](?P<year>\d{4}|\d{2})(?!\d)"
)


def parse_dateline_date(text: str | None, reference: datetime) -> date | None:
    """The day a dateline names (`Mo., 3. Juni`, `June 3`, `2013-05-15`, `16 ene`), or None.

    A day without a year is the last such day up to `reference` (the night it arrived; a story
    is written before it is sent): `Dec 31` read on 2 January is last year's.
    """
    if not text:
        return None
    for pattern in (_ISO_DATE, _NUMERIC, _DAY_MONTH, _MONTH_DAY):
        for match in pattern.finditer(text):
            found = _to_date(match, reference)
            if found is not None:
                return found
    return None


def _to_date(match: re.Match[str], reference: datetime) -> date | None:
    month_text = match.group("month")
    month = int(month_text) if month_text.isdigit() else _MONTH_OF.get(month_text.casefold())
    day = int(match.group("day"))
    if month is None or not 1 <= month <= 12 or not 1 <= day <= 31:
        return None
    year_text = (match.group("year") or "").lstrip("'")
    if year_text:
        year = int(year_text) + (2000 if len(year_text) == 2 else 0)
        return _safe_date(year, month, day)
    latest = reference.date() + _AHEAD
    candidates = [
        d
        for y in (reference.year - 1, reference.year, reference.year + 1)
        if (d := _safe_date(y, month, day)) is not None and d <= latest
    ]
    return max(candidates, default=None)


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _plausible(stamp: datetime | None, ingested_at: datetime) -> datetime | None:
    if stamp is None or stamp < _EARLIEST or stamp > ingested_at + _AHEAD:
        return None
    return stamp.astimezone(UTC)


def choose_story_date(
    *,
    first_created: datetime | None,
    version_created: datetime | None,
    sent: datetime | None,
    dateline_date: str | None,
    ingested_at: datetime,
) -> tuple[datetime, str]:
    """(story date, which evidence gave it): the one rule for every format.

    The first plausible timestamp in `STORY_DATE_SOURCES` order wins; a dateline day counts when
    no timestamp does, with its year from the night it arrived; the ingest time is the last
    resort and says so (`ingested`).
    """
    stamps = {"first_created": first_created, "version_created": version_created, "sent": sent}
    for source, stamp in stamps.items():
        plausible = _plausible(stamp, ingested_at)
        if plausible is not None:
            return plausible, source
    day = parse_dateline_date(dateline_date, ingested_at)
    if day is not None:
        at_noon = datetime.combine(day, _DATE_ONLY_TIME)
        if _plausible(at_noon, ingested_at) is not None:
            return at_noon, "dateline_date"
    return ingested_at.astimezone(UTC), "ingested"
