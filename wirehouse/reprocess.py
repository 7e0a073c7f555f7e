"""Re-enrich stories already in the warehouse with the current NLP pipelines.

After a better model lands, the stories of an ingest-date range are read back from the
`articles` table (the text the NLP needs is there; raw wire files are never read again),
enriched again, published to the lake as new files under a batch key of their own, and
swapped into the warehouse one batch per DuckDB transaction. `enrichment_runs` keeps one row
per article per (re)enrichment, so the pipeline versions an article had before stay visible.

Plain functions, Prefect-free like `wirehouse.stages`; `tasks/reprocess.py` wraps them.
"""

from __future__ import annotations

import logging
import shutil
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pyarrow as pa

from wirehouse import lake, sql, stages
from wirehouse.places import resolve_places
from wirehouse.report import stage_seconds_markdown
from wirehouse.schema import LAKE_TABLES
from wirehouse.settings import Settings
from wirehouse.stages import RunInfo
from wirehouse.warehouse import CheckResult, insert_lake_files, open_warehouse

log = logging.getLogger(__name__)

# The tables NLP produces; `articles` itself keeps its rows and only names its new pipeline.
ENRICHMENT_TABLES = ("sentences", "entities", "quotes", "keywords", "places", "article_signatures")
# No upper bound given: everything since `since`.
OPEN_END = date(9999, 12, 31)

PIPELINES = pa.schema(
    [
        pa.field("article_id", pa.string(), nullable=False),
        pa.field("nlp_pipeline", pa.string()),
        pa.field("nlp_pipeline_version", pa.string()),
        pa.field("previous_pipeline", pa.string()),
        pa.field("previous_version", pa.string()),
        pa.field("run_id", pa.string(), nullable=False),
    ]
)


class ReprocessChecksFailed(RuntimeError):
    """Raised after a reprocess run replaced its batches and reported, when a check failed."""


@dataclass(frozen=True, slots=True)
class ReprocessBatch:
    number: int
    total: int
    key: str  # lake file name part: unique to this run and batch, so a retry replaces
    ingest_date: date  # every story of a batch shares it: it is the lake partition
    stories: Path  # staged Parquet of the stories as the warehouse holds them


@dataclass(frozen=True, slots=True)
class ReprocessPlan:
    since: date
    until: date | None
    stories: int
    batches: list[ReprocessBatch]

    @property
    def range_text(self) -> str:
        return f"{self.since} … {self.until}" if self.until else f"since {self.since}"


@dataclass(frozen=True, slots=True)
class Reenriched:
    pipelines: Path  # PIPELINES: the new (and previous) pipeline of each story
    tables: dict[str, Path]  # staged files of ENRICHMENT_TABLES


@dataclass(frozen=True, slots=True)
class EnrichmentBatch:
    """A re-enriched batch published to the lake, ready to swap into the warehouse."""

    batch_key: str
    run_id: str
    pipelines: Path
    tables: dict[str, Path]  # lake files, only tables with rows


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
    """A run record like the nightly one; the `rp-` prefix tells the two apart in lineage."""
    return stages.new_run(settings, flow_run_id, now, prefix="rp-")


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


def reenrich(batch: ReprocessBatch, run: RunInfo) -> Reenriched:
    """Run the current pipelines over the batch's stories; stage their enrichment rows."""
    from wirehouse.nlp.enrich import ArticleText, effective_processes, enrich_parallel

    stories = lake.read_parquet(batch.stories).to_pylist()
    texts = [
        ArticleText(
            article_id=s["article_id"],
            lang=s["lang"],
            headline=s["headline"],
            body=s["body"],
            dateline_places=s["dateline_places"] or [],
        )
        for s in stories
    ]
    enrichment = enrich_parallel(
        texts, run.settings, processes=effective_processes(run.settings.nlp_processes)
    )
    pipelines = [
        {
            "article_id": s["article_id"],
            "nlp_pipeline": enrichment.pipelines.get(s["article_id"], ("", ""))[0] or None,
            "nlp_pipeline_version": enrichment.pipelines.get(s["article_id"], ("", ""))[1] or None,
            "previous_pipeline": s["nlp_pipeline"],
            "previous_version": s["nlp_pipeline_version"],
            "run_id": run.run_id,
        }
        for s in stories
        # A story that fails now keeps the enrichment it has (the replace touches only the
        # stories named here); the failure is logged with its reason.
        if s["article_id"] not in enrichment.failures
    ]
    for article_id, reason in sorted(enrichment.failures.items()):
        log.warning("story %s keeps its enrichment: %s", article_id, reason)
    out = batch.stories.parent
    pipeline_of = {p["article_id"]: p["nlp_pipeline"] for p in pipelines}
    lineage = {"run_id": run.run_id, "ingest_date": batch.ingest_date}
    tables = {}
    # Places follow the new entities (resolved here, as the night's enrich step does).
    agencies = {s["article_id"]: s.get("agency") for s in stories}
    derived = {"places": resolve_places(enrichment.entities, agencies)}
    for table_name in ENRICHMENT_TABLES:
        rows = [
            {**row, **lineage, "nlp_pipeline": pipeline_of.get(row["article_id"])}
            for row in (
                derived[table_name] if table_name in derived else getattr(enrichment, table_name)
            )
        ]
        tables[table_name] = lake.write_parquet(
            pa.Table.from_pylist(rows, schema=LAKE_TABLES[table_name]),
            out / f"{table_name}.parquet",
        )
    return Reenriched(
        pipelines=lake.write_parquet(
            pa.Table.from_pylist(pipelines, schema=PIPELINES), out / "pipelines.parquet"
        ),
        tables=tables,
    )


def publish(reenriched: Reenriched, batch: ReprocessBatch, run: RunInfo) -> EnrichmentBatch:
    """Write the batch's enrichment into the lake, atomically, file by file.

    The files go into the stories' own ingest-date partition under this run's batch key; the
    files of earlier enrichments stay, as the lake keeps every batch as it was loaded.
    """
    published: dict[str, Path] = {}
    for table_name, staged in reenriched.tables.items():
        table = lake.read_parquet(staged, LAKE_TABLES[table_name])
        if table.num_rows == 0:
            continue
        target = lake.lake_file(run.settings.lake_dir, table_name, batch.ingest_date, batch.key)
        published[table_name] = lake.write_parquet(table, target, owner=run.run_id)
    return EnrichmentBatch(batch.key, run.run_id, reenriched.pipelines, published)


def replace(published: EnrichmentBatch, run: RunInfo) -> int:
    """Swap the batch's enrichment rows in one transaction; returns the stories replaced.

    Delete the stories' enrichment rows, insert the new ones, name the new pipeline on each
    article and add a lineage row: all or nothing, and running it twice changes nothing.
    """
    pipelines = str(published.pipelines)
    with open_warehouse(run.settings.warehouse) as con:
        con.begin()
        try:
            con.execute(sql.statement("create_batch_replaced"))
            con.execute(sql.statement("collect_replaced_by_id"), {"path": pipelines})
            for table in ENRICHMENT_TABLES:
                con.execute(sql.table_statement("delete_replaced_articles", table))
            insert_lake_files(con, published.tables, published.batch_key, published.run_id)
            con.execute(sql.statement("update_article_pipelines"), {"path": pipelines})
            con.execute(
                sql.statement("record_enrichment_runs"),
                {"path": pipelines, "enriched_at": datetime.now(UTC)},
            )
            con.commit()
        except Exception:
            con.rollback()
            raise
    return lake.read_parquet(published.pipelines).num_rows


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


def finish(run: RunInfo) -> None:
    shutil.rmtree(run.staging_dir, ignore_errors=True)


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
        f"## Data checks: {len(summary.checks) - len(summary.failed_checks)}"
        f"/{len(summary.checks)} passed",
        "",
        "| check | result | failing rows |",
        "|---|---|---|",
        *(
            f"| {c.name} | {'✅ passed' if c.passed else '❌ FAILED'} | {c.failing_rows} |"
            for c in summary.checks
        ),
        "",
    ]
    lines += stage_seconds_markdown(summary.stage_seconds)
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
