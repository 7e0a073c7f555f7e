from __future__ import annotations

from pathlib import Path

from prefect import get_run_logger, task

from tasks._common import TASK_DEFAULTS
from wirehouse import stages
from wirehouse.discovery import Batch
from wirehouse.run_info import RunInfo
from wirehouse.timing import stage_timer


@task(
    name="detect-language",
    task_run_name="detect language — batch {batch.number}/{batch.total}",
    **TASK_DEFAULTS,
)
def detect_language(parsed: stages.ParsedBatch, batch: Batch, run: RunInfo) -> Path:
    """Tag every article with its language (langdetect, seeded) and probability."""
    with stage_timer(
        run.staging_dir, "detect_language", get_run_logger(), f"batch {batch.number}/{batch.total}"
    ):
        return stages.detect_languages(parsed, run)
