"""Thin task wrappers over `wirehouse.reprocess`, named so the UI says what each did."""

from __future__ import annotations

from datetime import date

from prefect import get_run_logger, task
from prefect.artifacts import create_markdown_artifact
from prefect.runtime import flow_run

from tasks._common import IO_RETRIES, TASK_DEFAULTS
from wirehouse import lake
from wirehouse import reprocess as rp
from wirehouse.stages import RunInfo
from wirehouse.timing import stage_seconds, stage_timer
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
def reenrich(batch: rp.ReprocessBatch, run: RunInfo) -> rp.Reenriched:
    """spaCy with the current pipelines over the batch's stories."""
    with stage_timer(run.staging_dir, "enrich"):
        reenriched = rp.reenrich(batch, run)
    pipelines = lake.read_parquet(reenriched.pipelines)
    names = sorted(
        {
            f"{name} {version}"
            for name, version in zip(
                pipelines.column("nlp_pipeline").to_pylist(),
                pipelines.column("nlp_pipeline_version").to_pylist(),
                strict=True,
            )
        }
    )
    get_run_logger().info(
        "batch %d/%d: %d stories re-enriched with %s",
        batch.number,
        batch.total,
        pipelines.num_rows,
        ", ".join(names),
    )
    return reenriched


@task(
    name="write-enrichment",
    task_run_name="write parquet — batch {batch.number}/{batch.total}",
    **TASK_DEFAULTS,
    **IO_RETRIES,
)
def write_enrichment(
    reenriched: rp.Reenriched, batch: rp.ReprocessBatch, run: RunInfo
) -> rp.EnrichmentBatch:
    """Publish the new enrichment to the lake under this run's batch key, atomically."""
    with stage_timer(run.staging_dir, "write_parquet"):
        return rp.publish(reenriched, batch, run)


@task(
    name="replace-enrichment",
    task_run_name="replace enrichment — batch {batch.number}/{batch.total}",
    **TASK_DEFAULTS,
)
def replace_enrichment(
    published: rp.EnrichmentBatch, batch: rp.ReprocessBatch, run: RunInfo
) -> int:
    """Swap the batch's enrichment rows in one DuckDB transaction (idempotent)."""
    with stage_timer(run.staging_dir, "load"):
        stories = rp.replace(published, run)
    get_run_logger().info(
        "batch %d/%d: replaced the enrichment of %d stories", batch.number, batch.total, stories
    )
    return stories


@task(name="report-reprocess", task_run_name="report", **TASK_DEFAULTS)
def report(run: RunInfo, plan: rp.ReprocessPlan, checks: list[CheckResult]) -> rp.ReprocessSummary:
    """Publish what changed as a markdown artifact; clear the run's staging files."""
    summary = rp.summarize(run, plan, checks, stage_seconds(run.staging_dir))
    rp.finish(run)
    create_markdown_artifact(
        key="reprocess-enrichment-report",
        markdown=rp.to_markdown(summary),
        description=rp.headline(summary),
    )
    get_run_logger().info(rp.headline(summary))
    return summary
