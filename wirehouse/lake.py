"""The Parquet lake: hive-partitioned by ingest date, every file written atomically."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

COMPRESSION = "zstd"


def write_parquet(table: pa.Table, path: Path) -> Path:
    """Write `table` so that `path` is either absent or complete, never half-written."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        pq.write_table(table, tmp, compression=COMPRESSION)
        with tmp.open("rb") as handle:
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
    return path


def read_parquet(path: Path, schema: pa.Schema | None = None) -> pa.Table:
    return pq.read_table(path, schema=schema)


def lake_file(lake_dir: Path, table: str, ingest_date: date, batch_key: str) -> Path:
    return lake_dir / table / f"ingest_date={ingest_date.isoformat()}" / f"part-{batch_key}.parquet"


def remove_orphans(lake_dir: Path, loaded: set[str]) -> list[Path]:
    """Delete lake files no committed batch loaded (left by a run that crashed mid-way)."""
    removed: list[Path] = []
    if not lake_dir.exists():
        return removed
    for path in sorted(lake_dir.rglob("*.parquet")):
        if str(path) not in loaded:
            path.unlink()
            removed.append(path)
    for tmp in lake_dir.rglob(".*.tmp"):
        tmp.unlink(missing_ok=True)
    return removed
