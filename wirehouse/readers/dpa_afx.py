"""dpa-AFX plain text: `KIEW/GENF (dpa-AFX) - Body…`, paragraphs, desk trailer `/ast/DP/zb`
(its variants: `wirehouse.readers.dpa_afx_trailer`).

The same shape (`CITY (agency) - `) is used by dpa's and other agencies' plain-text services,
so the agency is read from the dateline rather than assumed.
"""

from __future__ import annotations

import re

from wirehouse.model import Article, SkippedItem, WireParseError
from wirehouse.readers.dpa_afx_trailer import split_trailer
from wirehouse.readers.fields import make_article, normalise_place, split_dateline
from wirehouse.readers.text import decode_bytes, join_paragraphs, split_paragraphs, strip_controls

__all__ = ["DATELINE", "FORMAT", "looks_like_dpa_afx", "match_dateline", "normalise_place", "read"]

FORMAT = "dpa_afx"

# `KIEW/GENF (dpa-AFX) - `, `Frankfurt am Main (dpa) – `, `NEW YORK, 3. März (Reuters) - `
DATELINE = re.compile(
    r"^(?P<places>[^\W\d_][\w.'’\- ]{0,40}?(?:\s*/\s*[^\W\d_][\w.'’\- ]{0,40}?)*)"
    r"(?:,\s*(?P<date>[\w. ]{1,25}?))?"
    r"\s*\((?P<agency>[^()\n]{1,30})\)\s*[-–—_]{1,2}\s+"
)
_MAX_HEADLINE_CHARS = 300
# dpa-AFX marks takes before the headline: `ROUNDUP 2:`, `WDH:`, `WDH/ROUNDUP:`, `KORREKTUR:`.
# Rubrics such as `ANALYSE:` or `AKTIE IM FOKUS:` are part of the headline and stay.
_TAKE_PREFIX = re.compile(
    r"^(?P<take>(?:(?:WDH|KORREKTUR|ROUNDUP(?:\s\d+)?|EILMELDUNG|EIL|BERICHTIGUNG)/?)+)"
    r"\s*:\s+(?P<rest>\S.*)$"
)


def match_dateline(paragraph: str) -> re.Match[str] | None:
    match = DATELINE.match(paragraph)
    if match is None:
        return None
    places = match.group("places")
    # A dateline names places, not a sentence: reject long or mostly lower-case prefixes.
    if len(places.split()) > 6 or (places[:1].islower()):
        return None
    return match


def looks_like_dpa_afx(text: str) -> bool:
    paragraphs = split_paragraphs(strip_controls(text))[:3]
    return any(split_dateline(p) for p in paragraphs)


def read(data: bytes) -> list[Article | SkippedItem]:
    trailer = split_trailer(strip_controls(decode_bytes(data)))
    paragraphs = split_paragraphs(trailer.text)
    if not paragraphs:
        raise WireParseError("the file has no text")
    split = None
    dateline_at = 0
    for dateline_at, paragraph in enumerate(paragraphs[:3]):  # noqa: B007
        split = split_dateline(paragraph)
        if split is not None:
            break
    if split is None:
        raise WireParseError(
            "no dpa-AFX dateline such as `BERLIN (dpa-AFX) - ` in the first paragraphs"
        )
    dateline, first = split
    head = paragraphs[:dateline_at]
    headline = " ".join(head) if head and len(" ".join(head)) <= _MAX_HEADLINE_CHARS else None
    preamble = [] if headline is not None else head
    take_key = None
    prefix = _TAKE_PREFIX.match(headline) if headline else None
    if prefix:
        take_key, headline = prefix.group("take").rstrip("/"), prefix.group("rest")
    body_paragraphs = [*preamble, first, *paragraphs[dateline_at + 1 :]]

    if not join_paragraphs(body_paragraphs):
        raise WireParseError("the story has a dateline but no body text")
    # The dateline is cut already: it is given, and the body's rules (`make_article`: end
    # marks, notebooks, credit lines, sign-offs) apply as in every format.
    return [
        make_article(
            FORMAT,
            body_paragraphs,
            dateline=dateline,
            agency=dateline.agency,
            headline=headline,
            desk_codes=trailer.desk_codes,
            version_created=trailer.stamp,
            copyright=trailer.copyright,
            take_key=take_key,
            pubstatus="usable",
        )
    ]
