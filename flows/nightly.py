"""The night, as Prefect sees it: discover → parse → detect language → enrich →
write Parquet → load → cluster → check → report."""

from __future__ import annotations

from functools import partial

from prefect import Flow, flow, get_run_logger
from prefect.runtime import flow_run

from tasks.check import check
from tasks.cluster import cluster
from tasks.discover import discover
from tasks.enrich import enrich
from tasks.lake import write_parquet
from tasks.language import detect_language
from tasks.load import load
from tasks.parse import parse
from tasks.report import report
from wirehouse.batching import StepChain, in_flight, in_order, task_runner
from wirehouse.locking import warehouse_run_lock
from wirehouse.progress import track_night
from wirehouse.recovery import run_guard
from wirehouse.report import DataChecksFailed, RunSummary
from wirehouse.settings import check_runnable, load_settings
from wirehouse.stages import Batch, RunInfo, new_run, run_name


@flow(name="nightly-ingest", flow_run_name=run_name, task_runner=task_runner())
def nightly_ingest(
    inbox: str | None = None,
    warehouse: str | None = None,
    batch_size: int | None = None,
    dask_address: str | None = None,
) -> RunSummary:
    """Load tonight's new wire files from the inbox into the warehouse."""
    settings = load_settings(
        inbox=inbox, warehouse=warehouse, batch_size=batch_size, dask_address=dask_address
    )
    check_runnable(settings)
    run = new_run(settings, flow_run_id=flow_run.get_id())
    # The guard records a failed run and clears its staging; the next run recovers the rest.
    with warehouse_run_lock(settings.warehouse, settings.lock_timeout_seconds), run_guard(run):
        plan = discover(run)
        # Batches run on the task runner (here, or Dask workers); this process loads them in
        # batch order, as DuckDB's single writer.
        batches = in_order(plan.batches, partial(process_batch, run=run), in_flight(settings))
        with track_night(plan.files_new, len(plan.batches), get_run_logger()) as progress:
            for batch, lake_batch in batches:
                load(lake_batch, batch, run)
                progress.advance(len(batch.files), lake_batch.articles, lake_batch.words)
        cluster(run)
        checks = check(run)
        summary = report(run, plan, checks)
    if summary.failed_checks:
        # Data is loaded and reported; the run still ends Failed so the morning sees it.
        raise DataChecksFailed(summary)
    return summary


def process_batch(batch: Batch, run: RunInfo) -> StepChain:
    """parse → detect language → enrich → write Parquet, submitted to the flow's task runner."""
    # Futures go in as arguments: Prefect resolves them, on the worker when it is Dask's.
    parsed = parse.submit(batch, run)
    detected = detect_language.submit(parsed, batch, run)  # type: ignore[call-overload]
    enriched = enrich.submit(detected, parsed, batch, run)  # type: ignore[call-overload]
    written = write_parquet.submit(enriched, batch, run)
    return StepChain(parsed, detected, enriched, written)


def nightly_flow(dask_address: str | None = None) -> Flow[..., RunSummary]:
    """The flow on the task runner chosen now: Dask at this address or WIREHOUSE_DASK_ADDRESS."""
    return nightly_ingest.with_options(task_runner=task_runner(dask_address))
