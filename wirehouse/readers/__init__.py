"""Wire-format readers: one per format, one signature (`bytes -> articles`), chosen by sniffing.

Adding a format is adding a module with `FORMAT`, `read(data)` and a rule in `sniff_format`.
"""

from __future__ import annotations

from collections.abc import Callable

from wirehouse.model import Article, SkippedItem, WireParseError
from wirehouse.readers import dpa_afx, plain_text
from wirehouse.readers.text import decode_bytes, describe_binary

Reader = Callable[[bytes], list[Article | SkippedItem]]

READERS: dict[str, Reader] = {
    dpa_afx.FORMAT: dpa_afx.read,
    plain_text.FORMAT: plain_text.read,
}


def sniff_format(data: bytes) -> str:
    """Tell the format from the content alone (never the file name)."""
    if not data.strip():
        raise WireParseError("the file is empty")
    binary = describe_binary(data)
    if binary:
        raise WireParseError(f"not a wire text file: it is {binary}")
    text = decode_bytes(data[:65536]) if len(data) > 65536 else decode_bytes(data)
    if dpa_afx.looks_like_dpa_afx(text):
        return dpa_afx.FORMAT
    return plain_text.FORMAT


def read_wire(data: bytes) -> tuple[str, list[Article | SkippedItem]]:
    """Sniff and read one wire file; raises WireParseError with a reason a person understands."""
    fmt = sniff_format(data)
    return fmt, READERS[fmt](data)


__all__ = ["READERS", "Reader", "WireParseError", "read_wire", "sniff_format"]
