"""The night's clustering step against the warehouse: read signatures, assign, insert."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import duckdb
import pyarrow as pa

from wirehouse import lake, sql
from wirehouse.clusters.assign import Membership, Story, assign
from wirehouse.schema import STORY_CLUSTERS


def cluster_new_stories(
    con: duckdb.DuckDBPyConnection,
    run_id: str,
    staging_dir: Path,
    *,
    window_days: float,
    threshold: float,
) -> list[Membership]:
    """Assign every story without a cluster; returns the new memberships (none on a re-run)."""
    new = [Story(*row) for row in con.execute(sql.statement("cluster_new_stories")).fetchall()]
    if not new:
        return []
    window = timedelta(days=window_days)
    since = min(s.seen_at for s in new) - window
    window_rows = con.execute(sql.statement("cluster_window"), {"since": since}).fetchall()
    # (cluster_id, article_id, story_id, minhash, shingles, first_seen, in_window)
    known = [(Story(*row[1:6]), row[0]) for row in window_rows if row[6]]
    firsts = {row[1]: Story(*row[1:6]) for row in window_rows if row[0] == row[1]}
    memberships = assign(known, firsts, new, window=window, threshold=threshold)
    rows = [
        {
            "cluster_id": m.cluster_id,
            "article_id": m.article_id,
            "similarity": m.similarity,
            "first_seen": m.first_seen,
            "run_id": run_id,
        }
        for m in memberships
    ]
    path = lake.write_parquet(
        pa.Table.from_pylist(rows, schema=STORY_CLUSTERS), staging_dir / "story_clusters.parquet"
    )
    con.begin()
    try:
        con.execute(sql.table_statement("insert_parquet", "story_clusters"), {"path": str(path)})
        con.commit()
    except Exception:
        con.rollback()
        raise
    return memberships
