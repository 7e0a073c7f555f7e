"""Re-enrich stories already in the warehouse with the current NLP pipelines.

After a better model lands, the stories of an ingest-date range are selected from the
`articles` table (the text the NLP needs is there; raw wire files are never read again) and
sent down the night's batch path (`wirehouse.batch_path`): enriched, published to the lake
under a batch key of their own, and swapped into the warehouse one batch per DuckDB
transaction. `enrichment_runs` keeps one row per article per (re)enrichment, so the pipeline
versions an article had before stay visible.

Plain functions, Prefect-free like `wirehouse.stages`; `tasks/reprocess.py` wraps them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pyarrow as pa

from wirehouse import batch_path, lake, run_info, sql
from wirehouse.batch_path import Enriched, Target
from wirehouse.night_report import checks_markdown, stage_seconds_markdown
from wirehouse.run_info import RunInfo
from wirehouse.settings import Settings
from wirehouse.warehouse import CheckResult, open_warehouse

# No upper bound given: everything since `since`.
OPEN_END = date(9999, 12, 31)


class ReprocessChecksFailed(RuntimeError):
    """Raised after a reprocess run replaced its batches and reported, when a check failed."""


@dataclass(frozen=True, slots=True)
class ReprocessBatch:
    number: int
    total: int
    key: str  # lake file name part: unique to this run and batch, so a retry replaces
    ingest_date: date  # every story of a batch shares it: it is the lake partition
    stories: Path  # staged Parquet of the stories as the warehouse holds them

    def target(self, run: RunInfo) -> Target:
        return Target(
            batch_key=self.key,
            run_id=run.run_id,
            ingest_date=self.ingest_date,
            ingested_at=run.started_at,
            staging=self.stories.parent,
            new_articles=False,
        )


@dataclass(frozen=True, slots=True)
class ReprocessPlan:
    since: date
    until: date | None
    stories: int
    batches: list[ReprocessBatch]

    @property
    def range_text(self) -> str:
        return f"{self.since} … {self.until}" if self.until else f"since {self.since}"


@dataclass(slots=True)
class ReprocessSummary:
    run_id: str
    range_text: str
    stories: int
    batches: int
    changes: list[dict[str, Any]]  # stories per old → new pipeline
    checks: list[CheckResult]
    stage_seconds: dict[str, float] = field(default_factory=dict)

    @property
    def failed_checks(self) -> list[CheckResult]:
        return [c for c in self.checks if not c.passed]


def new_run(settings: Settings, flow_run_id: str | None, now: datetime | None = None) -> RunInfo:
    """A run record like the nightly one; the `rp-` prefix tells the two apart in lineage.
    Reprocessing enriches in this process (its flow has no Dask runner)."""
    here = settings.model_copy(update={"dask_address": None})
    return run_info.new_run(here, flow_run_id, now, prefix="rp-")


def plan(run: RunInfo, since: date, until: date | None) -> ReprocessPlan:
    """Stage the stories of the range, one ingest date at a time, in bounded batches."""
    if until is not None and until < since:
        raise ValueError(f"--until {until} is before --since {since}")
    size = run.settings.reprocess_batch_articles
    chunks: list[tuple[date, pa.Table]] = []
    with open_warehouse(run.settings.warehouse) as con:
        dates = con.execute(
            sql.statement("reprocess_article_dates"),
            {"since": since, "until": until or OPEN_END},
        ).fetchall()
        for ingest_date, _count in dates:
            # `sql()` rather than `execute()`: Arrow straight from the relation, no extra copy.
            stories = con.sql(
                sql.statement("reprocess_articles_of_date"), params={"ingest_date": ingest_date}
            ).to_arrow_table()
            chunks += [
                (ingest_date, stories.slice(offset, size))
                for offset in range(0, stories.num_rows, size)
            ]
    batches = []
    for number, (ingest_date, stories) in enumerate(chunks, start=1):
        key = f"{run.run_id}-{number:05d}"
        staged = run.staging_dir / f"batch-{number:05d}" / "stories.parquet"
        batches.append(
            ReprocessBatch(
                number, len(chunks), key, ingest_date, lake.write_parquet(stories, staged)
            )
        )
    return ReprocessPlan(since, until, sum(c[1].num_rows for c in chunks), batches)


def enrich(batch: ReprocessBatch, run: RunInfo) -> Enriched:
    """The batch's stories down the night's batch path, as re-enriched stories: a story that
    fails now keeps the enrichment it has (the load touches only the stories enriched)."""
    return batch_path.enrich(lake.read_parquet(batch.stories), batch.target(run), run.settings)


def summarize(
    run: RunInfo, plan: ReprocessPlan, checks: list[CheckResult], stage_seconds: dict[str, float]
) -> ReprocessSummary:
    with open_warehouse(run.settings.warehouse, read_only=True) as con:
        cursor = con.execute(sql.statement("report_reprocess"), {"run_id": run.run_id})
        columns = [d[0] for d in cursor.description or []]
        changes = [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]
    return ReprocessSummary(
        run_id=run.run_id,
        range_text=plan.range_text,
        stories=plan.stories,
        batches=len(plan.batches),
        changes=changes,
        checks=checks,
        stage_seconds=stage_seconds,
    )


def headline(summary: ReprocessSummary) -> str:
    passed = len(summary.checks) - len(summary.failed_checks)
    return (
        f"re-enriched {summary.stories} stories ingested {summary.range_text} "
        f"in {summary.batches} batch{'' if summary.batches == 1 else 'es'}; "
        f"checks {passed}/{len(summary.checks)} passed"
    )


def _pipeline(name: str | None, version: str | None) -> str:
    return f"{name} {version}" if name else "—"


def to_markdown(summary: ReprocessSummary) -> str:
    lines = [
        f"# Reprocess enrichment {summary.run_id}",
        "",
        f"**{headline(summary)}**",
        "",
        "## Stories by pipeline",
        "",
        "| before | after | stories |",
        "|---|---|---|",
        *(
            f"| {_pipeline(c['old_pipeline'], c['old_version'])} "
            f"| {_pipeline(c['new_pipeline'], c['new_version'])} | {c['articles']} |"
            for c in summary.changes
        ),
        "",
        *checks_markdown([(c.name, c.passed, c.failing_rows) for c in summary.checks]),
        *stage_seconds_markdown(summary.stage_seconds),
    ]
    return "\n".join(lines)


def to_text(summary: ReprocessSummary) -> str:
    lines = [f"run {summary.run_id}: {headline(summary)}"]
    lines += [
        f"  {_pipeline(c['old_pipeline'], c['old_version'])} → "
        f"{_pipeline(c['new_pipeline'], c['new_version'])}: {c['articles']} stories"
        for c in summary.changes
    ]
    lines += [
        f"  FAILED {c.name}: {c.failing_rows} rows — {c.description}" for c in summary.failed_checks
    ]
    return "\n".join(lines)
