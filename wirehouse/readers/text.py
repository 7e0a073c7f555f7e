"""Byte-level helpers every reader shares: decoding by evidence, framing, paragraphs."""

from __future__ import annotations

import html
import re
import textwrap
import unicodedata
from functools import lru_cache

import ftfy
from charset_normalizer import from_bytes

from wirehouse.model import WireParseError

# Magic numbers of things that arrive in inboxes but are not wire text.
_BINARY_SIGNATURES: dict[bytes, str] = {
    b"%PDF": "a PDF document",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"PK\x03\x04": "a ZIP archive (or Office document)",
    b"\x1f\x8b": "a gzip archive",
    b"BZh": "a bzip2 archive",
    b"\x7fELF": "an executable",
    b"PAR1": "a Parquet file",
}
_BOMS: list[tuple[bytes, str]] = [
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
]
# Single-byte encodings agencies really use, in order of preference for ambiguous bytes.
_SINGLE_BYTE = ("cp1252", "iso-8859-15", "iso-8859-1")
# Wire framing (SOH, STX, ETX, EOT, SYN, ...) is not text; TAB/LF/CR are handled separately.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_BLANK_LINES = re.compile(r"\n[ \t]*\n")
_INLINE_SPACE = re.compile(r"[ \t\u00a0]+")


# Control bytes that are no wire framing (SOH, STX, ETX, EOT, TAB, LF, CR, SYN, RS, US):
# `translate` deletes every other byte, so counting them runs in C.
_STRAY_CONTROLS = frozenset(range(32)) - {1, 2, 3, 4, 9, 10, 13, 22, 30, 31}
_NOT_STRAY_CONTROL = bytes(b for b in range(256) if b not in _STRAY_CONTROLS)


def describe_binary(data: bytes) -> str | None:
    """Name what a binary payload looks like, or None when it may be text."""
    for magic, what in _BINARY_SIGNATURES.items():
        if data.startswith(magic):
            return what
    sample = data.rstrip(b"\x00")[:4096]  # NUL padding after the text (fixed-size blocks)
    if not sample:
        return None
    if any(sample.startswith(bom) for bom, _ in _BOMS[1:]) or utf16_without_bom(sample):
        return None  # UTF-16 text has NULs by design
    if sample.count(b"\x00") > _STRAY_NULS:
        return "binary data (contains NUL bytes)"
    controls = len(sample.translate(None, _NOT_STRAY_CONTROL))
    if controls > max(8, len(sample) // 20):
        return "binary data (too many control bytes for text)"
    return None


# A few NULs in a text (line noise on a serial feed) do not make it binary.
_STRAY_NULS = 4


def utf16_without_bom(sample: bytes) -> str | None:
    """`utf-16-le`/`-be` for UTF-16 text written without a byte-order mark, else None.

    Latin-script text in UTF-16 has a NUL in every other byte and (almost) none in the others.
    """
    even, odd = sample[0::2], sample[1::2]
    if len(odd) < 8:
        return None
    if odd.count(0) >= 0.4 * len(odd) and even.count(0) <= 0.02 * len(even):
        return "utf-16-le"
    if even.count(0) >= 0.4 * len(even) and odd.count(0) <= 0.02 * len(odd):
        return "utf-16-be"
    return None


def decode_bytes(data: bytes, declared: str | None = None) -> str:
    """Decode wire bytes by evidence, never garbling `ü` into `Ã¼`.

    A declared encoding is honoured unless the bytes prove it wrong: a file declaring a
    single-byte charset that is valid UTF-8 with non-ASCII bytes is UTF-8.
    """
    if not data.strip(b" \t\r\n\x00"):
        raise WireParseError("the file is empty")
    binary = describe_binary(data)
    if binary:
        raise WireParseError(f"not a wire text file: it is {binary}")
    unmarked = utf16_without_bom(data[:4096])
    if unmarked and not any(data.startswith(bom) for bom, _ in _BOMS):
        try:
            return data.decode(unmarked)
        except UnicodeDecodeError as exc:
            raise WireParseError(f"looks like {unmarked} but is not: {exc.reason}") from None
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(encoding)
            except UnicodeDecodeError as exc:
                raise WireParseError(
                    f"starts with a {encoding} byte-order mark but is not {encoding}: "
                    f"{exc.reason} at byte {exc.start}"
                ) from None
    # A stray NUL or NUL padding is line noise, not text: the readers never see it.
    data = data.replace(b"\x00", b"")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = None
    if text is not None:
        return text
    high = len(data.translate(None, _ASCII))
    filled = len(data.translate(None, b" \t\r\n"))
    if high * 10 > filled * 3:
        # Western text has a few accented letters, not a third of its bytes above ASCII.
        share = high * 100 // max(filled, 1)
        raise WireParseError(
            f"cannot decode the text: {share} % of the bytes are neither ASCII nor valid UTF-8 "
            "(random or binary data, or an encoding we do not read)"
        )
    mixed = _decode_mixed_lines(data)
    if mixed is not None:
        return mixed
    if (
        declared
        and _is_known(declared)
        and declared.lower().replace("_", "-") not in ("utf-8", "utf8")
    ):
        try:
            return data.decode(declared)
        except UnicodeDecodeError:
            pass
    return _decode_single_byte(data)


_ASCII = bytes(range(128))


def _decode_mixed_lines(data: bytes) -> str | None:
    """A stream of UTF-8 messages with a Latin-1/CP1252 one in between: decode line by line.

    Decoding the whole stream as CP1252 would garble every UTF-8 line into `Ã¼`.
    """
    lines = data.split(b"\n")
    utf8_lines = 0
    for line in lines:
        if not line.isascii():
            try:
                line.decode("utf-8")
                utf8_lines += 1
            except UnicodeDecodeError:
                pass
    if not utf8_lines:
        return None
    out = []
    for line in lines:
        try:
            out.append(line.decode("utf-8"))
        except UnicodeDecodeError:
            out.append(line.decode("cp1252", errors="replace"))
    return "\n".join(out)


def _is_known(encoding: str) -> bool:
    import codecs

    try:
        codecs.lookup(encoding)
    except LookupError:
        return False
    return True


_CONTROL_BYTES = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@lru_cache(maxsize=2)
def _decode_single_byte(data: bytes) -> str:
    # Cached: format sniffing decodes the same bytes (the first 64 KB, all of a usual wire
    # file) right before the reader does, and the charset detector is the slow part.
    # Judge the charset on the text alone: wire framing bytes make any detector see garbage.
    best = from_bytes(_CONTROL_BYTES.sub(b"", data), cp_isolation=list(_SINGLE_BYTE)).best()
    if best is None or best.chaos > 0.3:
        raise WireParseError(
            "cannot decode the text: it is not UTF-8 and reads as garbage in "
            + ", ".join(_SINGLE_BYTE)
        )
    try:
        return data.decode(best.encoding)
    except (UnicodeDecodeError, LookupError):
        return str(best)


def strip_controls(text: str) -> str:
    """Drop wire framing characters and normalise line ends to `\\n`."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROL.sub("", text)


def split_paragraphs(text: str, *, join_lines: bool = True) -> list[str]:
    """Split on blank lines; inside a paragraph, hard-wrapped lines become one line."""
    paragraphs = []
    for block in _BLANK_LINES.split(text):
        lines = [line.strip() for line in block.split("\n")]
        lines = [line for line in lines if line]
        if not lines:
            continue
        para = " ".join(lines) if join_lines else "\n".join(lines)
        paragraphs.append(_INLINE_SPACE.sub(" ", para) if join_lines else para)
    return paragraphs


def join_paragraphs(paragraphs: list[str]) -> str:
    """The body convention of every reader: plain text, paragraphs separated by one blank line.

    Inside a paragraph, lines (a table's rows) keep their own indentation relative to each other.
    """
    cleaned = (textwrap.dedent(p.strip("\n")).strip() for p in paragraphs)
    return "\n\n".join(unicodedata.normalize("NFC", p) for p in cleaned if p)


# Two spaces after a full stop are typewriter habit, not a column gap.
_COLUMN_GAP = re.compile(r"[^\s.!?:;,](?: {2,}|\t)\S")


def is_tabular(lines: list[str]) -> bool:
    """Column-aligned lines (results, prices): their line breaks and spacing carry meaning."""
    filled = [line for line in lines if line.strip()]
    if len(filled) < 2:
        return False
    aligned = sum(1 for line in filled if _COLUMN_GAP.search(line.strip()))
    return aligned * 2 >= len(filled)


def split_paragraphs_keeping_tables(text: str) -> list[str]:
    """Like `split_paragraphs`, but a tabular block keeps its lines and column spacing."""
    paragraphs = []
    for block in _BLANK_LINES.split(text):
        lines = [line.rstrip() for line in block.split("\n") if line.strip()]
        if not lines:
            continue
        if is_tabular(lines):
            paragraphs.append(textwrap.dedent("\n".join(lines)))
        else:
            paragraphs.extend(split_paragraphs(block))
    return paragraphs


# UTF-8 read as CP1252 somewhere upstream (`worldâ€™s`, `Ã¼ber`): a lead byte's character
# followed by a continuation byte's. Checked first because real text almost never has it.
_MOJIBAKE_HINT = re.compile(
    "[\u00c2-\u00f4][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d"
    "\u017e\u0192\u02c6\u02dc\u2013\u2014\u2018-\u201e\u2020-\u2022"
    "\u2026\u2030\u2039\u203a\u20ac\u2122]"
)


def repair_mojibake(text: str) -> str:
    """Undo UTF-8-read-as-CP1252 damage an agency's own system did (`worldâ€™s` → `world’s`).

    Only the encoding is fixed (ftfy's `fix_encoding`): quotes, widths and ligatures stay as sent.
    """
    if not _MOJIBAKE_HINT.search(text):
        return text
    return str(ftfy.fix_encoding(text))


# An entity left in text after the markup was parsed: the agency escaped its HTML twice
# (STT's `o&amp;#39;clock`, Ritzau's `&amp;amp;apos;`). `&lt;`/`&gt;` stay: unescaped, they
# would turn text into markup.
_LEFTOVER_ENTITY = re.compile(
    r"&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|(?!lt;|gt;)[A-Za-z][A-Za-z0-9]{1,31});"
)


def unescape_leftover_entities(text: str) -> str:
    """`&quot;`, `&#39;`, `&amp;`, `&eacute;` left as text become their characters."""
    if "&" not in text:
        return text
    return _LEFTOVER_ENTITY.sub(lambda m: _unescape_one(m.group(0)), text)


def _unescape_one(reference: str) -> str:
    character = html.unescape(reference)
    # An unknown name (`&foo;`) or a control character stays as it was written.
    if character == reference or character in ("", "\ufffd") or _CONTROL.match(character):
        return reference
    return character


# A paragraph that is only HTML written out as text (an embed code NTB passes on as
# `&#60;div class=…&#62;&#60;script …&#62;`): markup, no words of the story.
_LITERAL_TAG = re.compile(r"</?[A-Za-z][\w:-]*(?:\s[^<>]*)?/?>")


def is_escaped_markup(paragraph: str) -> bool:
    if "<" not in paragraph or not _LITERAL_TAG.search(paragraph):
        return False
    return not _LITERAL_TAG.sub("", paragraph).strip()
