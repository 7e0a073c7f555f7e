"""The night's steps and the one batch path as plain functions, without Prefect: what each
hands the next, what it writes (and does not write again), and that loading twice loads once."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest

from wirehouse import batch_path, discovery, lake, run_info, stages
from wirehouse import reprocess as rp
from wirehouse.batching import in_order
from wirehouse.settings import PROJECT_ROOT, Settings
from wirehouse.warehouse import kept_open, open_warehouse

SEEDS = PROJECT_ROOT / "seeds"
TABLES = ("articles", "sentences", "ingest_files", "enrichment_runs", "lake_files", "places")


@pytest.fixture
def blank(tmp_path: Path) -> Settings:
    """Two stories and a bad file; blank spaCy pipelines (this is about the path, not NLP)."""
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for name in ("001_de_hafen_hamburg.txt", "004_en_wind_farm.txt", "090_bad_empty.txt"):
        shutil.copy(SEEDS / name, inbox / name)
    return Settings(
        inbox=inbox, warehouse=tmp_path / "wh" / "w.duckdb", nlp_processes=1, pipelines={}
    )


def counts(settings: Settings) -> dict[str, int]:
    with duckdb.connect(str(settings.warehouse), read_only=True) as con:
        return {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}  # type: ignore[index]


def test_a_night_step_by_step_and_its_load_run_twice(blank: Settings) -> None:
    run = run_info.new_run(blank, flow_run_id=None)
    assert stages.migrate(run)  # a new warehouse: every migration, once
    assert stages.migrate(run) == []
    plan = discovery.discover(run)
    assert (plan.files_new, len(plan.batches)) == (3, 1)
    assert stages.start_nlp_pool(run, plan) == 0  # one process: enrich runs here
    (batch,) = plan.batches

    parsed = stages.parse(batch, run)
    assert (parsed.article_count, parsed.quarantined, parsed.skipped_items) == (2, 1, 0)
    languages = stages.detect_languages(parsed, run)
    # Detection writes the languages only, not the batch again.
    assert lake.read_parquet(languages).column_names == [
        "article_id",
        "lang",
        "lang_prob",
        "failure",
    ]
    enriched = stages.enrich(parsed, languages, batch, run)
    assert (enriched.articles, enriched.failures, enriched.pipelines) == (2, {}, None)
    assert enriched.rows["articles"] == 2 and enriched.words > 0

    lake_batch = batch_path.publish(enriched, blank.lake_dir)
    # Published by rename: the staged files moved; a retried publish finds them in place.
    assert not any(path.exists() for path in enriched.staged.values())
    assert all(path.is_file() for path in lake_batch.tables.values())
    assert batch_path.publish(enriched, blank.lake_dir) == lake_batch
    assert lake_batch.tables["articles"].parent.name == f"ingest_date={run.ingest_date}"

    assert stages.load(lake_batch, parsed, run) == 2
    once = counts(blank)
    assert once["articles"] == 2 and once["ingest_files"] == 3
    assert stages.load(lake_batch, parsed, run) == 2  # a retried load
    assert counts(blank) == once

    checks = stages.check(run)
    assert all(c.passed for c in checks)
    stages.finish(run, plan, checks)
    assert not run.staging_dir.exists()
    with duckdb.connect(str(blank.warehouse), read_only=True) as con:
        assert con.execute("SELECT status, files_loaded FROM ingest_runs").fetchall() == [
            ("completed", 2)
        ]


def test_stored_stories_take_the_same_path_and_keep_their_articles(blank: Settings) -> None:
    night = run_info.new_run(blank, flow_run_id=None)
    stages.migrate(night)
    plan = discovery.discover(night)
    for batch in plan.batches:
        parsed = stages.parse(batch, night)
        enriched = stages.enrich(parsed, stages.detect_languages(parsed, night), batch, night)
        stages.load(batch_path.publish(enriched, blank.lake_dir), parsed, night)
    before = counts(blank)

    run = rp.new_run(blank, flow_run_id=None)
    selected = rp.plan(run, night.ingest_date, None)
    assert selected.stories == 2
    (batch,) = selected.batches
    enriched = rp.enrich(batch, run)
    assert "articles" not in enriched.staged and enriched.pipelines is not None
    lake_batch = batch_path.publish(enriched, blank.lake_dir)
    for _attempt in range(2):
        assert stages.load(lake_batch, None, run) == 2
        after = counts(blank)
        # The same articles and sentences; a lineage row and new lake files per story batch.
        assert after["articles"] == before["articles"]
        assert after["sentences"] == before["sentences"]
        assert after["enrichment_runs"] == before["enrichment_runs"] + 2
        assert after["lake_files"] == before["lake_files"] + len(lake_batch.tables)


def test_a_warehouse_kept_open_is_shared_by_its_opens_and_closed_after(blank: Settings) -> None:
    stages.migrate(run_info.new_run(blank, flow_run_id=None))
    with kept_open(blank.warehouse):
        with open_warehouse(blank.warehouse) as con:
            con.execute("CREATE TABLE kept AS SELECT 1 AS x")
        with open_warehouse(blank.warehouse) as con:  # the same open database
            assert con.execute("SELECT x FROM kept").fetchall() == [(1,)]
    # Closed after the block: a read-only open (the report's) works again, and sees the rows.
    with open_warehouse(blank.warehouse, read_only=True) as con:
        assert con.execute("SELECT x FROM kept").fetchall() == [(1,)]
    with pytest.raises(ValueError, match="the block's own"), kept_open(blank.warehouse):
        raise ValueError("the block's own error")
    with open_warehouse(blank.warehouse, read_only=True) as con:
        assert con.execute("SELECT count(*) FROM kept").fetchall() == [(1,)]


def test_publish_moves_a_staged_file_and_a_retry_keeps_it(tmp_path: Path) -> None:
    import pyarrow as pa

    staged = lake.write_parquet(pa.table({"run_id": ["r"]}), tmp_path / "staging" / "x.parquet")
    target = tmp_path / "lake" / "articles" / "ingest_date=2026-12-02" / "part-k.parquet"
    assert lake.publish(staged, target, owner="r") == target
    assert not staged.exists() and lake.read_parquet(target).num_rows == 1
    assert lake.publish(staged, target, owner="r") == target
    assert not list(target.parent.glob(".*.tmp"))


class Done:
    def __init__(self, value: int, log: list[str]) -> None:
        self.value, self.log = value, log

    def result(self) -> int:
        self.log.append(f"result {self.value}")
        return self.value


def test_in_order_submits_a_window_ahead_and_yields_in_order() -> None:
    log: list[str] = []

    def submit(item: int) -> Done:
        log.append(f"submit {item}")
        return Done(item * 10, log)

    results = []
    for item, value in in_order(range(4), submit, max_in_flight=2):
        log.append(f"consume {item}")
        results.append(value)
    assert results == [0, 10, 20, 30]
    assert log[:4] == ["submit 0", "submit 1", "result 0", "consume 0"]
    assert log.index("submit 2") > log.index("consume 0")
