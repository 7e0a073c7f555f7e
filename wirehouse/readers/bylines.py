"""Bylines as agencies really send them: in their field, in the body, or not a byline at all.

* EFE puts desk initials (`gr/bp`) where a byline goes: those are desk codes, not names.
* EFE marks attached media as `(foto)(vídeo)`: not a byline.
* An editing system's login in the byline field (`bockc`, as dpa's copy reaches AP's APPL): one
  lower-case word that names no agency is who filed the story, a desk code, not a name.
* Reuters and others open the body with a `By Name` line: that line is the byline.
* What the agency sent is kept otherwise; only the `By` prefix and wire punctuation go
  (`fields.clean_byline`).
"""

from __future__ import annotations

import re

from wirehouse.agencies import known_agency

_DESK_INITIALS = re.compile(r"^[a-z]{1,5}(?:/[a-z]{1,5}){1,8}$")
_LOGIN = re.compile(r"^[a-z][a-z0-9._-]{2,15}$")
_MEDIA_MARKS = re.compile(
    r"^(?:\s*\((?:foto|fotos|vídeo|video|audio|gráfico|infografía)\)\s*)+$", re.I
)
_BY_LINE = re.compile(r"^(?:by|von|par|por|av|af|door|di)\s+(?P<names>\S.*)$", re.IGNORECASE)
_JOINERS = {"and", "und", "y", "e", "et", "og", "och", "en", "ja", "&", "with", "mit", "in", "for"}


def looks_like_names(text: str) -> bool:
    """`Jane Doe and John Smith`, `Mette Sørensen, Ritzau`: capitalised words and joiners."""
    words = [w.strip(",;") for w in text.split()]
    if not words or len(words) > 10 or text.rstrip()[-1:] in ".!?:":
        return False
    return all((w[:1].isupper() or w.lower() in _JOINERS or not w) for w in words)


def settle_byline(
    byline: str | None, paragraphs: list[str], *, from_body: bool = True
) -> tuple[str | None, list[str]]:
    """(byline, desk codes found in it); a `By` line opening the body moves into the byline.

    `paragraphs` is changed in place.
    """
    codes: list[str] = []
    if byline is not None:
        stripped = byline.strip()
        if _DESK_INITIALS.match(stripped):
            codes, byline = stripped.split("/"), None
        elif _MEDIA_MARKS.match(stripped):
            byline = None
        elif _LOGIN.match(stripped) and not known_agency(stripped):
            codes, byline = [stripped], None
    if paragraphs and from_body:
        first = " ".join(paragraphs[0].split())
        match = _BY_LINE.match(first)
        if match and looks_like_names(match.group("names")):
            byline = match.group("names")  # the line printed over the story, without `By`
            del paragraphs[0]
        elif byline is not None and _same(byline, first):
            del paragraphs[0]  # the byline field repeated as the body's first line
    return byline, codes


def opens_with_byline(paragraph: str) -> bool:
    """Whether the paragraph is a `By Name` line (a byline printed over the story)."""
    match = _BY_LINE.match(" ".join(paragraph.split()))
    return bool(match and looks_like_names(match.group("names")))


def _same(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()
