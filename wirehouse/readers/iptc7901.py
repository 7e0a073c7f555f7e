"""IPTC 7901 as dpa sends it: SOH header, slugline, STX, head block, body, notebook, ETX trailer.

```
<SOH>eca062 4 i 211 ccccb   dpa 061          service+number, priority, category, words, source
Germany-politics/                            slugline (keywords joined by `/`)
<STX>REFILE                                  take key lines (`REFILE`, `1ST LEAD`, `Eil`, ...)
(Berichtigung: In einer früheren …)          dpa: take key in brackets, its note after `:`
Eil: Headline over one or more lines =       headline (a leading take key cut off); ` =` closes
By dpa correspondents =                      byline
   Berlin (dpa) - Body ...                   body: indented, hard-wrapped paragraphs
# dpa NOTEBOOK / * * * * / ## contacts       editorial notes (public part kept as ednote)
dpa wsz jln npr                              closing line: agency and desk/editor codes
<ETX>131137 GMT Nov 13<DEL><EOT>             transmission trailer
```
A stream holds several messages (one per SOH). Bytes may be UTF-8, Latin-1 or CP1252.
"""

from __future__ import annotations

import re

from wirehouse.model import Article, SkippedItem, WireParseError
from wirehouse.readers.fields import make_article, split_dateline
from wirehouse.readers.iptc7901_stamp import TRAILER, trailer_time
from wirehouse.readers.text import decode_bytes, split_paragraphs_keeping_tables, strip_controls

FORMAT = "iptc7901"
SOH, STX, ETX = "\x01", "\x02", "\x03"

HEADER = re.compile(
    r"^[ \t]*(?P<service>[A-Za-z]{1,5})(?P<number>\d{1,6})[ \t]+(?P<priority>\d)[ \t]+"
    r"(?P<category>[A-Za-z]{1,3})[ \t]+(?P<words>\d{1,6})(?P<rest>[^\n]*)$"
)
_TAKE_WORDS = re.compile(
    r"^(?:refile|repeat|repetition|correction|corrected|corrects|correct|urgent|flash|bulletin|"
    r"advisory|kill|killed|withdrawn|withdrawal|elimination|update|updated|lead|new lead|"
    r"\d+(?:st|nd|rd|th) (?:lead|add|net)|add|insert|sub|subs|wrapup|roundup|"
    r"writethru|extra|eil|eilmeldung|vorrang|blitz|berichtigung|korrektur|wiederholung|achtung|"
    r"zusammenfassung|\d+\. zusammenfassung|neufassung|\d+\. neufassung|ergänzung|"
    r"löschung|sperrfrist|hintergrund|überblick|vorab)"
    r"(?:[ \t]+(?:refile|lead|add|\d+(?:st|nd|rd|th)|new|neufassung|zusammenfassung))*$",
    re.IGNORECASE,
)
# A take key written before the headline on the same line: `Eil: …`, `EXTRA - …`,
# `(Achtung) …`, `Korrektur +++ …`. A headline going on in lower case keeps the word.
_LEADING_TAKE = re.compile(
    r"^(?P<key>\([^()]{1,40}\)|[^\W\d_][\w.]*(?:\s\d+(?:st|nd|rd|th)?)?)"
    r"(?P<sep>\s*(?::|\+\+\+|/)\s*|\s+[-–—]\s+|\s+)"
    r"(?P<rest>\S.*)$"
)
# Words that mark a take before a headline whatever follows (dpa's own markers) …
_DPA_LEADING = {"eil", "eilmeldung", "vorab", "korrektur", "berichtigung", "wiederholung", "blitz"}
_DPA_LEADING |= {"vorrang", "achtung", "löschung"}
# … and words that do so only with a separator (`Update: …`) or in capitals (`EXTRA …`).
_LEADING = _DPA_LEADING | {"extra", "refile", "repeat", "correction", "corrected", "urgent"}
_LEADING |= {"flash", "bulletin", "kill", "update", "updated", "advisory", "sperrfrist"}
_CANCEL = re.compile(r"\b(?:kill|killed|withdrawn|withdrawal|elimination|löschung)\b", re.I)
_BYLINE = re.compile(r"^(?:By|Von|From|Par|Por|De)\s+\S", re.UNICODE)
_NOTEBOOK = re.compile(r"^(?:#+\s|\*\s\*\s\*|(?:dpa-)?Notizblock\b|Notebook\b)", re.IGNORECASE)
_NOT_PUBLIC = re.compile(
    r"^(?:\*\s\*\s\*|.*not (?:intended )?for publication|.*nicht zur veröffentlichung)",
    re.IGNORECASE,
)
# `dpa wsz jln npr`, `dpa kre/su yysw a3 lön mda`: editor codes, with `/` and umlauts.
_CLOSING = re.compile(
    r"^(?P<agency>[a-z][a-z-]{1,12})(?:[ \t]+[a-z0-9äöüß]{1,6}(?:/[a-z0-9äöüß]{1,6})*){1,10}[ \t]*$"
)
_ROUTING_CODE = re.compile(r"^c{3,}[a-z]?$")
# Keystone-SDA closes in brackets, its slash escaped by its own system: `(SDA\/mf ba)`.
_BRACKETED_CLOSING = re.compile(
    r"^\((?P<agency>[A-Za-z][A-Za-z-]{1,12})\\?/"
    r"(?P<codes>[a-z0-9äöü]{1,6}(?: [a-z0-9äöü]{1,6}){0,8})\)$"
)
# The end of an unframed header: routing codes, the source and its number (`ccccb   dpa 061`).
_UNFRAMED_REST = re.compile(r"^(?:[ \t]+[a-z]{1,8})*?[ \t]+[a-z][a-z-]{1,12}[ \t]+\d{2,4}[ \t]*$")


def looks_like_iptc7901(text: str) -> bool:
    head = text.lstrip("\ufeff\r\n\t \x16")[:300]
    if not head.startswith(SOH):
        return _unframed_header(head) is not None
    return HEADER.match(head[1:].split("\n", 1)[0].replace("\r", "")) is not None


def _unframed_header(text: str) -> re.Match[str] | None:
    """The header of a message saved without its control characters (SOH, STX, ETX).

    Feed clients and archives often drop them; the header line still opens the file. Without
    the SOH it must also end in the source and its message number (`dpa 0027`, `gef 1388`).
    """
    first = text.lstrip("\ufeff\r\n\t ").split("\n", 1)[0].replace("\r", "")
    header = HEADER.match(first)
    if header is None or not _UNFRAMED_REST.match(header.group("rest")):
        return None
    return header


def read(data: bytes) -> list[Article | SkippedItem]:
    text = decode_bytes(data)
    if SOH not in text:
        if _unframed_header(text) is None:
            raise WireParseError("not IPTC 7901: no SOH (start of header) character")
        return [_read_message(text.lstrip("\ufeff\r\n\t "))]
    messages = [m for m in text.split(SOH)[1:] if strip_controls(m).strip()]
    if not messages:
        raise WireParseError("the IPTC 7901 stream contains no message")
    return [_read_message(m) for m in messages]


def _read_message(message: str) -> Article | SkippedItem:
    header_line, _, rest = message.partition("\n")
    header = HEADER.match(strip_controls(header_line).strip("\n"))
    if header is None:
        raise WireParseError(
            f"IPTC 7901 message header not understood: {strip_controls(header_line)[:60]!r}"
        )
    pre, has_stx, main = rest.partition(STX)
    if not has_stx:
        pre, main = _unframed_slugline(rest)
    main, has_etx, trailer = main.partition(ETX)
    if not has_etx:
        main, trailer = _unframed_trailer(main)
    slug_lines = [line.strip() for line in strip_controls(pre).split("\n") if line.strip()]
    slugline = " ".join(slug_lines).rstrip("/ ").strip() or None

    lines = strip_controls(main).split("\n")
    head, body_lines = _split_head(lines)
    take_keys, bylines, headline_parts, head_notes = _read_head(head)

    body_lines, notes, closing = _split_notebook(body_lines)
    paragraphs = split_paragraphs_keeping_tables("\n".join(body_lines))
    abstract = None
    if len(paragraphs) > 1 and split_dateline(paragraphs[1]) and not split_dateline(paragraphs[0]):
        # dpa's lead (Vorspann) stands between the head and the paragraph with the dateline.
        abstract, paragraphs = paragraphs[0], paragraphs[1:]
    notes = "\n".join([*head_notes, *([notes] if notes else [])]) or None
    take_key = " ".join(take_keys) or None
    agency_hint = closing[0] if closing else _header_agency(header.group("rest"))
    if not paragraphs and not headline_parts:
        raise WireParseError("the IPTC 7901 message has neither a headline nor body text")
    return make_article(
        FORMAT,
        paragraphs,
        agency=agency_hint,
        desk_codes=closing[1:],
        priority=int(header.group("priority")),
        slugline=slugline,
        headline=" ".join(headline_parts) or None,
        abstract=abstract,
        byline=bylines[0] if bylines else None,
        take_key=take_key,
        ednote=notes,
        pubstatus="canceled" if take_key and _CANCEL.search(take_key) else "usable",
        version_created=trailer_time(strip_controls(trailer)),
    )


def _read_head(head: list[str]) -> tuple[list[str], list[str], list[str], list[str]]:
    """Take keys, bylines, headline lines and notes of the head block (before the body)."""
    take_keys: list[str] = []
    bylines: list[str] = []
    headline_parts: list[str] = []
    notes: list[str] = []
    for line in _logical_lines(head):
        clean = line.strip().rstrip("=").strip()
        if not clean:
            continue
        inner = re.fullmatch(r"\((.*)\)", clean, re.S)
        if inner:
            key, rest = _split_take(inner.group(1).strip())
            if key:
                take_keys.append(key)
            if rest:
                notes.append(rest)
        elif _TAKE_WORDS.match(clean):
            take_keys.append(clean)
        elif _BYLINE.match(clean):
            bylines.append(clean)
        else:
            lead = _LEADING_TAKE.match(clean)
            if lead and _is_leading_take(lead):
                take_keys.append(lead.group("key").strip("()"))
                clean = lead.group("rest")
            headline_parts.append(clean)
    return take_keys, bylines, headline_parts, notes


def _is_leading_take(lead: re.Match[str]) -> bool:
    """Only unmistakable take keys are cut off a headline (`Lead poisoning …` stays whole)."""
    key = lead.group("key")
    word = key.strip("()").lower()
    if lead.group("rest")[0].islower():
        return False  # `Wiederholung der Landtagswahl …`: the word belongs to the headline
    if key.startswith("("):
        return _TAKE_WORDS.match(_split_take(key.strip("()"))[0] or "") is not None
    explicit = bool(lead.group("sep").strip()) or key.isupper()
    return word in _DPA_LEADING or (explicit and word in _LEADING)


def _logical_lines(head: list[str]) -> list[str]:
    """A parenthesised note spread over several lines is one line."""
    out: list[str] = []
    for line in head:
        if out and out[-1].lstrip().startswith("(") and out[-1].count("(") > out[-1].count(")"):
            out[-1] = f"{out[-1].rstrip()} {line.strip()}"
        else:
            out.append(line)
    return out


def _split_take(inner: str) -> tuple[str | None, str | None]:
    """`Berichtigung: In einer früheren Version …` → (`Berichtigung`, the explanation)."""
    parts = re.split(r"\s*(?::|\s[-–—]\s)\s*", inner, maxsplit=1)
    if _TAKE_WORDS.match(parts[0].strip()):
        return parts[0].strip(), (parts[1].strip() if len(parts) > 1 else None) or None
    return None, inner or None


def _split_head(lines: list[str]) -> tuple[list[str], list[str]]:
    """The head block runs to the first blank line, unless the text opens with the dateline."""
    start = next((i for i, line in enumerate(lines) if line.strip()), len(lines))
    end = next((i for i in range(start, len(lines)) if not lines[i].strip()), len(lines))
    block = lines[start:end]
    if block and split_dateline(" ".join(x.strip() for x in block)) is not None:
        return [], lines[start:]
    if block and block[-1].rstrip().endswith("=") and len(block) <= 20:
        return block, lines[end:]  # ` =` closes the head: a head however many lines it has
    # A head block longer than a few lines is body text that came without a headline.
    if len(block) > 6:
        return [], lines[start:]
    return block, lines[end:]


def _split_notebook(lines: list[str]) -> tuple[list[str], str | None, list[str]]:
    """Cut editorial notes and the closing line (`dpa wsz jln npr`) off the body."""
    closing: list[str] = []
    filled = [i for i, line in enumerate(lines) if line.strip()]
    last = lines[filled[-1]].strip() if filled else ""
    bracketed = _BRACKETED_CLOSING.match(last)
    if _CLOSING.match(last):
        closing = last.split()
        lines = lines[: filled[-1]]
    elif bracketed:
        closing = [bracketed.group("agency"), *bracketed.group("codes").split()]
        lines = lines[: filled[-1]]
    start = next(
        (
            i
            for i, line in enumerate(lines)
            if _NOTEBOOK.match(line.strip()) and (i == 0 or not lines[i - 1].strip())
        ),
        None,
    )
    if start is None:
        return lines, None, closing
    public: list[str] = []
    for line in lines[start + 1 :]:
        if _NOT_PUBLIC.match(line.strip()):
            break
        if line.strip():
            public.append(line.strip())
    return lines[:start], "\n".join(public) or None, closing


def _unframed_slugline(rest: str) -> tuple[str, str]:
    """(slugline, text) of a message without STX: the slugline is the first line when it ends
    with `/` (`American Football/NFL/`) or stands alone before the head (`Notes de frais GE`)."""
    lines = rest.replace("\r\n", "\n").split("\n")
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is None:
        return "", rest
    line = lines[first].strip()
    alone = first + 1 < len(lines) and not lines[first + 1].strip()
    if line.endswith("/") or (alone and len(line) <= 60 and not line.endswith("=")):
        return line, "\n".join(lines[first + 1 :])
    return "", rest


def _unframed_trailer(main: str) -> tuple[str, str]:
    """(text, trailer) of a message without ETX: its last line, if that is the time stamp."""
    lines = main.rstrip().split("\n")
    stamp = TRAILER.match(lines[-1])
    if stamp is not None and not lines[-1][stamp.end() :].strip():
        return "\n".join(lines[:-1]), lines[-1]
    return main, ""


def _header_agency(rest: str) -> str | None:
    for token in rest.split():
        if re.fullmatch(r"[a-z][a-z-]{1,12}", token) and not _ROUTING_CODE.match(token):
            return token
    return None
