from __future__ import annotations

from prefect import get_run_logger, task

from tasks._common import TASK_DEFAULTS
from wirehouse import stages
from wirehouse.batch_path import Enriched
from wirehouse.discovery import Batch
from wirehouse.run_info import RunInfo
from wirehouse.timing import stage_timer


@task(name="enrich", task_run_name="enrich — batch {batch.number}/{batch.total}", **TASK_DEFAULTS)
def enrich(read: stages.ReadBatch, batch: Batch, run: RunInfo) -> Enriched:
    """spaCy over the batch: sentences, entities, normalised names, quotes, keywords."""
    with stage_timer(
        run.staging_dir, "enrich", get_run_logger(), f"batch {batch.number}/{batch.total}"
    ):
        return stages.enrich(read.parsed, read.languages, batch, run)
