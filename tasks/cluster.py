from __future__ import annotations

from prefect import get_run_logger, task

from tasks._common import TASK_DEFAULTS
from wirehouse import stages
from wirehouse.run_info import RunInfo
from wirehouse.timing import stage_timer


@task(name="cluster", task_run_name="cluster stories", **TASK_DEFAULTS)
def cluster(run: RunInfo) -> int:
    """Assign tonight's stories to clusters of the same story (from stored signatures)."""
    with stage_timer(run.staging_dir, "cluster"):
        assigned = stages.cluster(run)
    get_run_logger().info("story clusters: %d stories assigned", assigned)
    return assigned
