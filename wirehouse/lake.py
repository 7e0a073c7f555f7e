"""The Parquet lake: hive-partitioned by ingest date, every file written atomically."""

from __future__ import annotations

import errno
import os
import re
import shutil
from collections.abc import Callable
from datetime import date
from pathlib import Path, PurePosixPath

import pyarrow as pa
import pyarrow.parquet as pq

from wirehouse.schema import LAKE_TABLES

COMPRESSION = "zstd"
_PARTITION = re.compile(r"ingest_date=\d{4}-\d{2}-\d{2}")
_PART = re.compile(r"part-[0-9A-Za-z-]+\.parquet")
_TMP = re.compile(r"\.part-[0-9A-Za-z-]+\.parquet\.(?P<run>[0-9A-Za-z-]+)\.\d+\.tmp")


def write_parquet(table: pa.Table, path: Path, owner: str = "") -> Path:
    """Write `table` so that `path` is either absent or complete, never half-written.

    `owner` (a run id) goes into the temporary file's name, so that a crashed run's leftover
    can be proved to be ours (`remove_orphans`).
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    tag = f".{owner}" if owner else ""
    tmp = path.with_name(f".{path.name}{tag}.{os.getpid()}.tmp")
    try:
        pq.write_table(table, tmp, compression=COMPRESSION)
        with tmp.open("rb") as handle:
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
    return path


def publish(staged: Path, target: Path, owner: str) -> Path:
    """Move a complete staged file (`write_parquet`) to `target`, so that `target` is either
    absent or complete: by rename, atomic when staging and lake share a filesystem (they do
    by default); across filesystems, by a copy written as `write_parquet` writes.

    Publishing again after the move (a retried step) finds the file in place and keeps it.
    """
    if not staged.exists() and target.exists():
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.replace(staged, target)
    except OSError as exc:
        if exc.errno != errno.EXDEV:
            raise
        tmp = target.with_name(f".{target.name}.{owner}.{os.getpid()}.tmp")
        try:
            shutil.copyfile(staged, tmp)
            with tmp.open("rb") as handle:
                os.fsync(handle.fileno())
            os.replace(tmp, target)
        finally:
            tmp.unlink(missing_ok=True)
        staged.unlink()
    return target


def read_parquet(path: Path, schema: pa.Schema | None = None) -> pa.Table:
    return pq.read_table(path, schema=schema)


def lake_file(lake_dir: Path, table: str, ingest_date: date, batch_key: str) -> Path:
    return lake_dir / table / f"ingest_date={ingest_date.isoformat()}" / f"part-{batch_key}.parquet"


def lake_name(path: Path) -> str:
    """How `lake_files` names a lake file: relative to the lake root, so the warehouse folder
    can be moved, copied or reached through a symbolic link and still knows its files.

    Every lake file lies at `<lake>/<table>/ingest_date=<date>/part-<key>.parquet`
    (`lake_file`), so its name relative to the root is its last three parts.
    """
    return "/".join(path.parts[-3:])


def listed_name(stored: str) -> str:
    """A `lake_files.path` as `lake_name` would write it today.

    Rows before relative names held absolute paths; a lake file's place below the root is
    always `<table>/ingest_date=<date>/part-<key>.parquet`, so its last three parts are its name.
    """
    stored_path = PurePosixPath(stored)
    return "/".join(stored_path.parts[-3:]) if stored_path.is_absolute() else stored


def _our_part_file(lake_dir: Path, path: Path) -> bool:
    """Whether `path` sits where and as wirehouse writes lake files."""
    relative = path.relative_to(lake_dir).parts
    return (
        len(relative) == 3
        and relative[0] in LAKE_TABLES
        and _PARTITION.fullmatch(relative[1]) is not None
        and _PART.fullmatch(relative[2]) is not None
    )


def _run_ids(path: Path) -> set[str] | None:
    """The run ids written in a lake file, or None if it is not a readable lake file."""
    try:
        column = pq.read_table(path, columns=["run_id"]).column("run_id")
    except (OSError, KeyError, pa.ArrowException):
        return None
    return {value for value in column.to_pylist() if value is not None} or None


def remove_orphans(
    lake_dir: Path, listed: set[str], known_runs: Callable[[], set[str]]
) -> tuple[list[Path], list[Path]]:
    """Delete the lake files a crashed run of *this* warehouse left; (removed, left alone).

    A lake file is deleted only when all of this holds, which proves this warehouse wrote it
    and never committed it:
    - it sits under our naming: `<table of LAKE_TABLES>/ingest_date=<date>/part-<key>.parquet`;
    - `lake_files` does not list it (by its name relative to the lake root, `listed`);
    - every `run_id` written in it is a run of this warehouse (`known_runs`: `ingest_runs`,
      which records a night before it writes anything, and `enrichment_runs`), and that run
      is over: a run holds the warehouse lock and calls this before writing.
    A file written by another warehouse sharing the lake, copied in by hand, or unreadable
    is left alone and reported. A temporary file is deleted only when its name carries a
    known run id (`write_parquet(owner=...)`). Before relative names, any unlisted Parquet
    file was deleted, so reaching the warehouse by another path emptied the lake.
    """
    removed: list[Path] = []
    left: list[Path] = []
    if not lake_dir.is_dir():
        return removed, left
    candidates = [
        path for path in sorted(lake_dir.glob("*/*/*.parquet")) if lake_name(path) not in listed
    ]
    temporaries = sorted(lake_dir.glob("*/*/.part-*.tmp"))
    if not candidates and not temporaries:
        return removed, left
    runs = known_runs()
    for path in candidates:
        written_by = _run_ids(path) if _our_part_file(lake_dir, path) else None
        if written_by is not None and written_by <= runs:
            path.unlink()
            removed.append(path)
        else:
            left.append(path)
    for tmp in temporaries:
        owner = _TMP.fullmatch(tmp.name)
        if owner is not None and owner.group("run") in runs:
            tmp.unlink(missing_ok=True)
    return removed, left
