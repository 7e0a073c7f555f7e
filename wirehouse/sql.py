"""Access to the SQL in `sql/`: every statement the product runs lives there, not in code."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from wirehouse.resources import data_path

SQL_DIR = data_path("sql")
_NUMBERED = re.compile(r"^(?P<number>\d+)_(?P<name>[a-z0-9_]+)\.sql$")
_IDENTIFIER = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


@dataclass(frozen=True, slots=True)
class SqlFile:
    number: int
    name: str
    text: str
    description: str


@cache
def statement(name: str) -> str:
    """A named statement from `sql/statements/NAME.sql`."""
    return (SQL_DIR / "statements" / f"{name}.sql").read_text(encoding="utf-8")


def table_statement(name: str, table: str) -> str:
    """A statement template whose only placeholder is a table identifier."""
    return statement(name).replace("{table}", quote_identifier(table))


def quote_identifier(name: str) -> str:
    """The one place identifiers enter SQL. Values are always bound parameters instead."""
    if not _IDENTIFIER.match(name):
        raise ValueError(f"not a plain SQL identifier: {name!r}")
    return '"' + name.replace('"', '""') + '"'


@cache
def numbered(folder: str) -> tuple[SqlFile, ...]:
    """`sql/<folder>/NNN_name.sql` files in order (migrations, views, checks)."""
    files = []
    for path in sorted((SQL_DIR / folder).glob("*.sql")):
        match = _NUMBERED.match(path.name)
        if match is None:
            raise ValueError(f"{path} is not named NNN_name.sql")
        text = path.read_text(encoding="utf-8")
        files.append(SqlFile(int(match["number"]), match["name"], text, _leading_comment(text)))
    return tuple(files)


def _leading_comment(text: str) -> str:
    lines = []
    for line in text.splitlines():
        if not line.startswith("--"):
            break
        lines.append(line.removeprefix("--").strip())
    return " ".join(lines)
