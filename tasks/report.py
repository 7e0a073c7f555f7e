from __future__ import annotations

from prefect import get_run_logger, task
from prefect.artifacts import create_markdown_artifact, create_table_artifact

from tasks._common import TASK_DEFAULTS
from wirehouse import report as reporting
from wirehouse import stages
from wirehouse.timing import stage_seconds
from wirehouse.warehouse import CheckResult, open_warehouse


@task(name="report", task_run_name="report", **TASK_DEFAULTS)
def report(
    run: stages.RunInfo, plan: stages.Plan, checks: list[CheckResult]
) -> reporting.RunSummary:
    """Close the run's record and publish its summary as Prefect artifacts."""
    status = "completed" if all(c.passed for c in checks) else "checks_failed"
    timings = stage_seconds(run.staging_dir)
    cpu_timings = stage_seconds(run.staging_dir, "cpu_seconds")
    stages.finish(run, plan, status)
    with open_warehouse(run.settings.warehouse, read_only=True) as con:
        summary = reporting.summarize(con, run.run_id)
    summary.stage_seconds = timings
    summary.stage_cpu_seconds = cpu_timings
    create_markdown_artifact(
        key="nightly-ingest-report",
        markdown=reporting.to_markdown(summary),
        description=reporting.headline(summary),
    )
    if summary.quarantined:
        create_table_artifact(
            key="nightly-ingest-quarantine",
            table=[{"path": f["path"], "reason": f["reason"]} for f in summary.quarantined],
            description="Files quarantined tonight, with the reason",
        )
    get_run_logger().info(reporting.headline(summary))
    return summary
