"""Dateline forms beside the common `PLACE (AGENCY) - `, as agencies really write them.

Each form gives the text before the agency (places and date, for `fields` to split), the
agency and where the story text starts; `fields.split_dateline` tries them after its own.

- `(ANSA) - Rome, October 11 - `: ANSA names itself first, then place and date.
- `MOSCOW, January 21. /TASS/. `: TASS sets its name between slashes (PR Newswire too,
  with a dash after: `NEW YORK, Dec. 3, 2026 /PRNewswire/ -- `).
- `BOSTON--(BUSINESS WIRE)--`: Business Wire's dashes around the bracket.
- `SAITAMA, Japan, Dec. 9 Kyodo - `: Kyodo (and Xinhua, Yonhap) without brackets.
- `Genève (ats) Le scandale …`: Keystone-SDA's services write no dash after the bracket; only
  an agency's own short name is taken so, never any word in brackets (`Merkel (CDU) sagte`).
"""

from __future__ import annotations

import re
from typing import NamedTuple


class DatelineParts(NamedTuple):
    head: str
    agency: str
    rest_at: int


_DASH = r"(?:\.?[-–—_]{1,2}|:)"
_AGENCY_FIRST = re.compile(
    rf"^[ \t]*\((?P<agency>[^\W\d_][\w./-]{{1,15}})\)[ \t]*{_DASH}[ \t]*"
    rf"(?P<head>[^\W\d_][^()\n–—]{{0,60}}?)[ \t]+{_DASH}[ \t]+(?=\S)"
)
# PR Newswire's `NEW YORK, Dec. 3, 2026 /PRNewswire/ -- ` closes with a dash as well.
_SLASHED_AGENCY = re.compile(
    r"^[ \t]*(?P<head>[^\W\d_][^/()\n]{0,90}?)\.?[ \t]+/(?P<agency>[^\W\d_][\w-]{1,15})/\.?[ \t]+"
    r"(?:[-–—]{1,2}[ \t]+)?(?=\S)"
)
# Business Wire's `BOSTON--(BUSINESS WIRE)--`: dashes on both sides of the bracket, no spaces.
# Through AP, the date follows: `MARLBOROUGH, Mass.--(BUSINESS WIRE)--Dec 5, 2024--`.
_DASHED_BRACKET = re.compile(
    r"^[ \t]*(?P<head>[^\W\d_][^()\n]{0,90}?)[ \t]*(?:--|—)\((?P<agency>[^\W\d_][\w .-]{1,20})\)"
    r"(?:--|—)(?:(?P<date>[A-Z][a-z]{2,8}\.? \d{1,2}, (?:19|20)\d{2})(?:--|—))?[ \t]*(?=\S|$)"
)
_BARE_AGENCIES = "Kyodo|Xinhua|Yonhap|KUNA|WAM|SPA|IRNA"
_BARE_AGENCY = re.compile(
    rf"^[ \t]*(?P<head>[^\W\d_][^()\n]{{0,90}}?)[ \t]+(?P<agency>{_BARE_AGENCIES})[ \t]+"
    rf"{_DASH}[ \t]+(?=\S)"
)
# Agencies that close their dateline with the bracket alone (`Bern (sda) Der Bundesrat …`).
_UNDASHED_AGENCIES = "sda|ats|ats/sda|sda/ats|awp|apa|kna|epd|ctk|čtk|pap|mti|hina|sta|bta"
_UNDASHED = re.compile(
    rf"^[ \t]*(?P<head>[^\W\d_][^()\n]{{0,90}}?)[ \t]*\((?P<agency>{_UNDASHED_AGENCIES})\)"
    r"[ \t]+(?=[^\W\d_\-–—])",
    re.IGNORECASE,
)
_FORMS = (_AGENCY_FIRST, _SLASHED_AGENCY, _BARE_AGENCY, _UNDASHED, _DASHED_BRACKET)


def other_dateline_forms(paragraph: str) -> list[DatelineParts]:
    """Every reading of the paragraph's opening as one of the forms above (caller checks heads)."""
    found = []
    for form in _FORMS:
        match = form.match(paragraph)
        if match is not None:
            date = match.groupdict().get("date")
            head = f"{match.group('head')}, {date}" if date else match.group("head")
            found.append(DatelineParts(head, match.group("agency"), match.end()))
    return found
