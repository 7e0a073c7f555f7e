"""Text files that arrive beside wire copy but are no story: the plain-text reader, which would
otherwise take any text, refuses them with what they are.

Transfers and collections bring their own files: a manifest table, a checksum list, a README,
an annotated corpus. Each is recognised by a shape prose never has across the whole file, so a
story that merely contains a table, a hashtag or a digest is still read.
"""

from __future__ import annotations

import re

# `sha256sum`/`md5sum` lines ("<hex>  name", "<hex> *name") and BSD style ("SHA256 (name) = <hex>").
_CHECKSUM_LINE = re.compile(
    r"^(?:[0-9a-fA-F]{32,128}\s+\*?\S.*|[A-Z0-9-]{3,12} ?\(.+\) ?= ?[0-9a-fA-F]{32,128})$"
)
_MD_HEADING = re.compile(r"^#{1,6} \S")
# Headings, code fences, pipe-table rows and links: the structure a README keeps using.
_MD_STRUCTURE = re.compile(r"^(?:#{1,6} \S|```|\|.*\|\s*$)|\]\((?:https?://|[./#])\S*\)")
_MIN_TABLE_ROWS = 3
_MIN_MARKDOWN_LINES = 3
# One token (and a label or two) per line, for line after line: CoNLL/BIO corpora, word lists.
_MIN_TOKEN_LINES = 50
_TOKEN_LINE_SHARE = 0.95
_MAX_TOKEN_FIELDS = 3


def not_a_story(text: str) -> str | None:
    """What the file is when it is a document of another kind, else None."""
    lines = [line for line in text.splitlines() if line.strip()]
    if not lines:
        return None
    if all(_CHECKSUM_LINE.match(line.strip()) for line in lines):
        return "a list of checksums"
    # `#` lines are the comments of data files (CoNLL-U, BIO); a table or list is what is left.
    rows = [line for line in lines if not line.startswith("#")]
    columns = _table_columns(rows)
    if columns:
        return f"a tab-separated table ({len(rows)} rows, {columns} columns)"
    if _is_token_list(rows):
        return (
            f"a list of a word or two per line ({len(rows)} lines): a word list or annotated corpus"
        )
    if _is_markdown(lines):
        return "a Markdown document"
    return None


def _table_columns(lines: list[str]) -> int | None:
    """Every line, the first (a header) included, holds the same number of tabs."""
    if len(lines) < _MIN_TABLE_ROWS:
        return None
    tabs = lines[0].rstrip("\r\n").count("\t")
    if tabs < 2 or any(line.rstrip("\r\n").count("\t") != tabs for line in lines):
        return None
    return tabs + 1


def _is_token_list(lines: list[str]) -> bool:
    if len(lines) < _MIN_TOKEN_LINES:
        return False
    short = sum(1 for line in lines if len(line.split()) <= _MAX_TOKEN_FIELDS)
    return short >= _TOKEN_LINE_SHARE * len(lines)


def _is_markdown(lines: list[str]) -> bool:
    """Opens with a Markdown heading and keeps using Markdown's structure after it."""
    if not _MD_HEADING.match(lines[0]):
        return False
    structured = sum(1 for line in lines[1:] if _MD_STRUCTURE.search(line))
    return structured >= _MIN_MARKDOWN_LINES
