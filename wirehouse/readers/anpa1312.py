"""ANPA 1312 as AP sends it: SYN SYN SOH framing, header lines, `^` head lines, tab paragraphs.

```
<SYN><SYN><SOH>W2870<US>asian                     service, message number, selectors
f l<DC3><DC1> BC-LT--Argentina-CancerB 11-13 1049  priority, category, format codes, keyword
<STX>BC-LT--Argentina-Cancer Beauty,466<          keyword line: cycle-slug, take key, words
^Headline <                                        `^` lines ending `<`: headline, notes
^Eds: With AP Photos.<                             editors' notes
^By PAUL BYRNE and ALMUDENA CALATRAVA=             `^` lines ending `=`: byline, then title
<TAB>   BUENOS AIRES, Argentina (AP) _ Body ...    paragraphs start with a tab
<TAB>   <ETX>AP-WF-11-13-13 1509GMT<               trailer: agency, desk, date, time (GMT)
```
The format code DC2 (instead of DC1) marks preformatted (tabular) text whose line breaks and
column spacing are kept. AP writes quotes as ``…'' ; they become plain double quotes.
"""

from __future__ import annotations

import re
import textwrap
from datetime import UTC, datetime

from wirehouse.model import Article, SkippedItem, WireParseError
from wirehouse.readers.fields import make_article
from wirehouse.readers.text import (
    decode_bytes,
    split_paragraphs,
    split_paragraphs_keeping_tables,
    strip_controls,
)

FORMAT = "anpa1312"
SYN, SOH, STX, ETX = "\x16", "\x01", "\x02", "\x03"
_PREFORMATTED = "\x12"

_FIRST_LINE = re.compile(r"^[ \t]*[A-Za-z]\d{2,6}(?:\x1f|[ \t]|$)")
_SECOND_LINE = re.compile(
    r"^(?P<priority>[a-z])[ \t](?P<category>[a-z])(?P<codes>[\x11-\x14]*)[ \t]*"
    r"(?P<keyword>.*?)[ \t]+(?P<date>\d{1,2}-\d{1,2})[ \t]+(?P<words>\d{1,5})[ \t]*$",
    re.IGNORECASE,
)
_KEYWORD = re.compile(
    r"^(?P<cycle>AM|PM|BC|Am|Pm|Bc)-(?:(?P<desk>[A-Za-z]{1,4})--)?(?P<slug>[^,<]*?)"
    r"(?:,\s*(?!\d+\s*<?\s*$)(?P<take>[^,<]*?))?(?:,\s*(?P<words>\d{1,5}))?\s*<?\s*$"
)
_TRAILER = re.compile(
    r"(?P<agency>[A-Za-z]{1,8})-(?P<desk>[A-Za-z]{1,4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})-(?P<y>\d{2})"
    r"\s+(?P<hh>\d{2})(?P<mm>\d{2})\s*GMT"
)
_PRIORITIES = {"f": 1, "b": 2, "u": 3, "r": 4, "d": 5, "a": 5, "s": 4, "w": 4}
_NOTE_LINE = re.compile(r"^(?:Eds?:|Editors?:|With AP Photos?|AP Photos?\b|Embargoed\b)", re.I)
_KILL = re.compile(r"\b(?:kill|elimination|withdrawn|withdrawal)\b", re.I)


def looks_like_anpa(text: str) -> bool:
    head = text.lstrip("\ufeff\r\n\t ")[:400]
    if not head.startswith((SYN, SOH)):
        return False
    lines = head.lstrip(SYN + SOH).replace("\r", "").split("\n")
    if not _FIRST_LINE.match(lines[0]):
        return False
    return len(lines) > 1 and _SECOND_LINE.match(lines[1].replace(SYN, "")) is not None


def read(data: bytes) -> list[Article | SkippedItem]:
    text = decode_bytes(data).replace("\r\n", "\n").replace("\r", "\n")
    starts = [m.start() for m in re.finditer(rf"{SYN}*{SOH}", text)]
    if not starts:
        raise WireParseError("not ANPA 1312: no SOH (start of header) character")
    chunks = [text[a:b] for a, b in zip(starts, [*starts[1:], len(text)], strict=True)]
    messages = [c for c in chunks if strip_controls(c).strip()]
    if not messages:
        raise WireParseError("the ANPA 1312 stream contains no message")
    return [_read_message(m.lstrip(SYN + SOH)) for m in messages]


def _read_message(message: str) -> Article | SkippedItem:
    header, has_stx, main = message.partition(STX)
    if not has_stx:
        raise WireParseError("ANPA 1312 message without STX (start of text)")
    header_lines = header.split("\n")
    second = _SECOND_LINE.match(header_lines[1]) if len(header_lines) > 1 else None
    preformatted = bool(second and _PREFORMATTED in second.group("codes"))
    main = main.lstrip(STX)
    text, _, trailer = main.partition(ETX)

    lines = text.split("\n")
    keyword = None
    if lines:
        # The keyword line opens the text, with or without AP's `^` line marker.
        keyword = _KEYWORD.match(strip_controls(lines[0]).strip().lstrip("^").strip())
        if keyword is not None:
            lines = lines[1:]

    caret_lines: list[str] = []
    body_lines: list[str] = []
    for line in lines:
        clean = strip_controls(line)
        if clean.lstrip().startswith("^") and not body_lines:
            caret_lines.append(clean.strip()[1:].strip())
        else:
            body_lines.append(clean)

    headline, byline, notes = None, None, []
    for line in caret_lines:
        if line.endswith("="):
            if byline is None:
                byline = line.rstrip("= ")
            continue  # the line after the byline is the writer's title (`Associated Press`)
        line = line.rstrip("< ").strip()
        if not line:
            continue
        if headline is None and not _NOTE_LINE.match(line):
            headline = line
        else:
            notes.append(line)

    body = _quotes("\n".join(body_lines))
    if preformatted:
        paragraphs = [p for p in _tab_blocks(body, keep_lines=True)]
    else:
        paragraphs = _tab_blocks(body, keep_lines=False)
    if not paragraphs and headline is None:
        raise WireParseError("the ANPA 1312 message has neither a headline nor body text")

    take_key = (keyword.group("take") or None) if keyword else None
    stamp, trailer_agency = _trailer(strip_controls(trailer) + " " + strip_controls(text[-80:]))
    priority = _PRIORITIES.get(second.group("priority").lower()) if second else None
    return make_article(
        FORMAT,
        paragraphs,
        agency=trailer_agency,
        priority=priority,
        slugline=(keyword.group("slug").strip() or None) if keyword else _slug_from(second),
        headline=_quotes(headline) if headline else None,
        byline=byline,
        take_key=take_key,
        ednote="\n".join(notes) or None,
        version_created=stamp,
        pubstatus="canceled" if take_key and _KILL.search(take_key) else "usable",
    )


def _quotes(text: str) -> str:
    return text.replace("``", '"').replace("''", '"')


def _tab_blocks(text: str, *, keep_lines: bool) -> list[str]:
    """Paragraphs start with a tab (AP's indent); blank lines also separate them."""
    if keep_lines:
        # Preformatted text: a tab starts a row, not a paragraph; blank lines separate blocks.
        blocks = re.split(r"\n[ \t]*\n", text)
        return [textwrap.dedent(b.strip("\n").expandtabs(4)) for b in blocks if b.strip()]
    marked = re.sub(r"\n(?=\t)", "\n\n", text)
    return split_paragraphs_keeping_tables(marked) if marked.strip() else split_paragraphs(marked)


def _slug_from(second: re.Match[str] | None) -> str | None:
    if second is None:
        return None
    keyword = _KEYWORD.match(second.group("keyword").strip())
    return (keyword.group("slug").strip() or None) if keyword else None


def _trailer(text: str) -> tuple[datetime | None, str | None]:
    match = _TRAILER.search(text)
    if match is None:
        return None, None
    try:
        year = int(match.group("y"))
        stamp = datetime(
            2000 + year if year < 70 else 1900 + year,
            int(match.group("m")),
            int(match.group("d")),
            int(match.group("hh")),
            int(match.group("mm")),
            tzinfo=UTC,
        )
    except ValueError:
        stamp = None
    return stamp, match.group("agency")
