"""What the operations tests share: the CLI as an operator runs it, its processes, and
comparing two warehouses by content."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import duckdb
import psutil

WIREHOUSE = Path(sys.executable).with_name("wirehouse")
NOISE = ("Traceback", "Warning", "WARNING", "ERROR", "CancelledError", "telemetry")

# Columns that differ between two equal nights: which run, and when.
# story_date: a story that names no date of its own is dated by its run (`ingested`).
_RUN_COLUMNS = (
    "run_id",
    "ingested_at",
    "processed_at",
    "enriched_at",
    "ingest_date",
    "story_date",
)
COMPARED_TABLES = (
    "articles",
    "sentences",
    "entities",
    "quotes",
    "keywords",
    "skipped_items",
    "ingest_files",
    "enrichment_runs",
)


def cli_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PREFECT_", "WIREHOUSE_"))}
    env["PREFECT_HOME"] = str(tmp_path / "prefect-home")
    env["WIREHOUSE_NLP_PROCESSES"] = "1"
    env.update(extra)
    return env


def processes_marked(mark: str, wait_seconds: float = 0) -> list[str]:
    """Processes whose environment carries WIREHOUSE_TEST_MARK=mark (a run and every process
    it started inherit it), waiting up to `wait_seconds` for them to end."""
    deadline = time.monotonic() + wait_seconds
    while True:
        alive = []
        for proc in psutil.process_iter(["pid", "name"]):
            try:
                if proc.environ().get("WIREHOUSE_TEST_MARK") == mark and proc.status() not in (
                    psutil.STATUS_ZOMBIE,
                    psutil.STATUS_DEAD,
                ):
                    alive.append(f"{proc.pid} {' '.join(proc.cmdline())[:160]}")
            except (psutil.NoSuchProcess, psutil.AccessDenied, psutil.ZombieProcess):
                continue
        if not alive or time.monotonic() >= deadline:
            return alive
        time.sleep(0.5)


def table_rows(con: duckdb.DuckDBPyConnection, table: str) -> list[tuple[object, ...]]:
    columns = [
        row[0]
        for row in con.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_name = ? "
            "ORDER BY ordinal_position",
            [table],
        ).fetchall()
        if row[0] not in _RUN_COLUMNS
    ]
    listed = ", ".join(f'"{c}"' for c in columns)
    return con.execute(f"SELECT {listed} FROM {table} ORDER BY ALL").fetchall()


def tables_equal(actual: Path, expected: Path) -> None:
    """Every warehouse table holds the same rows (run ids and times aside), and the lake
    files loaded hold the same number of rows per table."""
    with (
        duckdb.connect(str(actual), read_only=True) as a,
        duckdb.connect(str(expected), read_only=True) as b,
    ):
        for table in COMPARED_TABLES:
            assert table_rows(a, table) == table_rows(b, table), table
        lake = "SELECT table_name, sum(row_count) FROM lake_files GROUP BY ALL ORDER BY ALL"
        assert a.execute(lake).fetchall() == b.execute(lake).fetchall()
