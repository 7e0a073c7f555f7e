from __future__ import annotations

from prefect import get_run_logger, task

from tasks._common import IO_RETRIES, TASK_DEFAULTS
from wirehouse import stages
from wirehouse.timing import stage_timer
from wirehouse.warehouse import LakeBatch


@task(
    name="write-parquet",
    task_run_name="write parquet — batch {batch.number}/{batch.total}",
    **TASK_DEFAULTS,
    **IO_RETRIES,
)
def write_parquet(
    enriched: stages.EnrichedPaths, batch: stages.Batch, run: stages.RunInfo
) -> LakeBatch:
    """Publish the batch's tables to the Parquet lake, atomically."""
    with stage_timer(
        run.staging_dir, "write_parquet", get_run_logger(), f"batch {batch.number}/{batch.total}"
    ):
        return stages.write_lake(enriched, batch, run)
