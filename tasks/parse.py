from __future__ import annotations

from prefect import get_run_logger, task

from tasks._common import IO_RETRIES, TASK_DEFAULTS
from wirehouse import stages
from wirehouse.discovery import Batch
from wirehouse.run_info import RunInfo
from wirehouse.timing import stage_timer


@task(
    name="parse",
    task_run_name="parse — batch {batch.number}/{batch.total}",
    **TASK_DEFAULTS,
    **IO_RETRIES,
)
def parse(batch: Batch, run: RunInfo) -> stages.ParsedBatch:
    """Read the batch's wire files into articles; quarantine what cannot be read."""
    with stage_timer(run.staging_dir, "parse"):
        parsed = stages.parse(batch, run)
    get_run_logger().info(
        "batch %d/%d: %d files → %d articles; %d quarantined",
        batch.number,
        batch.total,
        len(batch.files),
        parsed.article_count,
        parsed.quarantined,
    )
    return parsed
