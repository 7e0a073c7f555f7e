from __future__ import annotations

from prefect import get_run_logger, task

from tasks._common import TASK_DEFAULTS
from wirehouse import stages
from wirehouse.timing import stage_timer
from wirehouse.warehouse import LakeBatch


@task(name="load", task_run_name="load — batch {batch.number}/{batch.total}", **TASK_DEFAULTS)
def load(lake_batch: LakeBatch, batch: stages.Batch, run: stages.RunInfo) -> int:
    """Load the batch into DuckDB in one transaction (idempotent: replace, then insert)."""
    with stage_timer(run.staging_dir, "load"):
        articles = stages.load(lake_batch, run)
    get_run_logger().info("batch %d/%d: loaded %d articles", batch.number, batch.total, articles)
    return articles
