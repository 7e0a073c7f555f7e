"""E-mail headers: telling a message from a story, the fields a message gives an article, and
the messages of an mbox.

A saved message (`.eml`) or a mailbox (`mbox`) opens with RFC 5322 header fields, an mbox
with its `From ` separator line first. Stories never open that way, but a press release may
start with a `Date:` or `Contact:` line, so a file is a message only when its whole first block
is header fields and the fields say "message": a `Subject` or `Content-Type`, and a `From`
with an address, a `Date` that parses as a mail date, or a `Message-ID`.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import UTC, datetime
from email import policy
from email.message import Message
from email.utils import getaddresses, parsedate_to_datetime

from wirehouse.readers.bylines import looks_like_names

# mbox separator: `From sender@example.org Thu Dec  3 09:10:58 2026` (Thunderbird: `From - …`).
MBOX_FROM = re.compile(r"^From \S+ +\S.*\b\d{1,2}:\d{2}(?::\d{2})?\b.*\b\d{4}\b")
# A header field (RFC 5322 §2.2: printable ASCII but colon, then a colon) or a folded line.
_FIELD = re.compile(r"^(?P<name>[!-9;-~]{1,76})[ \t]*:(?P<value>.*)$")
_FOLDED = re.compile(r"^[ \t]+\S")
_MAX_HEADER_LINES = 400
_ADDRESS = re.compile(r"[^\s@<>]+@[^\s@<>]+|<[^<>\s]+>")


def is_field_line(line: str) -> bool:
    return _FIELD.match(line.rstrip("\r\n")) is not None


def split_mbox(data: bytes) -> list[bytes]:
    """The messages of an mbox (`From ` separator lines; `>From ` unescaped), or the one message."""
    data = data.removeprefix(b"\xef\xbb\xbf").lstrip(b"\r\n")
    lines = data.splitlines(keepends=True)
    if not lines or not _is_separator(lines, 0):
        return [data]
    messages: list[list[bytes]] = []
    for at, line in enumerate(lines):
        if _is_separator(lines, at):
            messages.append([])
        elif line.startswith(b">") and line.lstrip(b">").startswith(b"From "):
            messages[-1].append(line[1:])
        else:
            messages[-1].append(line)
    chunks = [b"".join(message) for message in messages]
    return [chunk for chunk in chunks if chunk.strip()] or [data]


def _is_separator(lines: list[bytes], at: int) -> bool:
    if not lines[at].startswith(b"From ") or at + 1 >= len(lines):
        return False
    line = lines[at].decode("latin-1").rstrip("\r\n")
    return bool(MBOX_FROM.match(line)) and is_field_line(lines[at + 1].decode("latin-1"))


def looks_like_mail(text: str) -> bool:
    """The file opens with an e-mail header block (after an mbox `From ` line, if any)."""
    lines = text.lstrip("\r\n").replace("\r\n", "\n").split("\n", _MAX_HEADER_LINES)
    if lines and MBOX_FROM.match(lines[0]):
        lines = lines[1:]
    fields: dict[str, str] = {}
    name = None
    for line in lines[:_MAX_HEADER_LINES]:
        if not line.strip():
            break
        if name and _FOLDED.match(line):
            fields[name] += " " + line.strip()
            continue
        match = _FIELD.match(line)
        if match is None:
            return False
        name = match.group("name").lower()
        fields.setdefault(name, "")
        fields[name] += match.group("value").strip()
    else:
        if len(lines) > _MAX_HEADER_LINES:
            return False  # hundreds of `Name: value` lines are a list, not a header
    if len(fields) < 2 or not ({"subject", "content-type"} & fields.keys()):
        return False
    return bool(
        _ADDRESS.search(fields.get("from", ""))
        or mail_date(fields.get("date"))
        or _ADDRESS.search(fields.get("message-id", ""))
    )


def header(msg: Message, name: str) -> str | None:
    """A header's value as text: 8-bit bytes decoded (UTF-8, else CP1252), RFC 2047 words too."""
    for key, value in msg.raw_items():
        if key.lower() != name.lower():
            continue
        raw = str(value)
        if any("\udc80" <= c <= "\udcff" for c in raw):
            octets = raw.encode("utf-8", "surrogateescape")
            try:
                raw = octets.decode("utf-8")
            except UnicodeDecodeError:
                raw = octets.decode("cp1252", "replace")
        try:
            text = str(policy.default.header_fetch_parse(key, raw))
        except Exception:  # a malformed header is read as it stands
            text = raw
        text = " ".join(text.split())
        return text or None
    return None


def mail_date(value: str | None) -> datetime | None:
    """An RFC 5322 date as UTC; one without a zone (`-0000`) is taken as UTC."""
    if not value:
        return None
    try:
        stamp = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if stamp.tzinfo is None:
        stamp = stamp.replace(tzinfo=UTC)
    return stamp.astimezone(UTC)


def message_id(value: str | None) -> str | None:
    """`<20261203.1234@agency.example>` → `20261203.1234@agency.example`."""
    if not value:
        return None
    ident = value.split()[0].strip("<>").strip()
    return ident or None


# `Fwd:`, `WG:`, `AW:`, `Re:`, `SV:`, `TR:`, `RV:`, `Antw:`, also numbered (`Re[2]:`) and repeated.
_REPLY_PREFIX = re.compile(
    r"^\s*(?:(?:re|fwd?|wg|aw|antw|sv|tr|rv|enc|doorst)(?:\s*\[\d+\])?\s*:\s*)+", re.IGNORECASE
)
FORWARD_PREFIX = re.compile(r"^\s*(?:fwd?|wg|tr|rv|enc|doorst)\s*:", re.IGNORECASE)
# What a press office writes before the headline: `Pressemitteilung:`, `PRESS RELEASE:`, `PM:`.
_RELEASE_LABEL = re.compile(
    r"^\s*(?:press(?:e)?[ -]?(?:release|mitteilung|information|info)|news release|media release"
    r"|pm|communiqué de presse|comunicado de prensa|comunicato stampa|persbericht"
    r"|pressmeddelande|pressemelding|pressemeddelelse|tiedote)\s*[:|–—-]\s+(?=\S)",
    re.IGNORECASE,
)


def clean_subject(subject: str | None) -> str | None:
    """The headline in a subject: without the reply and forward prefixes mail clients add,
    nor the label a press office puts before it (`Pressemitteilung: …`)."""
    if not subject:
        return None
    return _RELEASE_LABEL.sub("", _REPLY_PREFIX.sub("", subject)).strip() or None


# Words that name a desk, an office or a company, not a person.
_NOT_PERSON = {
    "ab", "abteilung", "admin", "ag", "agence", "agency", "agentur", "bot", "co", "communications",
    "company", "corp", "corporation", "daemon", "department", "desk", "dienst", "digital",
    "editor", "editors", "gmbh", "group", "inc", "info", "investor", "ir", "kommunikation",
    "llc", "ltd", "mailer", "media", "medien", "nachrichten", "news", "newsdesk", "newsletter",
    "newsroom", "noreply", "office", "online", "plc", "postmaster", "pr", "presse", "press",
    "pressestelle", "redaktion", "relations", "sa", "service", "support", "team", "wire",
}  # fmt: skip


def sender_byline(value: str | None) -> str | None:
    """The From display name when it names a person: capitalised name words (no desk or company
    word) that the address itself spells (`Jane Doe <jane.doe@…>`, `Jürgen Müller <jmueller@…>`).
    A desk, a company or a name the address does not confirm gives no byline."""
    if not value:
        return None
    try:
        pairs = getaddresses([value])
    except Exception:  # an unreadable From gives no byline
        return None
    if len(pairs) != 1:
        return None
    name, address = pairs[0]
    name = " ".join(name.split())
    if name.count(",") == 1:  # `Doe, Jane`
        last, first = (part.strip() for part in name.split(","))
        name = f"{first} {last}"
    words = name.split()
    if not 2 <= len(words) <= 4 or not looks_like_names(name) or "@" not in address:
        return None
    if any(
        re.sub(r"\W", "", w).lower() in _NOT_PERSON or any(c.isdigit() for c in w) for w in words
    ):
        return None
    local = re.sub(r"[^a-z]", "", address.split("@", 1)[0].lower())
    spelled = any(len(form) >= 3 and form in local for word in words for form in _ascii_forms(word))
    return name if spelled else None


def _ascii_forms(word: str) -> set[str]:
    """`Müller` → {`muller`, `mueller`}: how an address spells a name."""
    lower = word.lower()
    german = lower.replace("ä", "ae").replace("ö", "oe").replace("ü", "ue").replace("ß", "ss")
    forms = set()
    for form in (lower, german):
        folded = unicodedata.normalize("NFKD", form).encode("ascii", "ignore").decode("ascii")
        forms.add(re.sub(r"[^a-z]", "", folded))
    return forms


def content_language(value: str | None) -> str | None:
    """`de-DE, en` → `de-DE`: the first language the message declares."""
    if not value:
        return None
    first = value.split(",")[0].strip()
    return first if re.fullmatch(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*", first) else None
