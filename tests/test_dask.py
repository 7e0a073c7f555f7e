"""The nightly flow on a local 2-worker Dask cluster builds the same warehouse as the default
runner: workers parse, detect and enrich batches and write Parquet; the flow loads DuckDB.

Dask starts its worker processes with `spawn`, never `fork`, so they do not inherit the
Prefect test harness's threads (Prefect issue 19112); the timeout turns a hang into a failure.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bench.generator import generate
from tests.test_flow_e2e import SEEDS, content_of, query
from wirehouse.settings import Settings

pytestmark = [
    pytest.mark.usefixtures("prefect_harness"),
    pytest.mark.timeout(900),
    pytest.mark.slow,
]

TABLES = [
    ("articles", "article_id"),
    ("sentences", "article_id, part, sentence_index"),
    ("entities", "article_id, part, entity_index"),
    ("quotes", "article_id, quote_index"),
    ("keywords", "article_id, rank"),
    ("skipped_items", "source_file, item_index"),
]


def test_dask_cluster_builds_the_same_warehouse(tmp_path: Path) -> None:
    from distributed import LocalCluster

    from flows.nightly import nightly_flow, nightly_ingest

    inbox = tmp_path / "inbox"
    # The seeds (incl. three bad files) and every generated wire format: several batches.
    shutil.copytree(SEEDS, inbox)
    generate(inbox / "generated", 14, seed=5)
    default = Settings(inbox=inbox, warehouse=tmp_path / "default" / "w.duckdb")
    on_dask = Settings(inbox=inbox, warehouse=tmp_path / "dask" / "w.duckdb")

    nightly_ingest(inbox=str(inbox), warehouse=str(default.warehouse), batch_size=4)
    with LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster:
        address = cluster.scheduler_address
        summary = nightly_flow(address)(
            inbox=str(inbox), warehouse=str(on_dask.warehouse), batch_size=4
        )
        # The batch steps really ran on the cluster, and the load did not.
        ran_on_dask = set(cluster.scheduler.task_prefixes)
    assert ran_on_dask == {"read_batch", "enrich", "publish_to_lake"}
    assert summary.run["status"] == "completed"

    articles = query(on_dask, "SELECT count(*) FROM articles")[0][0]
    assert articles == query(default, "SELECT count(*) FROM articles")[0][0] >= 20
    for table, order in TABLES:
        assert content_of(on_dask, table, order) == content_of(default, table, order), table
    manifest = "SELECT path, sha256, status, reason FROM ingest_files ORDER BY path"
    assert query(on_dask, manifest) == query(default, manifest)
    # Every batch was loaded once, in order, by the flow process.
    batches = "SELECT count(DISTINCT batch_key) FROM lake_files"
    assert query(on_dask, batches) == query(default, batches) == [(6,)]
