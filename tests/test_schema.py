"""The DuckDB DDL in sql/migrations mirrors the Arrow schemas in wirehouse/schema.py."""

from pathlib import Path

import duckdb
import pytest

from wirehouse import sql
from wirehouse.schema import FILE_OUTCOMES, LAKE_TABLES, SKIPPED_ITEMS
from wirehouse.warehouse import migrate_warehouse, open_warehouse


@pytest.mark.parametrize("table", [*LAKE_TABLES, "skipped_items"])
def test_ddl_matches_arrow_schema(tmp_path: Path, table: str) -> None:
    schema = LAKE_TABLES.get(table, SKIPPED_ITEMS)
    migrate_warehouse(tmp_path / "w.duckdb")
    with open_warehouse(tmp_path / "w.duckdb") as con:
        ddl = [(r[0], r[1]) for r in con.execute(f"DESCRIBE {table}").fetchall()]
        con.register("empty", schema.empty_table())
        arrow = [(r[0], r[1]) for r in con.execute("DESCRIBE SELECT * FROM empty").fetchall()]
    assert ddl == arrow


def test_manifest_columns_cover_file_outcomes(tmp_path: Path) -> None:
    migrate_warehouse(tmp_path / "w.duckdb")
    with open_warehouse(tmp_path / "w.duckdb") as con:
        columns = {r[0] for r in con.execute("DESCRIBE ingest_files").fetchall()}
    assert set(FILE_OUTCOMES.names) <= columns


def test_migrations_are_recorded_and_not_reapplied(tmp_path: Path) -> None:
    path = tmp_path / "w.duckdb"
    assert migrate_warehouse(path) == [m.number for m in sql.numbered("migrations")]
    with open_warehouse(path) as con:
        first = con.execute("SELECT version FROM schema_migrations").fetchall()
    assert migrate_warehouse(path) == []
    with open_warehouse(path) as con:
        assert con.execute("SELECT version FROM schema_migrations").fetchall() == first


def test_duckdb_shell_from_setup_opens_the_warehouse(tmp_path: Path) -> None:
    import shutil
    import subprocess
    import sys

    shell = Path(sys.executable).with_name("duckdb")
    if not shell.exists():
        shell = Path(shutil.which("duckdb") or "duckdb")
    path = tmp_path / "w.duckdb"
    migrate_warehouse(path)
    out = subprocess.run(
        [str(shell), "-readonly", "-csv", str(path), "-c", "SELECT count(*) FROM articles_current"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert out.stdout.strip().splitlines()[-1] == "0"
    assert duckdb.__version__ >= "1.5"
