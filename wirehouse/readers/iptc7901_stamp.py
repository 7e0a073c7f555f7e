"""The transmission stamp that closes an IPTC 7901 message: `131137 GMT Nov 13`.

Day, hour and minute, `GMT` when the time is UTC (without it the time is dpa's wire clock,
German local time: `251037 Sep 24`), the month in English or German and the two-digit year.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

TRAILER = re.compile(
    r"^\s*(?P<d>\d{2})(?P<h>\d{2})(?P<m>\d{2})\s+(?P<gmt>GMT\s+)?(?P<mon>[^\W\d_]{3,4})\.?\s+"
    r"(?P<y>\d{2})\b"
)
_MONTH_NAMES = "jan feb mar|mär|mrz apr may|mai jun jul aug sep oct|okt nov dec|dez"
_MONTHS = {m: i + 1 for i, names in enumerate(_MONTH_NAMES.split()) for m in names.split("|")}


def trailer_time(trailer: str) -> datetime | None:
    """`131137 GMT Nov 13` (day, hour, minute in UTC; month; year) as UTC.

    Without `GMT` the time is dpa's wire clock, German local time (`251037 Sep 24`).
    """
    match = TRAILER.match(trailer)
    month = _MONTHS.get(match.group("mon").lower()[:3]) if match else None
    if match is None or month is None:
        return None
    zone = UTC if match.group("gmt") else ZoneInfo("Europe/Berlin")
    try:
        stamp = datetime(
            2000 + int(match.group("y")),
            month,
            int(match.group("d")),
            int(match.group("h")),
            int(match.group("m")),
            tzinfo=zone,
        )
    except ValueError:
        return None
    return stamp.astimezone(UTC)
