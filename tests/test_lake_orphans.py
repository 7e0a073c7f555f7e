"""Orphan removal without Prefect or DuckDB: a lake file is deleted only when this warehouse
provably wrote it (our naming, only our run ids) and never listed it; everything else stays
and is reported."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from wirehouse.lake import lake_file, lake_name, listed_name, remove_orphans, write_parquet

OURS = "20261125T020000Z-1a2b3c4d"
ALSO_OURS = "20261126T020000Z-5e6f7a8b"
FOREIGN = "20261125T020000Z-ffffffff"
NIGHT = date(2026, 11, 25)


def part(lake: Path, key: str, *run_ids: str | None, table: str = "articles") -> Path:
    """A lake file where and as the night writes it, holding rows of these runs."""
    rows = pa.table({"article_id": [f"a{i}" for i in range(len(run_ids))], "run_id": run_ids})
    return write_parquet(rows, lake_file(lake, table, NIGHT, key))


def parquet_at(path: Path, **columns: list[object]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    pq.write_table(pa.table(columns), path)
    return path


def known(*run_ids: str) -> set[str]:
    return set(run_ids)


def test_an_unlisted_file_of_our_runs_is_removed_and_a_listed_one_kept(tmp_path: Path) -> None:
    listed = part(tmp_path, "b0001", OURS, OURS)
    orphan = part(tmp_path, "b0002", OURS, ALSO_OURS, table="entities")
    removed, left = remove_orphans(tmp_path, {lake_name(listed)}, lambda: known(OURS, ALSO_OURS))
    assert removed == [orphan]
    assert left == []
    assert listed.exists()
    assert not orphan.exists()


def test_a_file_with_any_run_of_another_warehouse_is_left_alone(tmp_path: Path) -> None:
    foreign = part(tmp_path, "b0001", FOREIGN)
    mixed = part(tmp_path, "b0002", OURS, FOREIGN)
    removed, left = remove_orphans(tmp_path, set(), lambda: known(OURS))
    assert removed == []
    assert sorted(left) == sorted([foreign, mixed])
    assert foreign.exists() and mixed.exists()


def test_files_outside_our_naming_are_left_alone_whatever_they_hold(tmp_path: Path) -> None:
    """Same run ids as ours, but not where or as wirehouse writes: copied in by hand."""
    strangers = [
        parquet_at(tmp_path / "articles" / f"ingest_date={NIGHT}" / "data.parquet", run_id=[OURS]),
        parquet_at(tmp_path / "notes" / f"ingest_date={NIGHT}" / "part-b1.parquet", run_id=[OURS]),
        parquet_at(tmp_path / "articles" / "day=2026-11-25" / "part-b1.parquet", run_id=[OURS]),
        parquet_at(
            tmp_path / "articles" / f"ingest_date={NIGHT}" / "part-b 1.parquet", run_id=[OURS]
        ),
    ]
    removed, left = remove_orphans(tmp_path, set(), lambda: known(OURS))
    assert removed == []
    assert sorted(left) == sorted(strangers)
    assert all(path.exists() for path in strangers)


def test_unreadable_or_run_less_files_are_left_alone(tmp_path: Path) -> None:
    broken = lake_file(tmp_path, "articles", NIGHT, "b0001")
    broken.parent.mkdir(parents=True)
    broken.write_bytes(b"PAR1 not really parquet")
    no_run_column = parquet_at(lake_file(tmp_path, "quotes", NIGHT, "b0002"), article_id=["a"])
    only_nulls = part(tmp_path, "b0003", None, table="keywords")
    empty = part(tmp_path, "b0004", table="sentences")
    removed, left = remove_orphans(tmp_path, set(), lambda: known(OURS))
    assert removed == []
    assert sorted(left) == sorted([broken, no_run_column, only_nulls, empty])


def test_only_temporaries_named_for_a_run_of_ours_are_removed(tmp_path: Path) -> None:
    folder = tmp_path / "articles" / f"ingest_date={NIGHT}"
    folder.mkdir(parents=True)
    ours = folder / f".part-b0001.parquet.{OURS}.4242.tmp"
    foreign = folder / f".part-b0002.parquet.{FOREIGN}.4242.tmp"
    unowned = folder / ".part-b0003.parquet.4242.tmp"
    for path in (ours, foreign, unowned):
        path.write_bytes(b"half a file")
    removed, left = remove_orphans(tmp_path, set(), lambda: known(OURS))
    assert (removed, left) == ([], [])
    assert not ours.exists()
    assert foreign.exists() and unowned.exists()


def test_the_warehouse_is_not_asked_when_nothing_is_unlisted(tmp_path: Path) -> None:
    listed = part(tmp_path, "b0001", OURS)

    def known_runs() -> set[str]:
        raise AssertionError("known_runs queried although no file is a candidate")

    assert remove_orphans(tmp_path, {lake_name(listed)}, known_runs) == ([], [])
    assert remove_orphans(tmp_path / "no-lake-yet", set(), known_runs) == ([], [])
    assert listed.exists()


def test_a_row_from_before_relative_names_still_protects_its_file(tmp_path: Path) -> None:
    """`lake_files` rows once held absolute paths (of wherever the lake was then): read
    through `listed_name` they name the same file, so it is not an orphan."""
    moved_here = part(tmp_path, "b0001", OURS)
    old_row = f"/srv/old-place/lake/{lake_name(moved_here)}"
    removed, left = remove_orphans(tmp_path, {listed_name(old_row)}, lambda: known(OURS))
    assert (removed, left) == ([], [])
    assert moved_here.exists()
