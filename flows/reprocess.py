"""Re-enrichment, as Prefect sees it: migrate → select stories → the night's batch path
(re-enrich → publish to the lake → load) → check → finish → report. Raw wire files are not
read again."""

from __future__ import annotations

from datetime import date

from prefect import flow
from prefect.runtime import flow_run

from tasks.check import check
from tasks.finish import finish
from tasks.load import load
from tasks.migrate import migrate
from tasks.publish import publish_to_lake
from tasks.reprocess import reenrich, report_reprocess, run_name, select_stories
from wirehouse.locking import warehouse_run_lock
from wirehouse.reprocess import ReprocessChecksFailed, ReprocessSummary, new_run
from wirehouse.settings import load_settings
from wirehouse.warehouse import kept_open


@flow(name="reprocess-enrichment", flow_run_name=run_name)
def reprocess_enrichment(
    since: date, until: date | None = None, warehouse: str | None = None
) -> ReprocessSummary:
    """Re-enrich the stories ingested from `since` to `until` with the current NLP pipelines."""
    settings = load_settings(warehouse=warehouse)
    run = new_run(settings, flow_run_id=flow_run.get_id())
    # Same lock as the nightly run: the two never write the warehouse at once.
    with warehouse_run_lock(settings.warehouse, settings.lock_timeout_seconds):
        migrate(run)
        plan = select_stories(run, since, until)
        with kept_open(settings.warehouse):  # open once, to the finish: not once per load
            for batch in plan.batches:
                enriched = reenrich(batch, run)
                lake_batch = publish_to_lake(enriched, batch, run)
                load(lake_batch, None, batch, run)
            checks = check(run)
            times = finish(run, None, checks)
        summary = report_reprocess(run, plan, checks, times)
    if summary.failed_checks:
        # Replaced and reported; the run still ends Failed so the UI shows it.
        raise ReprocessChecksFailed(", ".join(c.name for c in summary.failed_checks))
    return summary
