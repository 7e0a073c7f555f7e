"""Wire-format readers: one per format, one signature (`bytes -> articles`), chosen by sniffing.

Adding a format is adding a module with `FORMAT`, `read(data)` and a rule in `sniff_format`.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from wirehouse.model import Article, SkippedItem, WireParseError
from wirehouse.readers import (
    anpa1312,
    ap_media_api,
    appl,
    digitalwires,
    dpa_afx,
    iptc7901,
    mail,
    newsml12,
    newsml_g2,
    ninjs,
    nitf,
    ntb_release,
    plain_text,
    reuters_newsitem,
    ritzau,
    rss_atom,
)
from wirehouse.readers.archives import Entry, container_kind, read_container
from wirehouse.readers.text import decode_bytes, describe_binary
from wirehouse.readers.unpack import DEFAULT_MAX_BYTES
from wirehouse.readers.wire_json import scalar_json, sniff_json_shape

Reader = Callable[[bytes], list[Article | SkippedItem]]

READERS: dict[str, Reader] = {
    iptc7901.FORMAT: iptc7901.read,
    anpa1312.FORMAT: anpa1312.read,
    nitf.FORMAT: nitf.read,
    newsml12.FORMAT: newsml12.read,
    newsml_g2.FORMAT: newsml_g2.read,
    ninjs.FORMAT: ninjs.read,
    digitalwires.FORMAT: digitalwires.read,
    ap_media_api.FORMAT: ap_media_api.read,
    dpa_afx.FORMAT: dpa_afx.read,
    plain_text.FORMAT: plain_text.read,
    ritzau.FORMAT: ritzau.read,
    ntb_release.FORMAT: ntb_release.read,
    mail.FORMAT: mail.read,
    rss_atom.FORMAT: rss_atom.read,
    reuters_newsitem.FORMAT: reuters_newsitem.read,
    appl.FORMAT: appl.read,
}

# Root element (local name) → format. NewsML 1.2 and G2 differ in case: `NewsItem`/`newsItem`.
_XML_ROOTS: dict[str, str] = {
    "nitf": nitf.FORMAT,
    "NewsML": newsml12.FORMAT,
    "NewsItem": newsml12.FORMAT,
    "newsItem": newsml_g2.FORMAT,
    "newsMessage": newsml_g2.FORMAT,
    "packageItem": newsml_g2.FORMAT,
    "conceptItem": newsml_g2.FORMAT,
    "knowledgeItem": newsml_g2.FORMAT,
    "planningItem": newsml_g2.FORMAT,
    # Fragments of G2 items (IPTC's spec listings show them alone): read, not refused.
    "contentSet": newsml_g2.FORMAT,
    "groupSet": newsml_g2.FORMAT,
    ritzau.ROOT: ritzau.FORMAT,
    **dict.fromkeys(ritzau.FEED_ROOTS, ritzau.FORMAT),
    ntb_release.ROOT: ntb_release.FORMAT,
    **dict.fromkeys(rss_atom.ROOTS, rss_atom.FORMAT),
    reuters_newsitem.ROOT: reuters_newsitem.FORMAT,
    appl.ROOT: appl.FORMAT,
}
_SNIFF_BYTES = 65536
# The first start tag after the prolog (declaration, comments, DOCTYPE, processing instructions).
_ROOT_TAG = re.compile(r"<(?![?!])(?:[A-Za-z_][\w.-]*:)?(?P<name>[A-Za-z_][\w.-]*)")
_PROLOG = re.compile(r"^(?:\s+|<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^\[>]*(?:\[.*?\])?\s*>)*", re.S)


def _xml_root(text: str) -> str | None:
    body = text[_PROLOG.match(text).end() :]  # type: ignore[union-attr]
    match = _ROOT_TAG.match(body)
    return match.group("name") if match else None


def sniff_format(data: bytes) -> str:
    """Tell the format from the content alone (never the file name)."""
    if not data.strip():
        raise WireParseError("the file is empty")
    binary = describe_binary(data)
    if binary:
        raise WireParseError(f"not a wire text file: it is {binary}")
    head = data[:_SNIFF_BYTES]
    try:
        text = decode_bytes(head)
    except WireParseError:
        # A cut in the middle of a multi-byte character must not decide; judge a shorter cut.
        text = decode_bytes(head[: max(1, len(head) - 3)]) if len(data) > _SNIFF_BYTES else ""
        if not text:
            raise
    text = text.lstrip("\ufeff")
    if anpa1312.looks_like_anpa(text):
        return anpa1312.FORMAT
    if iptc7901.looks_like_iptc7901(text):
        return iptc7901.FORMAT
    if mail.looks_like_mail(text):
        return mail.FORMAT
    stripped = text.lstrip()
    if stripped.startswith("<"):
        root = _xml_root(stripped)
        if root in _XML_ROOTS:
            return _XML_ROOTS[root]
        if root and root.lower() == "html":
            raise WireParseError("an HTML page, not a wire format")
        raise WireParseError(
            f"XML with root element <{root}> is not a wire format we read"
            if root
            else "starts like XML but has no root element"
        )
    if stripped.startswith(("{", "[")):
        # JSON is read only as a wire JSON shape, never as plain text; others are quarantined.
        return sniff_json_shape(stripped)
    scalar = scalar_json(stripped) if len(data) <= _SNIFF_BYTES else None
    if scalar:
        raise WireParseError(scalar)
    if dpa_afx.looks_like_dpa_afx(text):
        return dpa_afx.FORMAT
    return plain_text.FORMAT


def read_wire(
    data: bytes, *, max_bytes: int = DEFAULT_MAX_BYTES
) -> tuple[str, list[Article | SkippedItem]]:
    """Sniff and read one wire file; raises WireParseError with a reason a person understands.

    A compressed or bundled file is unpacked in memory to at most `max_bytes` (the inbox's
    file limit) and what it holds is read (`wirehouse.readers.archives`).
    """
    fmt, entries = read_wire_entries(data, max_bytes=max_bytes)
    return fmt, [item for _member, item in entries]


def read_wire_entries(
    data: bytes, *, max_bytes: int = DEFAULT_MAX_BYTES
) -> tuple[str, list[Entry]]:
    """`read_wire` with the archive member each item came from (None outside bundles)."""
    kind = container_kind(data)
    if kind is not None:
        return read_container(data, kind, _read_plain, max_bytes=max_bytes)
    fmt, items = _read_plain(data)
    return fmt, [(None, item) for item in items]


def _read_plain(data: bytes) -> tuple[str, list[Article | SkippedItem]]:
    fmt = sniff_format(data)
    return fmt, READERS[fmt](data)


__all__ = [
    "READERS",
    "Reader",
    "WireParseError",
    "container_kind",
    "read_wire",
    "read_wire_entries",
    "sniff_format",
]
