"""A deterministic fingerprint of a warehouse's content: per table, its row count and
a hash of its rows in order, leaving out what describes a run rather than the data (run ids,
times of the run, the temporary paths a test runs in, batch keys made from those paths).

Two warehouses built from the same files by the same code have the same fingerprint; a
refactoring of the batch path must not change it (tests/test_fingerprint.py).
"""

from __future__ import annotations

import json
from pathlib import Path

import duckdb

# Columns that name or time a run, or that hold the test's temporary paths.
RUN_COLUMNS = {
    "run_id",
    "flow_run_id",
    "inbox",
    "batch_key",
    "ingested_at",
    "ingest_date",
    "processed_at",
    "started_at",
    "finished_at",
    "abandoned_at",
    "enriched_at",
    "applied_at",
    "first_seen",
}
# Times that come from the wire files themselves; every other TIMESTAMPTZ is a run's.
CONTENT_TIMES = {"first_created", "version_created", "embargo_until", "sent"}
# File paths: only their name is data (the folder is the test's temporary one).
PATH_COLUMNS = {"path", "source_file"}
# `lake_files.path` holds the batch key, which hashes the files' full paths.
DROPPED = {("lake_files", "path")}


def _expression(table: str, column: str, data_type: str, dated: bool) -> str | None:
    """How `column` enters the fingerprint, or None. `dated`: the relation has the column
    `story_date_source`, which tells a story's own date from one its night gave it."""
    quoted = f'"{column}"'
    if column in RUN_COLUMNS or (table, column) in DROPPED:
        return None
    if column == "story_date" and dated:
        # Dated by the night it arrived (ingest time, or a dateline day without a year): a run's.
        return (
            "CASE WHEN story_date_source IN ('ingested', 'dateline_date') "
            f"THEN NULL ELSE {quoted} END"
        )
    if data_type.startswith(("TIMESTAMP", "DATE")) and column not in CONTENT_TIMES:
        return None  # a run's time, or a day counted from story dates (views)
    if column in PATH_COLUMNS:
        return f"regexp_replace({quoted}, '^.*/', '')"
    return quoted


def fingerprint(warehouse: Path) -> dict[str, dict[str, object]]:
    """{table: {"rows": n, "md5": hash of its ordered rows}} over every relation."""
    result: dict[str, dict[str, object]] = {}
    with duckdb.connect(str(warehouse), read_only=True) as con:
        relations = [
            row[0]
            for row in con.execute(
                "SELECT table_name FROM information_schema.tables "
                # Views are SQL over these tables: equal tables make equal views.
                "WHERE table_schema = 'main' AND table_type = 'BASE TABLE' ORDER BY table_name"
            ).fetchall()
        ]
        for relation in relations:
            if relation == "schema_migrations":
                continue
            columns = con.execute(
                "SELECT column_name, data_type FROM information_schema.columns "
                "WHERE table_schema = 'main' AND table_name = ? ORDER BY ordinal_position",
                [relation],
            ).fetchall()
            dated = any(c == "story_date_source" for c, _t in columns)
            kept = [e for c, t in columns if (e := _expression(relation, c, t, dated)) is not None]
            row_text = f"CAST(row({', '.join(kept)}) AS VARCHAR)"
            rows, digest = con.execute(
                f"SELECT count(*), md5(coalesce(string_agg(t, chr(10) ORDER BY t), '')) "
                f'FROM (SELECT {row_text} AS t FROM "{relation}")'
            ).fetchone() or (0, "")
            result[relation] = {"rows": rows, "md5": digest}
    return result


def load(path: Path) -> dict[str, dict[str, object]]:
    return json.loads(path.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def save(path: Path, print_: dict[str, dict[str, object]]) -> None:
    path.write_text(json.dumps(print_, indent=2, sort_keys=True) + "\n", encoding="utf-8")
