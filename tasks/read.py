from __future__ import annotations

from prefect import get_run_logger, task

from tasks._common import IO_RETRIES, TASK_DEFAULTS
from wirehouse import stages
from wirehouse.discovery import Batch
from wirehouse.run_info import RunInfo
from wirehouse.timing import stage_timer


# One task run for parsing and detection: each task run costs Prefect's bookkeeping in this
# process and in its API server, more than detecting a batch's languages (bench/README.md).
@task(
    name="read",
    task_run_name="read — batch {batch.number}/{batch.total}",
    **TASK_DEFAULTS,
    **IO_RETRIES,
)
def read_batch(batch: Batch, run: RunInfo) -> stages.ReadBatch:
    """Read the batch's wire files into articles, quarantining what cannot be read, and tag
    every article with its language (langdetect, seeded) and probability."""
    logger = get_run_logger()
    with stage_timer(run.staging_dir, "parse"):
        parsed = stages.parse(batch, run)
    logger.info(
        "batch %d/%d: %d files → %d articles; %d quarantined",
        batch.number,
        batch.total,
        len(batch.files),
        parsed.article_count,
        parsed.quarantined,
    )
    with stage_timer(
        run.staging_dir, "detect_language", logger, f"batch {batch.number}/{batch.total}"
    ):
        languages = stages.detect_languages(parsed, run)
    return stages.ReadBatch(parsed, languages)
