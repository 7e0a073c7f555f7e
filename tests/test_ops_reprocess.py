"""Reprocessing: stories already in the warehouse get the current NLP pipeline, their
enrichment rows are replaced (never duplicated), and lineage keeps the old pipeline version."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import duckdb
import pytest

from wirehouse import batch_path, stages
from wirehouse import reprocess as rp
from wirehouse.settings import PROJECT_ROOT, Settings

pytestmark = pytest.mark.usefixtures("prefect_harness")

SEEDS = PROJECT_ROOT / "seeds"
RULER_PLACES = ["Hamburg", "Berlin", "München", "Frankfurt"]


def query(settings: Settings, sql: str, *params: object) -> list[tuple]:
    with duckdb.connect(str(settings.warehouse), read_only=True) as con:
        return con.execute(sql, list(params)).fetchall()


def ruler_pipeline(path: Path) -> Path:
    """A small, deterministic 'better model' for German: it finds exactly RULER_PLACES."""
    import spacy

    nlp = spacy.blank("de")
    nlp.add_pipe("sentencizer")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns([{"label": "LOC", "pattern": place} for place in RULER_PLACES])  # type: ignore[attr-defined]
    nlp.meta["name"] = "ruler"
    nlp.meta["version"] = "2.0.0"
    nlp.to_disk(path)
    return path


def duplicates(settings: Settings, table: str, key: str) -> int:
    return query(
        settings,
        f"SELECT count(*) - count(DISTINCT ({key})) FROM {table}",
    )[0][0]


def test_reprocess_replaces_enrichment_rows_and_keeps_lineage(
    settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from flows.nightly import nightly_ingest
    from flows.reprocess import reprocess_enrichment

    for path in SEEDS.iterdir():
        shutil.copy(path, settings.inbox / path.name)
    night = nightly_ingest(inbox=str(settings.inbox), warehouse=str(settings.warehouse))
    night_run = night.run["run_id"]
    articles_before = query(
        settings, "SELECT article_id, body, run_id FROM articles ORDER BY article_id"
    )
    old_pipeline = query(
        settings,
        "SELECT DISTINCT nlp_pipeline, nlp_pipeline_version FROM articles WHERE lang = 'de'",
    )
    assert len(old_pipeline) == 1 and old_pipeline[0][0] != "de_ruler"
    # The nightly load records lineage too: one row per article, naming its pipeline.
    assert query(
        settings,
        "SELECT count(*) FROM articles a JOIN enrichment_runs e USING (article_id) "
        "WHERE e.run_id = a.run_id AND e.nlp_pipeline IS NOT DISTINCT FROM a.nlp_pipeline "
        "AND e.nlp_pipeline_version IS NOT DISTINCT FROM a.nlp_pipeline_version",
    ) == [(len(articles_before),)]
    (ingest_date,) = query(settings, "SELECT DISTINCT ingest_date FROM articles")[0]

    monkeypatch.setenv(
        "WIREHOUSE_PIPELINES", json.dumps({"de": str(ruler_pipeline(tmp_path / "de_ruler"))})
    )
    summary = reprocess_enrichment(since=ingest_date, warehouse=str(settings.warehouse))

    assert summary.stories == len(articles_before)
    assert not summary.failed_checks
    # Articles keep their rows and ingest lineage; they name the new pipeline.
    assert (
        query(settings, "SELECT article_id, body, run_id FROM articles ORDER BY article_id")
        == articles_before
    )
    assert query(
        settings,
        "SELECT DISTINCT nlp_pipeline, nlp_pipeline_version FROM articles WHERE lang = 'de'",
    ) == [("de_ruler", "2.0.0")]
    # German entities are now exactly what the new pipeline finds, from this run only.
    de_entities = query(
        settings,
        "SELECT DISTINCT e.text, e.label, e.nlp_pipeline, e.run_id FROM entities e "
        "JOIN articles a USING (article_id) WHERE a.lang = 'de' AND NOT e.is_dateline",
    )
    assert de_entities
    assert {(t, label, p, r) for t, label, p, r in de_entities} <= {
        (place, "LOC", "de_ruler", summary.run_id) for place in RULER_PLACES
    }
    for table, key in (
        ("entities", "article_id, part, entity_index"),
        ("sentences", "article_id, part, sentence_index"),
        ("keywords", "article_id, rank"),
        ("quotes", "article_id, part, quote_index"),
    ):
        assert duplicates(settings, table, key) == 0, table
        assert query(settings, f"SELECT DISTINCT run_id FROM {table}") in ([], [(summary.run_id,)])
    # Lineage: both enrichments of every article, the old pipeline version still visible.
    lineage = query(
        settings,
        "SELECT e.run_id, e.nlp_pipeline, e.nlp_pipeline_version FROM enrichment_runs e "
        "JOIN articles a USING (article_id) WHERE a.lang = 'de' ORDER BY e.enriched_at",
    )
    n_de = len(lineage) // 2
    assert lineage[:n_de] == [(night_run, *old_pipeline[0])] * n_de
    assert lineage[n_de:] == [(summary.run_id, "de_ruler", "2.0.0")] * n_de
    assert {(c["old_pipeline"], c["new_pipeline"]) for c in summary.changes} >= {
        (old_pipeline[0][0], "de_ruler")
    }
    # New lake files in the stories' partition under this run's batch key, and listed.
    new_files = query(
        settings,
        "SELECT path, table_name FROM lake_files WHERE run_id = ? ORDER BY 1",
        summary.run_id,
    )
    assert {t for _p, t in new_files} >= {"entities", "sentences"}
    for path, table in new_files:  # named relative to the lake root
        assert (settings.lake_dir / path).exists()
        assert (settings.lake_dir / path).parent == (
            settings.lake_dir / table / f"ingest_date={ingest_date}"
        )

    # The next night keeps the reprocessed files (they are not orphans) and loads nothing twice.
    again = nightly_ingest(inbox=str(settings.inbox), warehouse=str(settings.warehouse))
    assert again.run["files_new"] == 0
    assert all((settings.lake_dir / path).exists() for path, _t in new_files)
    assert query(settings, "SELECT DISTINCT nlp_pipeline FROM articles WHERE lang = 'de'") == [
        ("de_ruler",)
    ]


def test_a_retried_batch_replaces_rather_than_duplicates(
    settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every reprocess step run twice (as Prefect retries would) leaves one copy of each row."""
    from flows.nightly import nightly_ingest

    for name in ("001_de_hafen_hamburg.txt",):
        shutil.copy(SEEDS / name, settings.inbox / name)
    nightly_ingest(inbox=str(settings.inbox), warehouse=str(settings.warehouse))
    run = rp.new_run(settings, flow_run_id=None)
    stages.migrate(run)

    def counts() -> list[tuple]:
        return [
            query(settings, f"SELECT count(*) FROM {t}")[0]
            for t in ("sentences", "entities", "keywords", "enrichment_runs", "lake_files")
        ]

    plan = rp.plan(run, date(2000, 1, 1), None)
    assert plan.stories == 1 and len(plan.batches) == 1
    batch = plan.batches[0]
    for attempt in range(2):
        published = batch_path.publish(rp.enrich(batch, run), settings.lake_dir)
        assert stages.load(published, None, run) == 1
        if attempt == 0:
            after_first = counts()
    assert counts() == after_first
    assert duplicates(settings, "entities", "article_id, part, entity_index") == 0


def test_until_before_since_is_refused(settings: Settings) -> None:
    run = rp.new_run(settings, flow_run_id=None)
    stages.migrate(run)
    with pytest.raises(ValueError, match="before"):
        rp.plan(run, date(2026, 2, 1), date(2026, 1, 1))


WIREHOUSE = Path(sys.executable).with_name("wirehouse")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--since", "25.11.2026"], "is not a date like"),
        (["--since", "2026-11-25", "--until", "2026-11-01"], "is before --since"),
        (["--since", "2026-11-25"], "nothing to reprocess"),
    ],
    ids=["bad date", "until before since", "no warehouse"],
)
def test_reprocess_cli_refuses_in_one_line(tmp_path: Path, args: list[str], message: str) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PREFECT_", "WIREHOUSE_"))}
    env["PREFECT_HOME"] = str(tmp_path / "prefect-home")
    result = subprocess.run(
        [str(WIREHOUSE), "reprocess", *args, "--warehouse", str(tmp_path / "none.duckdb")],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    assert result.returncode == 2
    assert message in result.stderr and "Traceback" not in result.stderr
