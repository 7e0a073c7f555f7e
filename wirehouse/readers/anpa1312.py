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
The keyword line may follow selector numbers (`*9006<`), lack the cycle (`BBO--BaseballExpanded,
0457`) and carry a take key and the number of the story it replaces (`,1stLd-Writethru,a0712,`).
A headlines package has no tab paragraphs: its `^` lines after the title are its text.
"""

from __future__ import annotations

import re
import textwrap
from dataclasses import dataclass, field
from datetime import UTC, datetime

from wirehouse.model import Article, SkippedItem, WireParseError
from wirehouse.readers.fields import make_article, split_dateline
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
_UNFRAMED_FIRST_LINE = re.compile(r"^[A-Za-z]\d{4}[A-Za-z0-9-]{0,24}$")
_SECOND_LINE = re.compile(
    r"^(?P<priority>[a-z])[ \t](?P<category>[a-z])(?P<codes>[\x11-\x14]*)[ \t]*"
    r"(?P<keyword>.*?)[ \t]+(?P<date>\d{1,2}-\d{1,2})[ \t]+(?P<words>\d{1,5})[ \t]*$",
    re.IGNORECASE,
)
# The keyword line: `BC-LT--Argentina-Cancer Beauty,466`, `BC-US--Obama-Economy,1stLd-Writethru,
# a0712,0612` (take key, then the number of the story it replaces, then the word count),
# `BBO--BaseballExpanded,0457`, `AP-Top-Entertainment-Headlines,0176`.
_KEYWORD = re.compile(
    r"^(?:(?P<cycle>AM|PM|BC|Am|Pm|Bc)-)?(?:(?P<desk>[A-Za-z]{1,4})--)?(?P<slug>[^,<]*?)"
    r"(?:,\s*(?!\d+\s*<?\s*$)(?![a-z]\d{3,5}\s*[,<]?)(?P<take>[^,<]*?))?"
    r"(?:,\s*(?P<ref>[a-z]\d{3,5}))?(?:,\s*(?P<words>\d{1,5}))?\s*<?\s*$"
)
# An AP selector or message number (`*9006<`) standing before the keyword line.
_REFERENCE_LINE = re.compile(r"^\^?\*?[A-Za-z]?\d{2,6}\s*<?$")
_TRAILER = re.compile(
    r"(?P<agency>[A-Za-z]{1,8})-(?P<desk>[A-Za-z]{1,4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})-(?P<y>\d{2})"
    r"\s+(?P<hh>\d{2})(?P<mm>\d{2})\s*GMT"
)
_PRIORITIES = {"f": 1, "b": 2, "u": 3, "r": 4, "d": 5, "a": 5, "s": 4, "w": 4}
# Notes to editors are the ednote; the photo line (`AP Photo XNP101, …`) lists pictures only.
_NOTE_LINE = re.compile(
    r"^(?:Eds?:|Editors?:|Editor'?s Notes?\b|With AP Photos?\b|Embargoed\b|Advance for\b)", re.I
)
_PHOTO_LINE = re.compile(r"^AP (?:Photos?|Video|Graphics?|Audio)\b(?! ?:)")
_FLAG_LINE = re.compile(r"^(?:URGENT|BULLETIN|FLASH|APNewsAlert|AP NewsAlert|BC-Advisory)$", re.I)
_SUMMARY = re.compile(r"^[A-Z\"].{59,}[.!?\"']$")
_FLUSH_HEADLINE = re.compile(r"^\S[^\n]*\n(?: {3,}|\t)\S")
_SIGN_OFF = re.compile(r"^==\s*(?P<agency>[A-Za-z][\w-]{1,15})$")
_KYODO_STAMP = re.compile(r"^[A-Z]{2,4}-\d{2}:\d{2}-\d{2}-\d{2}-\d{2}$")
_KILL = re.compile(r"\b(?:kill|elimination|withdrawn|withdrawal)\b", re.I)


def looks_like_anpa(text: str) -> bool:
    head = text.lstrip("\ufeff\r\n\t ")[:400]
    if not head.startswith((SYN, SOH)):
        return _is_unframed(head)
    lines = head.lstrip(SYN + SOH).replace("\r", "").split("\n")
    if not _FIRST_LINE.match(lines[0]):
        return False
    return len(lines) > 1 and _SECOND_LINE.match(lines[1].replace(SYN, "")) is not None


def _is_unframed(text: str) -> bool:
    """A message saved without its control characters (SYN, SOH, US, STX, ETX, EOT).

    Feed clients and archives drop them; the two header lines still open the file: the
    service and message number with the selectors run on (`z6715-----`, `a0105KYODOkoko-`),
    then priority, category, keyword, date and word count (`r z BC-BKN--Heat-Hawks 02-20 0500`).
    """
    lines = text.replace("\r", "").split("\n")
    if len(lines) < 3 or not _UNFRAMED_FIRST_LINE.match(lines[0].strip()):
        return False
    return _SECOND_LINE.match(lines[1]) is not None


def read(data: bytes) -> list[Article | SkippedItem]:
    text = decode_bytes(data).replace("\r\n", "\n").replace("\r", "\n")
    starts = [m.start() for m in re.finditer(rf"{SYN}*{SOH}", text)]
    if not starts and _is_unframed(text.lstrip("\ufeff\n\t ")):
        header, _, rest = text.lstrip("\ufeff\n\t ").partition("\n")
        second, _, main = rest.partition("\n")
        return [_read_message(f"{header}\n{second}\n{STX}{main}")]
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
    # The stamp belongs after ETX; without ETX (or before it) it still is no text.
    text, stamp_line, sign_off = _closing_lines(text)
    trailer = trailer if strip_controls(trailer).strip() else stamp_line

    # Several `^` fields may share a line (`^*9006< ^AP-Top-Entertainment-Headlines,0176<`).
    text = re.sub(r"<[ \t]+(?=\^)", "<\n", text)
    lines, keyword = _keyword_line(text.split("\n"))
    caret_lines: list[str] = []
    body_lines: list[str] = []
    for line in lines:
        clean = strip_controls(line)
        if clean.lstrip().startswith("^") and not any(b.strip() for b in body_lines):
            caret_lines.append(clean.strip()[1:].strip())
        else:
            body_lines.append(clean)
    head = _read_caret_lines(caret_lines)
    headline, byline, notes, extra = head.headline, head.byline, head.notes, head.extra

    body = _quotes("\n".join(body_lines))
    if preformatted:
        paragraphs = [p for p in _tab_blocks(body, keep_lines=True)]
    else:
        paragraphs = _tab_blocks(body, keep_lines=False)
    if headline is None and paragraphs and _FLUSH_HEADLINE.match(body):
        # Kyodo sets its headline flush over indented paragraphs, without a `^`.
        headline = paragraphs.pop(0).rstrip("+ ")
    abstract = None
    if extra and not paragraphs:
        # A headlines package: the `^` lines after the title are its text, one per line.
        paragraphs = [_quotes(line) for line in extra]
    elif extra and _SUMMARY.match(extra[0]):
        # AP's summary: a sentence after the notes, over the byline (not a note to editors).
        abstract, notes = _quotes(extra[0]), notes + extra[1:]
    else:
        notes += extra
    if not paragraphs and headline is None:
        raise WireParseError("the ANPA 1312 message has neither a headline nor body text")
    flag = keyword.group("slug").strip() if keyword else ""
    if headline is None and len(paragraphs) == 1 and _FLAG_LINE.match(flag):
        # An AP news alert is one sentence under its flag keyword: that sentence is the headline.
        split = split_dateline(paragraphs[0])
        headline, head.flag = (split[1] if split else paragraphs[0]), head.flag or flag

    take_key = ((keyword.group("take") or "").strip() or None) if keyword else None
    take_key = take_key or head.flag
    stamp, trailer_agency = _trailer(strip_controls(trailer) + " " + strip_controls(text[-80:]))
    priority = _PRIORITIES.get(second.group("priority").lower()) if second else None
    return make_article(
        FORMAT,
        paragraphs,
        agency=trailer_agency or sign_off,
        abstract=abstract,
        priority=priority,
        slugline=(keyword.group("slug").strip() or None) if keyword else _slug_from(second),
        headline=_quotes(headline) if headline else None,
        byline=byline,
        take_key=take_key,
        ednote="\n".join(notes) or None,
        version_created=stamp,
        pubstatus="canceled" if take_key and _KILL.search(take_key) else "usable",
    )


def _keyword_line(lines: list[str]) -> tuple[list[str], re.Match[str] | None]:
    """Find the keyword line at the top of the text, past AP's selector numbers (`*9006<`)."""
    index = 0
    while index < len(lines) and (
        not strip_controls(lines[index]).strip()
        or _REFERENCE_LINE.match(strip_controls(lines[index]).strip())
    ):
        index += 1
    if index >= len(lines):
        return lines, None
    # The keyword line opens the text, with or without AP's `^` line marker.
    candidate = strip_controls(lines[index]).strip().lstrip("^").strip()
    keyword = _KEYWORD.match(candidate)
    if keyword is None or not _is_keyword(keyword):
        return lines[index:], None
    return lines[index + 1 :], keyword


def _is_keyword(match: re.Match[str]) -> bool:
    """A keyword names the story in one token: a headline (`Stocks fall, 300`) is not one."""
    if match.group("cycle") or match.group("desk"):
        return True
    return bool(match.group("words")) and " " not in match.group("slug").strip()


@dataclass(slots=True)
class _Head:
    headline: str | None = None
    byline: str | None = None
    flag: str | None = None
    notes: list[str] = field(default_factory=list)
    extra: list[str] = field(default_factory=list)


def _read_caret_lines(caret_lines: list[str]) -> _Head:
    """Headline, notes to editors, byline and further `^` lines, in AP's order."""
    head = _Head()
    for line in caret_lines:
        if line.endswith("="):
            if head.byline is None:
                head.byline = line.rstrip("= ")
            continue  # the line after the byline is the writer's title (`Associated Press`)
        line = line.rstrip("< ").strip()
        if not line or _PHOTO_LINE.match(line):
            continue
        if _NOTE_LINE.match(line):
            head.notes.append(line)
        elif _FLAG_LINE.match(line) and head.headline is None:
            head.flag = line
        elif head.headline is None:
            head.headline = line
        else:
            head.extra.append(line)
    return head


def _quotes(text: str) -> str:
    return text.replace("``", '"').replace("''", '"')


def _tab_blocks(text: str, *, keep_lines: bool) -> list[str]:
    """Paragraphs start with a tab (AP's indent); blank lines also separate them."""
    if keep_lines:
        # Preformatted text: a tab starts a row, not a paragraph; blank lines separate blocks.
        blocks = re.split(r"\n[ \t]*\n", text)
        return [textwrap.dedent(b.strip("\n").expandtabs(4)) for b in blocks if b.strip()]
    # Kyodo indents with spaces where AP uses a tab (only so when no line starts with a tab).
    indent = r"\t" if "\n\t" in f"\n{text}" else r" {3,}"
    marked = re.sub(rf"\n(?={indent})", "\n\n", text)
    return split_paragraphs_keeping_tables(marked) if marked.strip() else split_paragraphs(marked)


def _closing_lines(text: str) -> tuple[str, str, str | None]:
    """(text, stamp line, agency): the closing lines at the end of the text leave it.

    AP's stamp (`AP-WF-02-20-16 0337GMT<`); Kyodo's sign-off and stamp (`==Kyodo`,
    `KWS-21:37-09-12-18`; its order of day and month is not certain, so the stamp is not read).
    """
    lines = text.rstrip().split("\n")
    trailer, sign_off = "", None
    while lines:
        last = strip_controls(lines[-1]).strip()
        signed = _SIGN_OFF.match(last)
        if _TRAILER.fullmatch(last.rstrip("< ")):
            trailer = last
        elif signed:
            sign_off = signed.group("agency")
        elif not (_KYODO_STAMP.match(last) or not last):
            break
        lines.pop()
    return "\n".join(lines), trailer, sign_off


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
