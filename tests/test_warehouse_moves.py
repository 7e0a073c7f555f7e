"""The warehouse folder moved, copied or reached through a symbolic link keeps its lake.

`lake_files` names lake files relative to the lake root, and a run deletes only lake files
it can prove a crashed run of this very warehouse wrote: before, a no-op night on a copied
warehouse deleted every Parquet file and still passed its checks.
"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from tests.conftest import ALL_BLANK
from wirehouse.settings import PROJECT_ROOT

pytestmark = pytest.mark.usefixtures("prefect_harness")

SEEDS = PROJECT_ROOT / "seeds"


@pytest.fixture(autouse=True)
def _blank_pipelines(monkeypatch: pytest.MonkeyPatch) -> None:
    # This is about files, not entities: blank spaCy pipelines keep it fast.
    monkeypatch.setenv("WIREHOUSE_PIPELINES", ALL_BLANK)


def night(inbox: Path, warehouse: Path) -> dict[str, object]:
    from flows.nightly import nightly_ingest

    return nightly_ingest(inbox=str(inbox), warehouse=str(warehouse)).run


def lake_of(folder: Path) -> dict[str, str]:
    """Every Parquet file of the lake beside the warehouse, by relative name, with its hash."""
    lake = folder / "lake"
    return {
        p.relative_to(lake).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(lake.rglob("*.parquet"))
    }


def query(warehouse: Path, sql: str) -> list[tuple]:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return con.execute(sql).fetchall()


@pytest.fixture
def first(tmp_path: Path) -> tuple[Path, Path, dict[str, str]]:
    """An inbox of the seeds and a warehouse folder `a` that loaded them."""
    inbox = tmp_path / "inbox"
    shutil.copytree(SEEDS, inbox)
    folder = tmp_path / "a"
    run = night(inbox, folder / "wirehouse.duckdb")
    assert run["articles_loaded"] == 6
    lake = lake_of(folder)
    assert len(lake) >= 3
    return inbox, folder, lake


def test_copied_symlinked_and_moved_warehouses_keep_every_lake_file(
    first: tuple[Path, Path, dict[str, str]], tmp_path: Path
) -> None:
    inbox, original, lake = first
    assert all(
        not path.startswith("/")
        for (path,) in query(original / "wirehouse.duckdb", "SELECT path FROM lake_files")
    )
    copy = tmp_path / "copy"
    shutil.copytree(original, copy)
    link = tmp_path / "link"
    link.symlink_to(copy, target_is_directory=True)
    moved = tmp_path / "moved"
    for folder in (copy, link, copy, original):
        run = night(inbox, folder / "wirehouse.duckdb")
        assert (run["status"], run["files_new"], run["articles_loaded"]) == ("completed", 0, 0)
        assert lake_of(folder) == lake, folder
    copy.rename(moved)
    run = night(inbox, moved / "wirehouse.duckdb")
    assert run["status"] == "completed"
    assert lake_of(moved) == lake
    assert lake_of(original) == lake
    # The copy's lake is whole and is what its warehouse holds.
    articles = f"read_parquet('{moved}/lake/articles/*/*.parquet')"
    assert query(moved / "wirehouse.duckdb", f"SELECT count(*) FROM {articles}") == [(6,)]


def test_absolute_lake_paths_from_before_are_still_understood(
    first: tuple[Path, Path, dict[str, str]], tmp_path: Path
) -> None:
    inbox, original, lake = first
    with duckdb.connect(str(original / "wirehouse.duckdb")) as con:
        # What rows looked like before relative names, written at some other place.
        con.execute("UPDATE lake_files SET path = '/some/where/else/lake/' || path")
    moved = tmp_path / "moved"
    original.rename(moved)
    run = night(inbox, moved / "wirehouse.duckdb")
    assert run["status"] == "completed"
    assert lake_of(moved) == lake


def test_only_a_crashed_run_of_this_warehouse_is_cleaned_up(
    first: tuple[Path, Path, dict[str, str]],
) -> None:
    inbox, folder, lake = first
    lake_dir = folder / "lake"
    source = next(iter(sorted((lake_dir / "articles").rglob("*.parquet"))))
    table = pq.read_table(source)
    partition = source.parent
    # Ours and never committed: a run of this warehouse wrote it, lake_files does not list it.
    ours = partition / "part-0123456789abcdef.parquet"
    pq.write_table(table, ours)
    ours_tmp = partition / f".part-0123456789abcdef.parquet.{table['run_id'][0]}.4242.tmp"
    ours_tmp.write_bytes(b"half")
    # Not provably ours: another warehouse's run, an old-style temporary, a file of our own
    # shape outside our naming, and something that is not Parquet at all.
    foreign = partition / "part-fedcba9876543210.parquet"
    runs = pa.array(["20200101T000000Z-otherwar"] * table.num_rows)
    pq.write_table(
        table.set_column(table.schema.get_field_index("run_id"), "run_id", runs), foreign
    )
    old_tmp = partition / ".part-fedcba9876543210.parquet.4242.tmp"
    old_tmp.write_bytes(b"half")
    notes = partition / "notes.parquet"
    pq.write_table(table, notes)
    broken = partition / "part-badbadbadbadbad0.parquet"
    broken.write_bytes(b"not parquet")

    run = night(inbox, folder / "wirehouse.duckdb")
    assert run["status"] == "completed"
    assert not ours.exists() and not ours_tmp.exists()
    assert foreign.exists() and old_tmp.exists() and notes.exists() and broken.exists()
    for path in (foreign, notes, broken):
        path.unlink()
    assert lake_of(folder) == lake
