"""The steps of the night as plain functions: Prefect-free, typed, testable.

Each step reads the Parquet files the previous one wrote and writes its own, so steps hand
each other paths, not data; `tasks/` wraps each in a Prefect task.
"""

from __future__ import annotations

import logging
import shutil
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.compute as pc

from wirehouse import inbox, lake, recovery, sql
from wirehouse.errors import night_failure, writing
from wirehouse.inbox import InboxFile
from wirehouse.language import UNDETERMINED, detect_language
from wirehouse.nlp.isolation import failure_reason
from wirehouse.parsing import parse_files
from wirehouse.paths import to_text
from wirehouse.places import resolve_places
from wirehouse.quarantine import apply_failures, read_failures, write_failures
from wirehouse.schema import ARTICLES, DETECTED, FILE_OUTCOMES, LAKE_TABLES, PARSED, SKIPPED_ITEMS
from wirehouse.settings import Settings
from wirehouse.warehouse import CheckResult, LakeBatch, load_batch, open_warehouse, run_checks

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class RunInfo:
    run_id: str
    flow_run_id: str | None
    started_at: datetime
    ingest_date: date
    settings: Settings

    @property
    def staging_dir(self) -> Path:
        return self.settings.staging_dir / self.run_id


@dataclass(frozen=True, slots=True)
class Batch:
    number: int
    total: int
    key: str
    files: list[InboxFile]
    duplicates: list[tuple[InboxFile, str]] = field(default_factory=list)

    def staging(self, run: RunInfo) -> Path:
        return run.staging_dir / f"batch-{self.number:05d}-{self.key}"


@dataclass(frozen=True, slots=True)
class Plan:
    files_seen: int
    files_new: int
    files_unchanged: int
    files_duplicate: int
    orphans_removed: int
    batches: list[Batch]
    runs_abandoned: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class ParsedPaths:
    articles: Path
    outcomes: Path
    skipped: Path


@dataclass(frozen=True, slots=True)
class EnrichedPaths:
    outcomes: Path
    skipped: Path
    tables: dict[str, Path]  # staging files of the LAKE_TABLES


def run_name() -> str:
    """Flow-run name for the Prefect UI: when it ran, not random words."""
    return f"night {datetime.now(UTC):%Y-%m-%d %H:%M} UTC"


def new_run(
    settings: Settings, flow_run_id: str | None, now: datetime | None = None, prefix: str = ""
) -> RunInfo:
    started = (now or datetime.now(UTC)).replace(microsecond=0)
    suffix = (flow_run_id or "local")[:8]
    return RunInfo(
        run_id=f"{prefix}{started:%Y%m%dT%H%M%SZ}-{suffix}",
        flow_run_id=flow_run_id,
        started_at=started,
        ingest_date=started.date(),
        settings=settings,
    )


def discover(run: RunInfo) -> Plan:
    """Migrate the warehouse, clear a crashed run's leftovers, and decide what is new."""
    try:
        return _discover(run)
    except (OSError, duckdb.Error) as exc:
        # The night's own storage failing (a full disk) is the night's problem, in one line;
        # one file's problem never gets here (scan_inbox returns it as a reason).
        failure = night_failure(exc, run.settings.warehouse)
        if failure is None:
            raise
        raise failure from None


def _discover(run: RunInfo) -> Plan:
    settings = run.settings
    scanned = inbox.scan_inbox(settings.inbox)
    with open_warehouse(settings.warehouse) as con:
        recovered = recovery.recover(con, run)
        known: dict[str, set[str]] = defaultdict(set)
        for sha256, path, _status in con.execute(sql.statement("known_files")).fetchall():
            known[sha256].add(path)
        listed = {
            lake.listed_name(row[0])
            for row in con.execute(sql.statement("loaded_lake_files")).fetchall()
        }
        con.execute(
            sql.statement("start_run"),
            {
                "run_id": run.run_id,
                "flow_run_id": run.flow_run_id,
                "inbox": to_text(settings.inbox),
                "started_at": run.started_at,
            },
        )

        def known_runs() -> set[str]:
            return {row[0] for row in con.execute(sql.statement("known_run_ids")).fetchall()}

        orphans, foreign = lake.remove_orphans(settings.lake_dir, listed, known_runs)
    for orphan in orphans:
        log.info("removed %s, left by an interrupted run", to_text(orphan))
    if foreign:
        log.warning(
            "left %d Parquet file(s) in the lake that no run of this warehouse wrote "
            "(another warehouse's, or copied in?), e.g. %s",
            len(foreign),
            to_text(foreign[0]),
        )
    discovery = inbox.plan(scanned, known)
    # (Files that could not be read are quarantined without NLP: no reason to start it.)
    if any(not file.error for file in discovery.new) and not settings.dask_address:
        from wirehouse.nlp.enrich import effective_processes, start_pool

        # spaCy workers start and load their models while the first batch is parsed. Not for
        # a handful of files: one story is enriched here, and the run would otherwise end
        # waiting for a pool it never used.
        processes = effective_processes(settings.nlp_processes)
        if len(discovery.new) > processes:
            start_pool(settings, processes)
    groups = inbox.batches(discovery.new, settings.batch_size)
    if not groups and discovery.duplicates:
        groups = [[]]
    total = len(groups)
    batches = [
        Batch(
            number=i + 1,
            total=total,
            key=inbox.batch_key(files) if files else "duplicates",
            files=files,
            duplicates=discovery.duplicates if i == 0 else [],
        )
        for i, files in enumerate(groups)
    ]
    return Plan(
        files_seen=discovery.files_seen,
        files_new=len(discovery.new),
        files_unchanged=discovery.unchanged,
        files_duplicate=len(discovery.duplicates),
        orphans_removed=len(orphans),
        batches=batches,
        runs_abandoned=recovered.abandoned,
    )


def parse(batch: Batch, run: RunInfo) -> ParsedPaths:
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
        return ParsedPaths(
            articles=lake.write_parquet(parsed.articles, out / "parsed.parquet"),
            outcomes=lake.write_parquet(parsed.outcomes, out / "outcomes.parquet"),
            skipped=lake.write_parquet(parsed.skipped, out / "skipped.parquet"),
        )


def detect_languages(parsed: ParsedPaths, run: RunInfo) -> Path:
    """Tag each story with its language. A story detection fails on leaves the batch (its
    reason goes to `detect-failed.parquet` beside, for `enrich` to quarantine it)."""
    articles = lake.read_parquet(parsed.articles, PARSED)
    max_chars, trials = run.settings.langdetect_max_chars, run.settings.langdetect_trials
    langs: list[str] = []
    probs: list[float | None] = []
    keep: list[bool] = []
    failures: dict[str, str] = {}
    for article_id, headline, body in zip(
        articles.column("article_id").to_pylist(),
        articles.column("headline").to_pylist(),
        articles.column("body").to_pylist(),
        strict=True,
    ):
        text = f"{headline}\n\n{body}" if headline else body
        try:
            lang, prob = detect_language(text, max_chars, trials)
        except Exception as exc:  # a detector bug costs this story, not the batch
            failures[article_id] = failure_reason("detect language", exc)
            log.warning("story %s quarantined: %s", article_id, failures[article_id])
            lang, prob = UNDETERMINED, None
        langs.append(lang)
        probs.append(prob)
        keep.append(article_id not in failures)
    detected = articles.append_column("lang", pa.array(langs, pa.string())).append_column(
        "lang_prob", pa.array(probs, pa.float32())
    )
    out = parsed.articles.with_name("detected.parquet")
    with writing(run.staging_dir):
        write_failures(failures, out.with_name(DETECT_FAILED))
        return lake.write_parquet(detected.filter(pa.array(keep, pa.bool_())).cast(DETECTED), out)


DETECT_FAILED = "detect-failed.parquet"


def enrich(detected: Path, parsed: ParsedPaths, run: RunInfo) -> EnrichedPaths:
    with writing(run.staging_dir):  # spaCy writes nothing: a storage error is the staging's
        return _enrich(detected, parsed, run)


def _enrich(detected: Path, parsed: ParsedPaths, run: RunInfo) -> EnrichedPaths:
    from wirehouse.nlp.enrich import ArticleText, effective_processes, enrich_parallel

    articles = lake.read_parquet(detected, DETECTED)
    texts = [
        ArticleText(
            article_id=row["article_id"],
            lang=row["lang"],
            headline=row["headline"],
            body=row["body"],
            dateline_places=row["dateline_places"] or [],
        )
        for row in articles.select(
            ["article_id", "lang", "headline", "body", "dateline_places"]
        ).to_pylist()
    ]
    # nlp_processes 0 means one worker per core. On Dask, one per task: the cluster's workers
    # are the parallelism, and their (daemonic) processes may not start children.
    processes = 1 if run.settings.dask_address else effective_processes(run.settings.nlp_processes)
    enrichment = enrich_parallel(texts, run.settings, processes=processes)
    if enrichment.failures:
        loaded = pa.array([t.article_id not in enrichment.failures for t in texts], pa.bool_())
        articles = articles.filter(loaded)
        texts = [t for t in texts if t.article_id not in enrichment.failures]
    lineage = {"run_id": run.run_id, "ingest_date": run.ingest_date}
    names = [enrichment.pipelines.get(t.article_id, ("", ""))[0] or None for t in texts]
    versions = [enrichment.pipelines.get(t.article_id, ("", ""))[1] or None for t in texts]
    articles_out = (
        articles.append_column("nlp_pipeline", pa.array(names, pa.string()))
        .append_column("nlp_pipeline_version", pa.array(versions, pa.string()))
        .append_column("run_id", pa.array([run.run_id] * len(texts), pa.string()))
        .append_column(
            "ingested_at",
            pa.array([run.started_at] * len(texts), ARTICLES.field("ingested_at").type),
        )
        .append_column("ingest_date", pa.array([run.ingest_date] * len(texts), pa.date32()))
    )
    ids = [t.article_id for t in texts]
    agencies = dict(zip(ids, articles.column("agency").to_pylist(), strict=True))
    places = resolve_places(enrichment.entities, agencies)
    out = detected.parent
    articles_out = articles_out.select(ARTICLES.names).cast(ARTICLES)
    tables = {"articles": lake.write_parquet(articles_out, out / "articles.parquet")}
    pipeline_of = dict(zip([t.article_id for t in texts], names, strict=True))
    for table_name, rows in (
        ("sentences", enrichment.sentences),
        ("entities", enrichment.entities),
        ("quotes", enrichment.quotes),
        ("keywords", enrichment.keywords),
        ("places", places),
        ("article_signatures", enrichment.article_signatures),
    ):
        schema = LAKE_TABLES[table_name]
        full = [
            {**row, **lineage, "nlp_pipeline": pipeline_of.get(row["article_id"])} for row in rows
        ]
        tables[table_name] = lake.write_parquet(
            pa.Table.from_pylist(full, schema=schema), out / f"{table_name}.parquet"
        )
    failures = {**read_failures(detected.with_name(DETECT_FAILED)), **enrichment.failures}
    if not failures:
        return EnrichedPaths(outcomes=parsed.outcomes, skipped=parsed.skipped, tables=tables)
    outcomes, skipped = apply_failures(
        failures,
        lake.read_parquet(parsed.articles, PARSED),
        lake.read_parquet(parsed.outcomes, FILE_OUTCOMES),
        lake.read_parquet(parsed.skipped, SKIPPED_ITEMS),
    )
    return EnrichedPaths(
        outcomes=lake.write_parquet(outcomes, out / "outcomes-enriched.parquet"),
        skipped=lake.write_parquet(skipped, out / "skipped-enriched.parquet"),
        tables=tables,
    )


def write_lake(enriched: EnrichedPaths, batch: Batch, run: RunInfo) -> LakeBatch:
    """Publish the batch's tables into the hive-partitioned lake (atomically, file by file)."""
    published: dict[str, Path] = {}
    articles = words = 0
    for table_name, staged in enriched.tables.items():
        table = lake.read_parquet(staged, LAKE_TABLES[table_name])
        if table.num_rows == 0:
            continue
        if table_name == "articles":
            articles = table.num_rows
            words = int(pc.sum(table.column("word_count")).as_py() or 0)
        target = lake.lake_file(run.settings.lake_dir, table_name, run.ingest_date, batch.key)
        with writing(run.settings.lake_dir):
            published[table_name] = lake.write_parquet(table, target, owner=run.run_id)
    skipped = enriched.skipped if lake.read_parquet(enriched.skipped).num_rows else None
    return LakeBatch(
        batch.key, run.run_id, published, enriched.outcomes, skipped, articles=articles, words=words
    )


def load(lake_batch: LakeBatch, run: RunInfo) -> int:
    """Load one batch into the warehouse in one transaction; returns the articles loaded."""
    with open_warehouse(run.settings.warehouse) as con:
        load_batch(con, lake_batch, processed_at=datetime.now(UTC))
    return lake_batch.articles


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


def finish(run: RunInfo, plan: Plan, status: str) -> None:
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
    shutil.rmtree(run.staging_dir, ignore_errors=True)
