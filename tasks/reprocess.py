"""Thin task wrappers over `wirehouse.reprocess`, named so the UI says what each did. The
batch path after enrichment (publish, load) is the night's own tasks."""

from __future__ import annotations

from datetime import date

from prefect import get_run_logger, task
from prefect.artifacts import create_markdown_artifact
from prefect.runtime import flow_run

from tasks._common import TASK_DEFAULTS
from wirehouse import reprocess as rp
from wirehouse.batch_path import Enriched
from wirehouse.run_info import RunInfo
from wirehouse.stages import StageTimes
from wirehouse.timing import stage_timer
from wirehouse.warehouse import CheckResult


def run_name() -> str:
    """Flow-run name for the Prefect UI: which ingest dates were re-enriched."""
    params = flow_run.get_parameters()
    since, until = params.get("since"), params.get("until")
    return f"reprocess {since} … {until}" if until else f"reprocess since {since}"


@task(name="select-stories", task_run_name="select stories", **TASK_DEFAULTS)
def select_stories(run: RunInfo, since: date, until: date | None) -> rp.ReprocessPlan:
    """Read the range's stories from the warehouse into staged batches (no raw files)."""
    with stage_timer(run.staging_dir, "select"):
        plan = rp.plan(run, since, until)
    get_run_logger().info(
        "%d stories ingested %s → %d batches", plan.stories, plan.range_text, len(plan.batches)
    )
    return plan


@task(
    name="re-enrich",
    task_run_name="re-enrich — batch {batch.number}/{batch.total} ({batch.ingest_date})",
    **TASK_DEFAULTS,
)
def reenrich(batch: rp.ReprocessBatch, run: RunInfo) -> Enriched:
    """spaCy with the current pipelines over the batch's stories."""
    with stage_timer(run.staging_dir, "enrich"):
        enriched = rp.enrich(batch, run)
    logger = get_run_logger()
    for article_id, reason in sorted(enriched.failures.items()):
        logger.warning("story %s keeps its enrichment: %s", article_id, reason)
    logger.info(
        "batch %d/%d: %d stories re-enriched with %s",
        batch.number,
        batch.total,
        enriched.articles,
        ", ".join(enriched.pipeline_names),
    )
    return enriched


@task(name="report-reprocess", task_run_name="report", **TASK_DEFAULTS)
def report_reprocess(
    run: RunInfo, plan: rp.ReprocessPlan, checks: list[CheckResult], times: StageTimes
) -> rp.ReprocessSummary:
    """Publish what changed as a markdown artifact."""
    summary = rp.summarize(run, plan, checks, times.seconds)
    create_markdown_artifact(
        key="reprocess-enrichment-report",
        markdown=rp.to_markdown(summary),
        description=rp.headline(summary),
    )
    get_run_logger().info(rp.headline(summary))
    return summary
