from __future__ import annotations

from prefect import get_run_logger, task

from tasks._common import TASK_DEFAULTS
from wirehouse import stages
from wirehouse.run_info import RunInfo
from wirehouse.timing import stage_timer
from wirehouse.warehouse import CheckResult


@task(name="check", task_run_name="data checks", **TASK_DEFAULTS)
def check(run: RunInfo) -> list[CheckResult]:
    """Run the data checks in sql/checks/ and record their results."""
    with stage_timer(run.staging_dir, "check"):
        results = stages.check(run)
    logger = get_run_logger()
    for result in results:
        if not result.passed:
            logger.error(
                "data check %s FAILED on %d rows: %s (e.g. %s)",
                result.name,
                result.failing_rows,
                result.description,
                result.sample[:2],
            )
    logger.info("data checks: %d/%d passed", sum(r.passed for r in results), len(results))
    return results
