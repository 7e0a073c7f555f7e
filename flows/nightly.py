"""The night, as Prefect sees it: migrate → discover → start spaCy → read (parse, detect
language) → enrich → publish to the lake → load → cluster → check → finish → report."""

from __future__ import annotations

from functools import partial

from prefect import Flow, flow, get_run_logger
from prefect.runtime import flow_run

from tasks.check import check
from tasks.cluster import cluster
from tasks.discover import discover
from tasks.enrich import enrich
from tasks.finish import finish
from tasks.load import load
from tasks.migrate import migrate
from tasks.nlp_pool import start_nlp_pool
from tasks.publish import publish_to_lake
from tasks.read import read_batch
from tasks.report import report
from wirehouse.batching import (
    StepChain,
    dask_address_of_this_run,
    in_flight,
    in_order,
    no_futures,
    task_runner,
)
from wirehouse.discovery import Batch
from wirehouse.locking import warehouse_run_lock
from wirehouse.night_report import DataChecksFailed, RunSummary
from wirehouse.progress import track_night
from wirehouse.recovery import run_guard
from wirehouse.run_info import RunInfo, new_run, run_name
from wirehouse.settings import check_runnable, load_settings
from wirehouse.warehouse import kept_open


# The task runner is chosen where the flow is called (`nightly_flow`); this default is
# WIREHOUSE_DASK_ADDRESS's when the module is imported (a deployment's process).
@flow(name="nightly-ingest", flow_run_name=run_name, task_runner=task_runner())
def nightly_ingest(
    inbox: str | None = None, warehouse: str | None = None, batch_size: int | None = None
) -> RunSummary:
    """Load tonight's new wire files from the inbox into the warehouse."""
    settings = load_settings(inbox=inbox, warehouse=warehouse, batch_size=batch_size)
    # Where the batch steps run is the runner's to say, whatever the environment says now.
    settings = settings.model_copy(update={"dask_address": dask_address_of_this_run()})
    check_runnable(settings)
    run = new_run(settings, flow_run_id=flow_run.get_id())
    # The guard records a failed run and clears its staging; the next run recovers the rest.
    with warehouse_run_lock(settings.warehouse, settings.lock_timeout_seconds), run_guard(run):
        migrate(run)
        plan = discover(run)
        start_nlp_pool(run, no_futures(plan))
        # Batches run on the task runner (here, or Dask workers); this process loads them in
        # batch order, as DuckDB's single writer, into a warehouse it keeps open to the finish.
        batches = in_order(plan.batches, partial(process_batch, run=run), in_flight(settings))
        with kept_open(settings.warehouse):
            with track_night(plan.files_new, len(plan.batches), get_run_logger()) as progress:
                for batch, (read, lake_batch) in batches:
                    load(lake_batch, read.parsed, no_futures(batch), run)
                    progress.advance(len(batch.files), lake_batch.articles, lake_batch.words)
            cluster(run)
            checks = check(run)
            times = finish(run, no_futures(plan), checks)
        summary = report(run, times)
    if summary.failed_checks:
        # Data is loaded and reported; the run still ends Failed so the morning sees it.
        raise DataChecksFailed(summary)
    return summary


def process_batch(batch: Batch, run: RunInfo) -> StepChain:
    """read → enrich → publish, submitted to the flow's task runner."""
    # Futures go in as arguments: Prefect resolves them, on the worker when it is Dask's.
    files = no_futures(batch)
    read = read_batch.submit(files, run)
    enriched = enrich.submit(read, files, run)  # type: ignore[call-overload]
    published = publish_to_lake.submit(enriched, files, run)
    return StepChain(read, enriched, published)


def nightly_flow(dask_address: str | None = None) -> Flow[..., RunSummary]:
    """The flow on the task runner chosen now: Dask at this address or WIREHOUSE_DASK_ADDRESS."""
    return nightly_ingest.with_options(task_runner=task_runner(dask_address))
