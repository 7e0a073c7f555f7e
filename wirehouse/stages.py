"""The steps of the night as plain functions: Prefect-free, typed, testable.

Each step reads the Parquet files the previous one wrote and writes its own, so steps hand
each other paths (and counts), not data; `tasks/` wraps each in a Prefect task. The first,
discovery, is `wirehouse.discovery`. From enrich on, a night's batch takes the one batch path
(`wirehouse.batch_path`) that reprocessing takes too.
"""

from __future__ import annotations

import logging
import shutil
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.compute as pc

from wirehouse import batch_path, lake, sql
from wirehouse.batch_path import Enriched, Target
from wirehouse.discovery import Batch, Plan
from wirehouse.errors import night_failure, writing
from wirehouse.language import UNDETERMINED, detect_language
from wirehouse.nlp.isolation import failure_reason
from wirehouse.parsing import parse_files
from wirehouse.quarantine import apply_failures
from wirehouse.run_info import RunInfo
from wirehouse.schema import DETECTED, FILE_OUTCOMES, LANGUAGES, PARSED, SKIPPED_ITEMS
from wirehouse.timing import stage_seconds
from wirehouse.warehouse import (
    CheckResult,
    FileOutcomes,
    LakeBatch,
    load_batch,
    migrate_warehouse,
    open_warehouse,
    run_checks,
)

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class ParsedBatch:
    """The parse step's staging files, and their counts (so nobody reads them back to count)."""

    articles: Path  # PARSED
    outcomes: Path  # FILE_OUTCOMES: straight to the load
    skipped: Path  # SKIPPED_ITEMS: straight to the load
    article_count: int
    quarantined: int
    skipped_items: int


@dataclass(frozen=True, slots=True)
class ReadBatch:
    """A batch as read: its parse step's files and the languages detected in its stories."""

    parsed: ParsedBatch
    languages: Path  # LANGUAGES


@dataclass(frozen=True, slots=True)
class StageTimes:
    """A run's seconds per stage (wall, and CPU of the threads that ran it)."""

    seconds: dict[str, float]
    cpu_seconds: dict[str, float]


def migrate(run: RunInfo) -> list[int]:
    """Create or migrate the warehouse and refresh its views: once per run, before anything
    else opens it. Returns the migrations applied now."""
    try:
        return migrate_warehouse(run.settings.warehouse)
    except (OSError, duckdb.Error) as exc:
        failure = night_failure(exc, run.settings.warehouse)
        if failure is None:
            raise
        raise failure from None


def start_nlp_pool(run: RunInfo, plan: Plan) -> int:
    """Start the spaCy workers, which load their models while the first batch is parsed;
    returns how many were started (0: the run enriches here, or on Dask)."""
    settings = run.settings
    # Files that could not be read are quarantined without NLP: no reason to start it.
    readable = any(not file.error for batch in plan.batches for file in batch.files)
    if not readable or settings.dask_address:
        return 0
    from wirehouse.nlp.worker_context import effective_processes, start_fork_server

    # Not for a handful of files: one story is enriched here, and the run would otherwise end
    # waiting for a pool it never used.
    processes = effective_processes(settings.nlp_processes)
    if plan.files_new <= processes or processes <= 1:
        return 0
    # The fork server loads the pipelines on the other core while this process imports
    # spaCy for the pool (~1 CPU-s) and parses the first batches.
    start_fork_server()
    from wirehouse.nlp.pool import start_pool

    start_pool(settings, processes)
    return processes


def parse(batch: Batch, run: RunInfo) -> ParsedBatch:
    parsed = parse_files(
        batch.files,
        run.run_id,
        ingested_at=run.started_at,
        max_file_bytes=run.settings.max_file_bytes,
        duplicates=batch.duplicates,
        inbox=run.settings.inbox,
    )
    out = batch.staging(run)
    with writing(run.staging_dir):
        return ParsedBatch(
            articles=lake.write_parquet(parsed.articles, out / "parsed.parquet"),
            outcomes=lake.write_parquet(parsed.outcomes, out / "outcomes.parquet"),
            skipped=lake.write_parquet(parsed.skipped, out / "skipped.parquet"),
            article_count=parsed.articles.num_rows,
            quarantined=parsed.outcomes.column("status").to_pylist().count("quarantined"),
            skipped_items=parsed.skipped.num_rows,
        )


def detect_languages(parsed: ParsedBatch, run: RunInfo) -> Path:
    """Each story's language, beside the parsed batch (`LANGUAGES`: nothing else is written
    again). A story the detector fails on gets the reason, for `enrich` to leave it out."""
    articles = lake.read_parquet(parsed.articles, PARSED).select(["article_id", "headline", "body"])
    max_chars, trials = run.settings.langdetect_max_chars, run.settings.langdetect_trials
    rows = []
    for article_id, headline, body in zip(
        articles.column("article_id").to_pylist(),
        articles.column("headline").to_pylist(),
        articles.column("body").to_pylist(),
        strict=True,
    ):
        text = f"{headline}\n\n{body}" if headline else body
        try:
            lang, prob = detect_language(text, max_chars, trials)
            failure = None
        except Exception as exc:  # a detector bug costs this story, not the batch
            lang, prob = UNDETERMINED, None
            failure = failure_reason("detect language", exc)
            log.warning("story %s quarantined: %s", article_id, failure)
        rows.append({"article_id": article_id, "lang": lang, "lang_prob": prob, "failure": failure})
    with writing(run.staging_dir):
        return lake.write_parquet(
            pa.Table.from_pylist(rows, schema=LANGUAGES),
            parsed.articles.with_name("languages.parquet"),
        )


def enrich(parsed: ParsedBatch, languages: Path, batch: Batch, run: RunInfo) -> Enriched:
    """The batch's new stories, with their languages, down the one batch path."""
    articles = lake.read_parquet(parsed.articles, PARSED)
    detected = lake.read_parquet(languages, LANGUAGES)
    failures = {
        article_id: reason
        for article_id, reason in zip(
            detected.column("article_id").to_pylist(),
            detected.column("failure").to_pylist(),
            strict=True,
        )
        if reason is not None
    }
    # Both files hold the batch's stories in the parse order: the columns line up.
    stories = (
        articles.append_column("lang", detected.column("lang"))
        .append_column("lang_prob", detected.column("lang_prob"))
        .filter(pc.is_null(detected.column("failure")))
        .cast(DETECTED)
    )
    target = Target(
        batch_key=batch.key,
        run_id=run.run_id,
        ingest_date=run.ingest_date,
        ingested_at=run.started_at,
        staging=batch.staging(run),
        new_articles=True,
    )
    enriched = batch_path.enrich(stories, target, run.settings)
    if failures:
        enriched = replace(enriched, failures={**failures, **enriched.failures})
    return enriched


def load(lake_batch: LakeBatch, parsed: ParsedBatch | None, run: RunInfo) -> int:
    """Load one batch into the warehouse in one transaction; returns the stories loaded.

    New stories' files (`parsed`) get their outcomes straight from the parse step, unless
    stories failed after it (detection, enrichment): then those are corrected first (rare).
    Re-enriched stories (no `parsed`) have no files to record."""
    files = None
    if parsed is not None and lake_batch.failures:
        files = _with_failures(lake_batch.failures, parsed, run)
    elif parsed is not None:
        files = FileOutcomes(parsed.outcomes, parsed.skipped if parsed.skipped_items else None)
    with open_warehouse(run.settings.warehouse) as con:
        load_batch(con, lake_batch, processed_at=datetime.now(UTC), files=files)
    return lake_batch.articles


def _with_failures(failures: dict[str, str], parsed: ParsedBatch, run: RunInfo) -> FileOutcomes:
    out = parsed.articles.parent
    outcomes, skipped = apply_failures(
        failures,
        lake.read_parquet(parsed.articles, PARSED),
        lake.read_parquet(parsed.outcomes, FILE_OUTCOMES),
        lake.read_parquet(parsed.skipped, SKIPPED_ITEMS),
    )
    with writing(run.staging_dir):
        return FileOutcomes(
            lake.write_parquet(outcomes, out / "outcomes-enriched.parquet"),
            lake.write_parquet(skipped, out / "skipped-enriched.parquet")
            if skipped.num_rows
            else None,
        )


def cluster(run: RunInfo) -> int:
    """Assign tonight's stories to story clusters; returns how many were assigned."""
    from wirehouse.clusters.store import cluster_new_stories

    with open_warehouse(run.settings.warehouse) as con:
        memberships = cluster_new_stories(
            con,
            run.run_id,
            run.staging_dir,
            window_days=run.settings.cluster_window_days,
            threshold=run.settings.cluster_threshold,
        )
    return len(memberships)


def check(run: RunInfo) -> list[CheckResult]:
    with open_warehouse(run.settings.warehouse) as con:
        return run_checks(con, run.run_id)


def finish(run: RunInfo, plan: Plan | None, checks: list[CheckResult]) -> StageTimes:
    """End the run: record its outcome and counts (a night's), collect its stage times, and
    remove its staging folder."""
    if plan is not None:
        status = "completed" if all(c.passed for c in checks) else "checks_failed"
        with open_warehouse(run.settings.warehouse) as con:
            con.execute(
                sql.statement("finish_run"),
                {
                    "run_id": run.run_id,
                    "finished_at": datetime.now(UTC),
                    "status": status,
                    "files_seen": plan.files_seen,
                    "files_new": plan.files_new,
                },
            )
    times = StageTimes(
        stage_seconds(run.staging_dir), stage_seconds(run.staging_dir, "cpu_seconds")
    )
    shutil.rmtree(run.staging_dir, ignore_errors=True)
    return times
