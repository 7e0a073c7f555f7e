"""The DuckDB warehouse: opening it, migrating it, loading batches into it, checking it.

Only this module writes the warehouse, and only one process at a time does (see
`wirehouse.locking`). Every statement comes from `sql/`; values are bound parameters.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import duckdb

from wirehouse import lake, sql
from wirehouse.errors import (
    NightFailed,
    StorageFailed,
    describe_os_error,
    storage_errno,
    writing,
)
from wirehouse.schema import LAKE_TABLES

# duckdb 2.x writes storage version 69 by default, which the duckdb 1.5 shell (the newest
# `duckdb-cli` on PyPI) cannot open; pinning the format keeps the analysts' shell working.
STORAGE_COMPATIBILITY = "v1.5.0"
_CONFLICT_PID = re.compile(r"PID (\d+)")


class WarehouseUnavailable(NightFailed):
    """The warehouse file cannot be opened for writing; the message says why and what to do."""


# DuckDB's errors for a file it cannot read back: truncated, overwritten, not a database.
_UNREADABLE = (
    duckdb.IOException,
    duckdb.SerializationException,
    duckdb.InternalException,
    duckdb.FatalException,
)


def warehouse_failure(exc: duckdb.Error, path: Path) -> NightFailed | None:
    """The night-level failure behind a DuckDB error on the warehouse at `path`, if it is one:
    its storage refused a write, or the file cannot be read back. None for anything else
    (a bad statement, a missing staging file: the step's own error)."""
    if storage_errno(exc) is not None:
        return StorageFailed(describe_os_error(exc, path))
    message = str(exc).strip()
    if isinstance(exc, _UNREADABLE) and str(path) in message:
        first = message.splitlines()[0] if message else type(exc).__name__
        return WarehouseUnavailable(
            f"the warehouse {path} cannot be read ({first}): it is damaged — restore it from "
            "a backup and run again; nothing was written"
        )
    return None


def connect(path: Path, *, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    if read_only and not path.exists():
        raise WarehouseUnavailable(f"no warehouse at {path}: run `wirehouse ingest` first")
    with writing(path.parent):
        path.parent.mkdir(parents=True, exist_ok=True)
    config: dict[str, str | bool | int | float | list[str]] = (
        {} if read_only else {"storage_compatibility_version": STORAGE_COMPATIBILITY}
    )
    try:
        return duckdb.connect(str(path), read_only=read_only, config=config)
    except duckdb.IOException as exc:
        message = str(exc)
        if "Could not set lock" in message or "Conflicting lock" in message:
            pid = _CONFLICT_PID.search(message)
            holder = f"process {pid.group(1)}" if pid else "another process"
            raise WarehouseUnavailable(
                f"the warehouse {path} is locked by {holder} (a DuckDB shell or another run?); "
                # Even a `-readonly` shell blocks a writer (tests/test_ops_concurrency.py).
                "close it (a `-readonly` shell blocks writing too) and run again"
            ) from None
        failure = warehouse_failure(exc, path)
        if failure is not None:
            raise failure from None
        raise WarehouseUnavailable(f"cannot open the warehouse {path}: {message}") from None
    except duckdb.Error as exc:
        failure = warehouse_failure(exc, path)
        if failure is None:
            raise
        raise failure from None


def preflight(path: Path) -> None:
    """Raise WarehouseUnavailable now if a run could not write the warehouse."""
    connect(path).close()


@contextmanager
def open_warehouse(path: Path, *, read_only: bool = False) -> Iterator[duckdb.DuckDBPyConnection]:
    """The warehouse, as it is: a run migrates it once, first (`migrate_warehouse`). A storage
    failure or an unreadable file inside the block ends the night with one line
    (`warehouse_failure`)."""
    con = connect(path, read_only=read_only)
    try:
        yield con
    except duckdb.Error as exc:
        failure = warehouse_failure(exc, path)
        if failure is None:
            raise
        raise failure from exc
    finally:
        con.close()


@contextmanager
def kept_open(path: Path) -> Iterator[None]:
    """The warehouse's database stays open in this process for the block.

    DuckDB keeps one database per file and process while any connection to it is open, so
    every `open_warehouse` inside the block shares it: the database is opened, and checkpointed
    on close, once for the block instead of once per batch loaded (~80 ms of CPU per batch,
    bench/README.md). Committed loads are as durable: DuckDB's log holds them until then."""
    keeper = connect(path)
    try:
        yield
    except BaseException:
        with suppress(duckdb.Error):  # the block's own error is the one to tell
            keeper.close()
        raise
    try:
        keeper.close()  # the checkpoint: a full disk shows here
    except duckdb.Error as exc:
        failure = warehouse_failure(exc, path)
        if failure is None:
            raise
        raise failure from None


def migrate_warehouse(path: Path) -> list[int]:
    """Create or migrate the warehouse at `path` and refresh its views; the migrations applied."""
    with open_warehouse(path) as con:
        return migrate(con)


def migrate(con: duckdb.DuckDBPyConnection) -> list[int]:
    """Apply pending numbered migrations, each in its own transaction, then refresh views."""
    con.execute(sql.statement("create_migrations_table"))
    applied = {row[0] for row in con.execute(sql.statement("applied_migrations")).fetchall()}
    newly_applied = []
    for migration in sql.numbered("migrations"):
        if migration.number in applied:
            continue
        con.begin()
        try:
            con.execute(migration.text)
            con.execute(
                sql.statement("record_migration"),
                {"version": migration.number, "name": migration.name},
            )
            con.commit()
        except Exception:
            con.rollback()
            raise
        newly_applied.append(migration.number)
    for view in sql.numbered("views"):
        con.execute(view.text)
    return newly_applied


@dataclass(frozen=True, slots=True)
class LakeBatch:
    """The Parquet files of one enriched batch, published to the lake and ready to load."""

    batch_key: str
    run_id: str
    tables: dict[str, Path]  # lake table name -> Parquet file (only tables with rows)
    rows: dict[str, int]  # rows of each file: counted when written, never read back to count
    articles: int = 0  # stories enriched, and their words
    words: int = 0
    # Stories re-enriched from the warehouse: their new pipelines (article_id, nlp_pipeline,
    # nlp_pipeline_version, run_id). Their `articles` rows stay; only the enrichment is swapped.
    pipelines: Path | None = None
    failures: dict[str, str] = field(default_factory=dict)  # story -> why it was left out


@dataclass(frozen=True, slots=True)
class FileOutcomes:
    """What the parse step decided for a batch's files (new stories from the inbox only)."""

    outcomes: Path  # FILE_OUTCOMES
    skipped: Path | None  # SKIPPED_ITEMS, None when there are none


def load_batch(
    con: duckdb.DuckDBPyConnection,
    batch: LakeBatch,
    processed_at: datetime,
    files: FileOutcomes | None = None,
) -> None:
    """Load one batch in one transaction: replace what it brings again, insert, record files.

    New stories (`files` given) replace every row of the article versions they bring again;
    re-enriched ones (`batch.pipelines`) keep their `articles` rows and swap the rest. Loading
    the same batch twice leaves the warehouse as after loading it once.
    """
    restored = batch.pipelines is not None
    lineage = batch.pipelines if restored else batch.tables.get("articles")
    con.begin()
    try:
        con.execute(sql.statement("create_batch_replaced"))
        if lineage is not None:
            con.execute(sql.statement("collect_replaced_by_id"), {"path": str(lineage)})
        if files is not None:
            con.execute(sql.statement("collect_replaced_by_source"), {"path": str(files.outcomes)})
        for table in reversed(list(LAKE_TABLES)):  # children before articles
            if not (restored and table == "articles"):
                con.execute(sql.table_statement("delete_replaced_articles", table))
        insert_lake_files(con, batch)
        if restored:
            con.execute(sql.statement("update_article_pipelines"), {"path": str(lineage)})
        if lineage is not None:
            # Lineage: which pipeline enriched these articles in this run (kept forever).
            con.execute(
                sql.statement("record_enrichment_runs"),
                {"path": str(lineage), "enriched_at": processed_at},
            )
        if files is not None and files.skipped is not None:
            con.execute(sql.statement("delete_skipped_items"), {"path": str(files.skipped)})
            con.execute(
                sql.table_statement("insert_parquet", "skipped_items"), {"path": str(files.skipped)}
            )
        if files is not None:
            con.execute(
                sql.statement("record_file_outcomes"),
                {"path": str(files.outcomes), "processed_at": processed_at},
            )
        con.commit()
    except Exception:
        con.rollback()
        raise


def insert_lake_files(con: duckdb.DuckDBPyConnection, batch: LakeBatch) -> None:
    """Insert each lake file into its table and record it in `lake_files` (inside the
    caller's transaction), so the next run knows it is not a crashed run's leftover.

    `lake_files` names it relative to the lake root (`lake.lake_name`), never absolutely."""
    for table, path in batch.tables.items():
        con.execute(sql.table_statement("insert_parquet", table), {"path": str(path)})
        con.execute(
            sql.statement("record_lake_file"),
            {
                "path": lake.lake_name(path),
                "table_name": table,
                "batch_key": batch.batch_key,
                "row_count": batch.rows[table],
                "run_id": batch.run_id,
            },
        )


@dataclass(frozen=True, slots=True)
class CheckResult:
    name: str
    description: str
    passed: bool
    failing_rows: int
    sample: list[tuple[object, ...]]


def run_checks(con: duckdb.DuckDBPyConnection, run_id: str) -> list[CheckResult]:
    results = []
    for check in sql.numbered("checks"):
        rows = con.execute(check.text).fetchall()
        result = CheckResult(check.name, check.description, not rows, len(rows), rows[:5])
        con.execute(
            sql.statement("record_check"),
            {
                "run_id": run_id,
                "check_name": result.name,
                "passed": result.passed,
                "failing_rows": result.failing_rows,
                "description": result.description,
            },
        )
        results.append(result)
    return results
