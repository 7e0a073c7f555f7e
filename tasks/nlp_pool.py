from __future__ import annotations

from prefect import get_run_logger, task

from tasks._common import TASK_DEFAULTS
from wirehouse import stages
from wirehouse.discovery import Plan
from wirehouse.run_info import RunInfo
from wirehouse.timing import stage_timer


@task(name="start-nlp-pool", task_run_name="start spaCy workers", **TASK_DEFAULTS)
def start_nlp_pool(run: RunInfo, plan: Plan) -> int:
    """Start the spaCy workers in the background, to load their models while parsing runs."""
    with stage_timer(run.staging_dir, "start_nlp_pool"):
        processes = stages.start_nlp_pool(run, plan)
    if processes:
        get_run_logger().info("starting %d spaCy worker processes", processes)
    return processes
