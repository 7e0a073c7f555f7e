"""The night, as Prefect sees it: discover → parse → detect language → enrich →
write Parquet → load → check → report."""

from __future__ import annotations

from prefect import flow
from prefect.runtime import flow_run

from tasks.check import check
from tasks.discover import discover
from tasks.enrich import enrich
from tasks.lake import write_parquet
from tasks.language import detect_language
from tasks.load import load
from tasks.parse import parse
from tasks.report import report
from wirehouse.locking import warehouse_run_lock
from wirehouse.report import DataChecksFailed, RunSummary
from wirehouse.settings import load_settings
from wirehouse.stages import new_run, run_name


@flow(name="nightly-ingest", flow_run_name=run_name)
def nightly_ingest(
    inbox: str | None = None, warehouse: str | None = None, batch_size: int | None = None
) -> RunSummary:
    """Load tonight's new wire files from the inbox into the warehouse."""
    settings = load_settings(inbox=inbox, warehouse=warehouse, batch_size=batch_size)
    run = new_run(settings, flow_run_id=flow_run.get_id())
    with warehouse_run_lock(settings.warehouse, settings.lock_timeout_seconds):
        plan = discover(run)
        for batch in plan.batches:
            parsed = parse(batch, run)
            detected = detect_language(parsed, batch, run)
            enriched = enrich(detected, parsed, batch, run)
            lake_batch = write_parquet(enriched, batch, run)
            load(lake_batch, batch, run)
        checks = check(run)
        summary = report(run, plan, checks)
    if summary.failed_checks:
        # Data is loaded and reported; the run still ends Failed so the morning sees it.
        raise DataChecksFailed(summary)
    return summary
