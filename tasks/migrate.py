from __future__ import annotations

from prefect import get_run_logger, task

from tasks._common import TASK_DEFAULTS
from wirehouse import stages
from wirehouse.paths import to_text
from wirehouse.run_info import RunInfo
from wirehouse.timing import stage_timer


@task(name="migrate", task_run_name="migrate the warehouse", **TASK_DEFAULTS)
def migrate(run: RunInfo) -> list[int]:
    """Create or migrate the warehouse and refresh its views, once, before the run opens it."""
    with stage_timer(run.staging_dir, "migrate"):
        applied = stages.migrate(run)
    if applied:
        get_run_logger().info(
            "warehouse %s: applied migrations %s",
            to_text(run.settings.warehouse),
            ", ".join(f"{n:03d}" for n in applied),
        )
    return applied
