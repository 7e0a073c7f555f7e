from __future__ import annotations

from prefect import task

from tasks._common import TASK_DEFAULTS
from wirehouse import stages
from wirehouse.discovery import Plan
from wirehouse.run_info import RunInfo
from wirehouse.warehouse import CheckResult


@task(name="finish", task_run_name="finish the run", **TASK_DEFAULTS)
def finish(run: RunInfo, plan: Plan | None, checks: list[CheckResult]) -> stages.StageTimes:
    """Record how the run ended (a night's counts), and remove its staging files."""
    return stages.finish(run, plan, checks)
