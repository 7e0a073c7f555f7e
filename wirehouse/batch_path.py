"""The one batch path: enrich → publish to the lake → load, whichever way the stories came.

New stories come from the inbox (parsed, their language detected: `wirehouse.stages`); stored
ones come back from the warehouse to be enriched again (`wirehouse.reprocess`). Both are a
table of stories with their language, enriched here the same way, written once to the
batch's staging folder, moved into the lake by rename, and loaded by `warehouse.load_batch`
in one transaction. New stories bring their `articles` rows; re-enriched ones keep theirs
and bring only their new pipelines.

Plain functions, Prefect-free; `tasks/` wraps them.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc

from wirehouse import lake
from wirehouse.errors import writing
from wirehouse.places import resolve_places
from wirehouse.schema import ARTICLES, LAKE_TABLES, PIPELINES
from wirehouse.settings import Settings
from wirehouse.warehouse import LakeBatch

log = logging.getLogger(__name__)

# The tables NLP produces, besides `articles`.
ENRICHMENT_TABLES = ("sentences", "entities", "quotes", "keywords", "places", "article_signatures")
# What the NLP reads of a story.
TEXT_COLUMNS = ["article_id", "lang", "headline", "body", "dateline_places", "agency"]


@dataclass(frozen=True, slots=True)
class Target:
    """Where a batch's enrichment goes and under which names."""

    batch_key: str  # lake file name part: the same batch always gets the same key
    run_id: str
    ingest_date: date  # lake partition and lineage of every row
    ingested_at: datetime  # new stories: when their run started
    staging: Path  # the batch's staging folder
    new_articles: bool  # the stories are new (load their `articles` rows) or re-enriched


@dataclass(frozen=True, slots=True)
class Enriched:
    """A batch's enrichment, staged (one file per table with rows), ready to publish."""

    target: Target
    staged: dict[str, Path]
    rows: dict[str, int]
    articles: int
    words: int
    pipelines: Path | None  # re-enriched stories: their new pipelines
    pipeline_names: list[str]  # "name version" of the pipelines used, for the log
    failures: dict[str, str]  # story -> why it is left out of this batch


def enrich(stories: pa.Table, target: Target, settings: Settings) -> Enriched:
    """spaCy over the stories (`TEXT_COLUMNS`; new stories: every `DETECTED` column), staged."""
    with writing(target.staging):  # spaCy writes nothing: a storage error is the staging's
        return _enrich(stories, target, settings)


def _enrich(stories: pa.Table, target: Target, settings: Settings) -> Enriched:
    from wirehouse.nlp.enrich import ArticleText
    from wirehouse.nlp.parallel import enrich_parallel
    from wirehouse.nlp.worker_context import effective_processes

    texts = [
        ArticleText(
            article_id=row["article_id"],
            lang=row["lang"],
            headline=row["headline"],
            body=row["body"],
            dateline_places=row["dateline_places"] or [],
        )
        for row in stories.select(TEXT_COLUMNS[:-1]).to_pylist()
    ]
    # nlp_processes 0 means one worker per core. On Dask, one per task: the cluster's workers
    # are the parallelism, and their (daemonic) processes may not start children.
    processes = 1 if settings.dask_address else effective_processes(settings.nlp_processes)
    enrichment = enrich_parallel(texts, settings, processes=processes)
    if enrichment.failures:
        kept = pa.array([t.article_id not in enrichment.failures for t in texts], pa.bool_())
        stories = stories.filter(kept)
        texts = [t for t in texts if t.article_id not in enrichment.failures]
    ids = [t.article_id for t in texts]
    names = [enrichment.pipelines.get(i, ("", ""))[0] or None for i in ids]
    versions = [enrichment.pipelines.get(i, ("", ""))[1] or None for i in ids]
    tables: dict[str, pa.Table] = {}
    pipelines = None
    lineage = {"run_id": target.run_id, "ingest_date": target.ingest_date}
    if target.new_articles:
        tables["articles"] = _articles(stories, names, versions, target)
    pipeline_of = dict(zip(ids, names, strict=True))
    agencies = dict(zip(ids, stories.column("agency").to_pylist(), strict=True))
    rows_of = {
        "sentences": enrichment.sentences,
        "entities": enrichment.entities,
        "quotes": enrichment.quotes,
        "keywords": enrichment.keywords,
        "places": resolve_places(enrichment.entities, agencies),
        "article_signatures": enrichment.article_signatures,
    }
    for table_name in ENRICHMENT_TABLES:
        full = [
            {**row, **lineage, "nlp_pipeline": pipeline_of.get(row["article_id"])}
            for row in rows_of[table_name]
        ]
        tables[table_name] = pa.Table.from_pylist(full, schema=LAKE_TABLES[table_name])
    staged = {
        name: lake.write_parquet(table, target.staging / f"{name}.parquet")
        for name, table in tables.items()
        if table.num_rows
    }
    if not target.new_articles:
        pipelines = lake.write_parquet(
            pa.table(
                {
                    "article_id": ids,
                    "nlp_pipeline": names,
                    "nlp_pipeline_version": versions,
                    "run_id": [target.run_id] * len(ids),
                },
                schema=PIPELINES,
            ),
            target.staging / "pipelines.parquet",
        )
    words = 0
    if "articles" in tables:
        words = int(pc.sum(tables["articles"].column("word_count")).as_py() or 0)
    return Enriched(
        target=target,
        staged=staged,
        rows={name: tables[name].num_rows for name in staged},
        articles=len(ids),
        words=words,
        pipelines=pipelines,
        pipeline_names=sorted({f"{n} {v}" for n, v in zip(names, versions, strict=True)}),
        failures=enrichment.failures,
    )


def _articles(
    stories: pa.Table, names: list[str | None], versions: list[str | None], target: Target
) -> pa.Table:
    """New stories' `articles` rows: what parsing and detection found, and their lineage."""
    n = stories.num_rows
    return (
        stories.append_column("nlp_pipeline", pa.array(names, pa.string()))
        .append_column("nlp_pipeline_version", pa.array(versions, pa.string()))
        .append_column("run_id", pa.array([target.run_id] * n, pa.string()))
        .append_column(
            "ingested_at", pa.array([target.ingested_at] * n, ARTICLES.field("ingested_at").type)
        )
        .append_column("ingest_date", pa.array([target.ingest_date] * n, pa.date32()))
        .select(ARTICLES.names)
        .cast(ARTICLES)
    )


def publish(enriched: Enriched, lake_dir: Path) -> LakeBatch:
    """Move the staged files into the hive-partitioned lake (by rename: nothing re-encoded).

    The lake keeps every batch as loaded: re-enriched stories get files of their own in their
    ingest-date partition, beside the earlier ones.
    """
    target = enriched.target
    published = {}
    with writing(lake_dir):
        for table_name, staged in enriched.staged.items():
            destination = lake.lake_file(lake_dir, table_name, target.ingest_date, target.batch_key)
            published[table_name] = lake.publish(staged, destination, owner=target.run_id)
    return LakeBatch(
        batch_key=target.batch_key,
        run_id=target.run_id,
        tables=published,
        rows=enriched.rows,
        articles=enriched.articles,
        words=enriched.words,
        pipelines=enriched.pipelines,
        failures=enriched.failures,
    )
