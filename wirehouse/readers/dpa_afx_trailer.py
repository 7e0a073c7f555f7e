"""The tail of a dpa-AFX story: desk codes, a transmission stamp, a copyright line.

What dpa-AFX and dpa's plain-text services put after the last sentence:
```
…fanden bereits zwei Treffen statt./ast/DP/zb          codes glued to the last sentence
…according to the bank's analyst./dpa-AFX/ch/tos      the service's name among the codes
/ajx/jha/                                              codes on a line of their own
/hbr/he 2024-03-01 10:15                               codes with a time stamp
AXC0065 2023-02-23/07:53                               a stamp line (message id, date/time)
Copyright dpa-AFX Wirtschaftsnachrichten GmbH          a copyright or source line
```
None of it is story text: left in the body, an English model reads `/dpa-AFX/xy` as a person.
The editor initials become `desk_codes`, the service's own name is dropped (the dateline names
the agency), a stamp with a full date becomes the story's time, and the copyright line its
`copyright`. A time of day without a date says nothing certain about the day: dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo

__all__ = ["Trailer", "split_trailer"]

_DATE = r"(?:\d{4}-\d{2}-\d{2}|\d{1,2}\.\d{1,2}\.\d{4})"
_TIME = r"\d{1,2}:\d{2}(?::\d{2})?"
_ZONE = r"GMT|UTC|Z|MEZ|MESZ|CET|CEST"
# `2023-02-23/07:53`, `01.03.2024 10:15 Uhr`, `2024-03-01T10:15Z`, `01.03.2024, 10:15 MEZ`
_STAMP = (
    rf"(?P<date>{_DATE})(?:\s*(?:[/,T]|\s|-|um)\s*(?P<time>{_TIME})(?:\s*Uhr)?)?"
    rf"\s*(?P<zone>{_ZONE})?"
)
_STAMP_LINE = re.compile(rf"^(?:[A-Z]{{2,5}}\d{{2,6}}\s+)?{_STAMP}\s*$")
_CODE = r"[^\W\d_][\w-]{0,11}"
# Codes after the last sentence (or alone on their line), optionally followed by a stamp or a
# bare time of day. A `/` glued to a word (`und/oder`, `example.com/ir`) is no trailer.
_CODES = re.compile(
    rf"(?:(?<=[.!?\"“”»«)'’])|(?<=\s)|^)/(?P<codes>{_CODE}(?:/{_CODE}){{0,7}})/?"
    rf"(?:[ \t]+(?:{_STAMP}|(?P<clock>{_TIME})(?:\s*Uhr)?))?[ \t]*$"
)
_COPYRIGHT = re.compile(r"^(?:Copyright\b|©|\(c\)\s|Quelle:\s*dpa)", re.IGNORECASE)
# The service's own name among the codes (`dpa-AFX`, `dpa`, `AFX`): the dateline has it.
_SERVICE = re.compile(r"^(?:dpa(?:-\w+)?|afx|dow ?jones)$", re.IGNORECASE)
_WIRE_CLOCK = ZoneInfo("Europe/Berlin")  # dpa-AFX sends from Frankfurt on German time
_ZONES: dict[str, tzinfo] = {
    "gmt": UTC,
    "utc": UTC,
    "z": UTC,
    "mez": timezone(timedelta(hours=1)),
    "cet": timezone(timedelta(hours=1)),
    "mesz": timezone(timedelta(hours=2)),
    "cest": timezone(timedelta(hours=2)),
}
_MAX_TAIL_LINES = 6  # stamp, copyright and code lines after the text: never a paragraph's worth


@dataclass(slots=True)
class Trailer:
    text: str
    desk_codes: list[str] = field(default_factory=list)
    stamp: datetime | None = None
    copyright: str | None = None


def split_trailer(text: str) -> Trailer:
    """`text` without its trailer, and what the trailer carried."""
    lines = text.rstrip().split("\n")
    out = Trailer(text="")
    tail = 0
    while lines and tail <= _MAX_TAIL_LINES:
        line = lines[-1].strip()
        stamp = _STAMP_LINE.match(line)
        if not line:
            pass
        elif stamp:
            out.stamp = out.stamp or _stamp_time(stamp)
        elif _COPYRIGHT.match(line) and len(line) <= 120:
            out.copyright = out.copyright or line
        else:
            break
        lines.pop()
        tail += 1
    if lines:
        codes = _CODES.search(lines[-1])
        if codes and not any(_is_word(c) for c in codes.group("codes").split("/")):
            out.desk_codes = [c for c in codes.group("codes").split("/") if not _SERVICE.match(c)]
            if codes.group("date"):
                out.stamp = _stamp_time(codes) or out.stamp
            lines[-1] = lines[-1][: codes.start()].rstrip()
    out.text = "\n".join(lines).rstrip()
    return out


def _is_word(code: str) -> bool:
    """`U.S./Canada`: a capitalised word is text, not an editor's initials (`ast`, `DP`)."""
    return len(code) > 3 and code[0].isupper() and code[1:].islower()


def _stamp_time(match: re.Match[str]) -> datetime | None:
    date, clock, zone = match.group("date"), match.group("time"), match.group("zone")
    if "-" in date:
        year, month, day = (int(x) for x in date.split("-"))
    else:
        day, month, year = (int(x) for x in date.split("."))
    try:
        if not clock:  # a day alone: noon UTC, as for a dateline's day (story_dates)
            return datetime(year, month, day, 12, 0, tzinfo=UTC)
        hour, minute = (int(x) for x in clock.split(":")[:2])
        place = _ZONES[zone.lower()] if zone else _WIRE_CLOCK
        return datetime(year, month, day, hour, minute, tzinfo=place).astimezone(UTC)
    except ValueError:  # 31.02.2024: no such day
        return None
