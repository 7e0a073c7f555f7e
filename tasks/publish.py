from __future__ import annotations

from prefect import get_run_logger, task

from tasks._common import IO_RETRIES, TASK_DEFAULTS
from wirehouse import batch_path
from wirehouse.batch_path import Enriched
from wirehouse.discovery import Batch
from wirehouse.reprocess import ReprocessBatch
from wirehouse.run_info import RunInfo
from wirehouse.timing import stage_timer
from wirehouse.warehouse import LakeBatch


@task(
    name="publish-to-lake",
    task_run_name="publish to the lake — batch {batch.number}/{batch.total}",
    **TASK_DEFAULTS,
    **IO_RETRIES,
)
def publish_to_lake(enriched: Enriched, batch: Batch | ReprocessBatch, run: RunInfo) -> LakeBatch:
    """Move the batch's staged tables into the Parquet lake, atomically, file by file."""
    with stage_timer(
        run.staging_dir, "publish", get_run_logger(), f"batch {batch.number}/{batch.total}"
    ):
        return batch_path.publish(enriched, run.settings.lake_dir)
