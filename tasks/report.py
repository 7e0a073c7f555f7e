from __future__ import annotations

from prefect import get_run_logger, task
from prefect.artifacts import create_markdown_artifact, create_table_artifact

from tasks._common import TASK_DEFAULTS
from wirehouse import night_report as reporting
from wirehouse import stages
from wirehouse.run_info import RunInfo
from wirehouse.warehouse import open_warehouse


@task(name="report", task_run_name="report", **TASK_DEFAULTS)
def report(run: RunInfo, times: stages.StageTimes) -> reporting.RunSummary:
    """Publish the finished run's summary as Prefect artifacts."""
    with open_warehouse(run.settings.warehouse, read_only=True) as con:
        summary = reporting.summarize(con, run.run_id)
    summary.stage_seconds = times.seconds
    summary.stage_cpu_seconds = times.cpu_seconds
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
