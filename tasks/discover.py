from __future__ import annotations

from prefect import get_run_logger, task

from tasks._common import IO_RETRIES, TASK_DEFAULTS
from wirehouse import discovery
from wirehouse.discovery import Plan
from wirehouse.paths import to_text
from wirehouse.run_info import RunInfo
from wirehouse.timing import stage_timer


@task(name="discover", task_run_name="discover new files", **TASK_DEFAULTS, **IO_RETRIES)
def discover(run: RunInfo) -> Plan:
    """Scan the inbox and decide, by content hash, which files are new tonight."""
    with stage_timer(run.staging_dir, "discover"):
        plan = discovery.discover(run)
    get_run_logger().info(
        "inbox %s: %d files, %d new, %d unchanged, %d duplicate → %d batches",
        to_text(run.settings.inbox),
        plan.files_seen,
        plan.files_new,
        plan.files_unchanged,
        plan.files_duplicate,
        len(plan.batches),
    )
    return plan
