from __future__ import annotations

from prefect import get_run_logger, task

from tasks._common import TASK_DEFAULTS
from wirehouse import stages
from wirehouse.discovery import Batch
from wirehouse.reprocess import ReprocessBatch
from wirehouse.run_info import RunInfo
from wirehouse.timing import stage_timer
from wirehouse.warehouse import LakeBatch


@task(name="load", task_run_name="load — batch {batch.number}/{batch.total}", **TASK_DEFAULTS)
def load(
    lake_batch: LakeBatch,
    parsed: stages.ParsedBatch | None,
    batch: Batch | ReprocessBatch,
    run: RunInfo,
) -> int:
    """Load the batch into DuckDB in one transaction (idempotent: replace, then insert)."""
    with stage_timer(run.staging_dir, "load"):
        stories = stages.load(lake_batch, parsed, run)
    what = "replaced the enrichment of %d stories" if parsed is None else "loaded %d articles"
    get_run_logger().info(f"batch %d/%d: {what}", batch.number, batch.total, stories)
    return stories
