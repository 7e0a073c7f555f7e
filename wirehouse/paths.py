"""File names as text: any bytes a file system allows, stored losslessly and shown readably.

A POSIX file name is bytes. Python decodes undecodable bytes to lone surrogates
(`surrogateescape`), which Parquet, DuckDB, JSON and a UTF-8 terminal all refuse, so a
file named `a\\xe9.txt` (Latin-1 é) would stop the night. Everywhere a path is stored or
shown, wirehouse uses its *text form* instead:

- an undecodable byte becomes `\\xNN`;
- a backslash becomes `\\\\` (so the form is unambiguous, and so reversible);
- a newline, tab or carriage return becomes `\\n`, `\\t`, `\\r`, and any other character that
  does not print (control characters, bidi overrides, …) `\\uNNNN` or `\\UNNNNNNNN`, so a
  name never breaks a log line or forges one.

A name of ordinary printable characters without backslashes is its own text form, so the
manifest's rows from before this scheme still match. `from_text` reverses `to_text`.
"""

from __future__ import annotations

import os
import re

_SURROGATES = range(0xDC80, 0xDD00)  # what surrogateescape makes of the bytes 0x80–0xFF
_NAMED = {"\\": "\\\\", "\n": "\\n", "\t": "\\t", "\r": "\\r"}
_ESCAPE = re.compile(r"\\(\\|n|t|r|x[0-9a-f]{2}|u[0-9a-f]{4}|U[0-9a-f]{8})")
_UNNAMED = {"\\\\": "\\", "\\n": "\n", "\\t": "\t", "\\r": "\r"}


def to_text(path: str | bytes | os.PathLike[str] | os.PathLike[bytes]) -> str:
    """The lossless, printable text form of a path (see the module docstring)."""
    name = os.fsdecode(path)
    if name.isprintable() and "\\" not in name:
        return name
    out = []
    for char in name:
        code = ord(char)
        if char in _NAMED:
            out.append(_NAMED[char])
        elif code in _SURROGATES:
            out.append(f"\\x{code - 0xDC00:02x}")
        elif char.isprintable():
            out.append(char)
        elif code <= 0xFFFF:
            out.append(f"\\u{code:04x}")
        else:
            out.append(f"\\U{code:08x}")
    return "".join(out)


def _unescape(match: re.Match[str]) -> str:
    escape = match.group(0)
    if escape in _UNNAMED:
        return _UNNAMED[escape]
    code = int(escape[2:], 16)
    return chr(0xDC00 + code) if escape[1] == "x" else chr(code)


def from_text(text: str) -> str:
    """The path `to_text` made `text` from, as Python's str for the file system."""
    return _ESCAPE.sub(_unescape, text) if "\\" in text else text
