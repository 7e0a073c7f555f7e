"""Field normalisation every reader shares, so that the same story reads the same in every format.

Datelines, timestamps, publication status, bylines and desk codes are written differently by
each agency and each format; the rules for turning them into `Article` values live here once
(datelines in `datelines`, re-exported here for the readers).
"""

from __future__ import annotations

import re
import unicodedata
from datetime import UTC, datetime, timedelta, timezone, tzinfo
from typing import Any

from wirehouse.model import Article
from wirehouse.model import normalise_pubstatus as model_pubstatus
from wirehouse.readers.bylines import settle_byline
from wirehouse.readers.datelines import (
    Dateline,
    normalise_place,
    parse_dateline_field,
    split_dateline,
    take_dateline,
)
from wirehouse.readers.language_tags import normalise_language_tag
from wirehouse.readers.lead_block import take_lead_block
from wirehouse.readers.story_end import (
    drop_wire_notices,
    take_after_end_mark,
    take_notebook,
    take_story_end,
)
from wirehouse.readers.text import (
    is_escaped_markup,
    join_paragraphs,
    repair_mojibake,
    unescape_leftover_entities,
)

# `hh/ph/ts/hd`; AFP's Arabic desks write `ففف/ح س/كام` (a segment may hold one space), its
# other desks join the initials of everyone on a bureau's copy with hyphens (`bur-dar-gl/fz`,
# `سب-لال/كام/شي`).
_DESK_INITIALS = r"(?:[a-z]{1,5}|[^\W\d_a-z]{1,5}(?: [^\W\d_a-z]{1,3})?)"
_DESK_SEGMENT = rf"{_DESK_INITIALS}(?:-{_DESK_INITIALS}){{0,6}}"
_DESK_CODES = re.compile(rf"^{_DESK_SEGMENT}(?:/(?:{_DESK_SEGMENT}|[a-z0-9]{{1,5}})){{1,8}}$", re.I)
_BYLINE_AGENCY = re.compile(
    r",\s*(?:dpa|AP|AFP|Reuters|epd|KNA|APA|SDA|Keystone-SDA|ANP|EFE|ANSA|PA|TT|NTB|AAP)$"
)
_BY = re.compile(r"^(?:by|von|from|de|por|par)\s+", re.IGNORECASE)

PUBSTATUS_USABLE = "usable"


# The Portuguese agency closes with its initials (`MA // EA`) and an end mark (`Lusa/Fim`).
_END_MARK = re.compile(r"^[\w.-]{1,20}/(?:fim|fin|end|ende|slut|loppu)$", re.IGNORECASE)
# Kyodo signs off with `==Kyodo` under the last paragraph.
_SIGN_OFF = re.compile(r"^==\s*(?P<agency>[^\W\d_][\w-]{1,15})$")
_INITIALS_LINE = re.compile(r"^[A-Z]{1,4}(?:\s*//?\s*[A-Z]{1,4})+$")


def take_desk_codes(paragraphs: list[str]) -> list[str]:
    """A last paragraph that is only desk codes (`hh/ph/ts/hd`) is metadata, not text."""
    if paragraphs and (
        _END_MARK.match(paragraphs[-1].strip()) or _SIGN_OFF.match(paragraphs[-1].strip())
    ):
        paragraphs.pop()
    if paragraphs and _INITIALS_LINE.match(paragraphs[-1].strip()):
        return [c.strip() for c in paragraphs.pop().split("/") if c.strip()]
    if paragraphs and _DESK_CODES.match(paragraphs[-1].strip()):
        return paragraphs.pop().strip().split("/")
    return []


def clean_byline(text: str | None) -> str | None:
    """`By PAUL BYRNE =` → `PAUL BYRNE`: the names, without the `By` and wire punctuation."""
    if not text:
        return None
    text = " ".join(text.split()).strip(" =<")
    text = _BY.sub("", text).strip(" ,=")
    # `Von Marco Krefting und Sunrita Sen, dpa`: the agency after the names is not a name.
    names = _BYLINE_AGENCY.sub("", text)
    return names or text or None


def normalise_pubstatus(value: str | None) -> str:
    """Every format's status word as one of usable / withheld / canceled / withdrawn (the
    model's one table of status words)."""
    return model_pubstatus(value)


_ISO = re.compile(
    r"^(?P<y>\d{4})-?(?P<mo>\d{2})-?(?P<d>\d{2})"
    r"(?:[T ](?P<h>\d{2}):?(?P<mi>\d{2})(?::?(?P<s>\d{2})(?:[.,](?P<f>\d{1,9}))?)?)?"
    r"[ ]?(?P<tz>Z|[+-]\d{2}(?::?\d{2})?)?$"
)


def parse_datetime(value: str | None) -> datetime | None:
    """ISO 8601 in the basic (`20140829T134951+0000`) or extended form, as UTC; None if unusable.

    A timestamp without an offset is taken as UTC: wire timestamps without one are machine
    clocks, and guessing a local zone would be worse than being explicit about the rule.
    """
    if not value:
        return None
    match = _ISO.match(value.strip())
    if match is None:
        return None
    g = match.groupdict()
    try:
        tz = UTC
        if g["tz"] and g["tz"] != "Z":
            sign = 1 if g["tz"][0] == "+" else -1
            digits = g["tz"][1:].replace(":", "")
            minutes = int(digits[:2]) * 60 + (int(digits[2:4]) if len(digits) >= 4 else 0)
            tz = timezone(sign * timedelta(minutes=minutes))
        micro = int((g["f"] or "0")[:6].ljust(6, "0"))
        stamp = datetime(
            int(g["y"]),
            int(g["mo"]),
            int(g["d"]),
            int(g["h"] or 0),
            int(g["mi"] or 0),
            int(g["s"] or 0),
            micro,
            tzinfo=tz,
        )
        return stamp.astimezone(UTC)
    except (ValueError, OverflowError):
        return None


_HAS_OFFSET = re.compile(r"(?:Z|[+-]\d{2}(?::?\d{2})?)$")


def parse_local_datetime(value: str | None, zone: tzinfo | None) -> datetime | None:
    """Like `parse_datetime`, but a time without an offset is wall-clock time in `zone`.

    Some agencies stamp local time without saying so (STT in Helsinki, Ritzau in Copenhagen).
    """
    stamp = parse_datetime(value)
    if stamp is None or zone is None or value is None or _HAS_OFFSET.search(value.strip()):
        return stamp
    return stamp.replace(tzinfo=zone).astimezone(UTC)


def parse_int(value: object) -> int | None:
    """Digits as an int (`"4"`, `4`, `" 04 "`); anything else None, never an exception."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value if -(2**31) < value < 2**31 else None
    if isinstance(value, str) and value.strip().isdigit() and len(value.strip()) <= 9:
        return int(value.strip())
    return None


def clean_line(value: str | None) -> str | None:
    """One-line metadata text (headline, slugline): whitespace collapsed, NFC; None if empty."""
    if value is None:
        return None
    value = unicodedata.normalize("NFC", " ".join(value.split()))
    return value or None


def make_article(
    fmt: str,
    paragraphs: list[str],
    *,
    dateline: Dateline | None = None,
    agency: str | None = None,
    desk_codes: list[str] | None = None,
    **values: Any,
) -> Article:
    """The one way readers assemble an Article, so every format follows the same body rules.

    The dateline is cut from the first paragraph (what the body says wins over metadata), a
    trailing desk-code paragraph, credit line or agency sign-off from the last (`story_end`),
    the declared language is written as one BCP 47 tag, and single-line fields are cleaned.
    """
    paragraphs = list(paragraphs)
    after_end = take_after_end_mark(paragraphs)  # before the rules go: `###` is a mark
    drop_wire_notices(paragraphs)
    # A paragraph without a letter or digit (`-----`) is a rule, not text.
    paras = [
        repair_mojibake(unescape_leftover_entities(p))
        for p in _without_escaped_markup(paragraphs)
        if p and any(c.isalnum() for c in p)
    ]
    notes, points = take_lead_block(paras, lambda p: split_dateline(p) is not None)
    if notes and not values.get("ednote"):
        values["ednote"] = "\n".join(notes)
    if points and not values.get("abstract"):
        values["abstract"] = "; ".join(points)
    notebook = take_notebook(paras)
    for closing_notes in (notebook.notes, "\n".join(after_end)):
        if closing_notes:
            values["ednote"] = "\n".join(n for n in (values.get("ednote"), closing_notes) if n)
    byline, byline_codes = settle_byline(values.pop("byline", None), paras)
    found = take_dateline(paras, dateline)
    codes = take_desk_codes(paras)
    end = take_story_end(paras)
    byline = byline or end.reporters
    if "lang_declared" in values:
        values["lang_declared"] = normalise_language_tag(values["lang_declared"])
    for name in ("headline", "slugline", "abstract", "take_key", "copyright"):
        if name in values:
            value = values[name]
            values[name] = (
                clean_line(repair_mojibake(unescape_leftover_entities(value))) if value else None
            )
    values["byline"] = clean_byline(repair_mojibake(byline) if byline else byline)
    return Article(
        format=fmt,
        body=join_paragraphs(paras),
        dateline_places=found.places,
        dateline_date=found.date,
        agency=found.agency or clean_line(agency) or end.agency or notebook.agency,
        desk_codes=list(
            dict.fromkeys(
                [
                    *(desk_codes or []),
                    *byline_codes,
                    *notebook.desk_codes,
                    *codes,
                    *end.desk_codes,
                    *end.credits,
                ]
            )
        ),
        **values,
    )


def _without_escaped_markup(paragraphs: list[str]) -> list[str]:
    """Drop HTML written out as text, and the short label announcing it (`Embed (stor):`)."""
    kept: list[str] = []
    for paragraph in paragraphs:
        if not is_escaped_markup(paragraph):
            kept.append(paragraph)
        elif kept and kept[-1].rstrip().endswith(":") and len(kept[-1].split()) <= 4:
            kept.pop()
    return kept


__all__ = [
    "Dateline",
    "clean_byline",
    "clean_line",
    "make_article",
    "normalise_place",
    "normalise_pubstatus",
    "parse_dateline_field",
    "parse_datetime",
    "parse_int",
    "parse_local_datetime",
    "split_dateline",
    "take_dateline",
    "take_desk_codes",
]
