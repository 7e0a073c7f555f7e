"""The real nightly flow on our fixtures into a temporary warehouse, checked with SQL."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest

from tests.conftest import shared_path
from wirehouse.settings import PROJECT_ROOT, Settings

pytestmark = pytest.mark.usefixtures("prefect_harness")

SEEDS = PROJECT_ROOT / "seeds"
# Columns that describe a run rather than the data: they differ between any two runs.
# (`story_date` too: a story naming no date of its own is dated by its ingest time.)
RUN_COLUMNS = {"run_id", "ingested_at", "ingest_date", "processed_at", "story_date"}


def run_night(settings: Settings, **overrides: object):  # type: ignore[no-untyped-def]
    from flows.nightly import nightly_ingest

    return nightly_ingest(inbox=str(settings.inbox), warehouse=str(settings.warehouse), **overrides)


def query(settings: Settings, sql: str, *params: object) -> list[tuple]:
    with duckdb.connect(str(settings.warehouse), read_only=True) as con:
        return con.execute(sql, list(params)).fetchall()


def content_of(settings: Settings, table: str, order_by: str) -> list[tuple]:
    """A table's rows without run-lineage columns, for comparing warehouses."""
    with duckdb.connect(str(settings.warehouse), read_only=True) as con:
        columns = [r[0] for r in con.execute(f"DESCRIBE {table}").fetchall()]
        keep = ", ".join(c for c in columns if c not in RUN_COLUMNS)
        return con.execute(f"SELECT {keep} FROM {table} ORDER BY {order_by}").fetchall()


def copy_seeds(inbox: Path) -> None:
    for path in SEEDS.iterdir():
        shutil.copy(path, inbox / path.name)


def test_nightly_flow_loads_the_seeds(settings: Settings) -> None:
    copy_seeds(settings.inbox)
    summary = run_night(settings)

    assert summary.run["status"] == "completed"
    assert query(settings, "SELECT lang, count(*) FROM articles GROUP BY lang ORDER BY lang") == [
        ("de", 3),
        ("en", 1),
        ("es", 1),
        ("fr", 1),
    ]
    quarantined = dict(query(settings, "SELECT path, reason FROM quarantine"))
    assert {Path(p).name for p in quarantined} == {
        "090_bad_empty.txt",
        "091_bad_picture.txt",
        "092_bad_undecodable.txt",
    }
    assert all(reason for reason in quarantined.values())
    hamburg = query(
        settings,
        "SELECT agency, dateline_places, desk_codes, headline, nlp_pipeline, word_count "
        "FROM articles WHERE source_file LIKE '%hafen%'",
    )[0]
    assert hamburg[:4] == (
        "dpa-AFX",
        ["Hamburg"],
        ["kab", "jha", "he"],
        "Hamburger Hafen meldet Rekordumschlag bei Containern",
    )
    assert hamburg[4] and hamburg[5] > 100
    # Every article has sentences; German ones get entities; every check passed.
    assert query(
        settings,
        "SELECT count(*) FROM articles a WHERE NOT EXISTS "
        "(SELECT 1 FROM sentences s WHERE s.article_id = a.article_id)",
    ) == [(0,)]
    assert query(
        settings,
        "SELECT count(*) > 0 FROM entities e JOIN articles a USING (article_id) WHERE a.lang = 'de'",
    ) == [(True,)]
    assert query(settings, "SELECT bool_and(passed), count(*) FROM check_results") == [(True, 7)]
    run = query(
        settings,
        "SELECT files_seen, files_new, files_loaded, files_quarantined, articles_loaded, flow_run_id FROM ingest_runs",
    )
    assert run[0][:5] == (9, 9, 6, 3, 6)
    assert run[0][5]
    lake_files = sorted(settings.lake_dir.rglob("*.parquet"))
    assert {p.parts[-3] for p in lake_files} >= {"articles", "sentences", "entities"}
    assert all(p.parent.name.startswith("ingest_date=") for p in lake_files)
    assert not (settings.staging_dir / summary.run["run_id"]).exists()


def test_rerun_loads_nothing_twice_and_edits_are_reprocessed(settings: Settings) -> None:
    copy_seeds(settings.inbox)
    run_night(settings)
    before = content_of(settings, "articles", "article_id")
    entities_before = content_of(settings, "entities", "article_id, part, entity_index")

    second = run_night(settings)
    assert (second.run["files_new"], second.run["articles_loaded"]) == (0, 0)
    assert content_of(settings, "articles", "article_id") == before
    assert content_of(settings, "entities", "article_id, part, entity_index") == entities_before

    edited = settings.inbox / "003_de_ezb_zinsen.txt"
    edited.write_text(
        edited.read_text(encoding="utf-8").replace("1,16 US-Dollar", "1,17 US-Dollar"),
        encoding="utf-8",
    )
    third = run_night(settings)
    assert (third.run["files_new"], third.run["articles_loaded"]) == (1, 1)
    assert query(settings, "SELECT count(*) FROM articles") == [(6,)]
    assert query(settings, "SELECT count(*) FROM articles WHERE body LIKE '%1,17 US-Dollar%'") == [
        (1,)
    ]
    assert query(settings, "SELECT count(*) FROM ingest_files WHERE path LIKE '%ezb%'") == [(2,)]


def test_duplicate_delivery_is_recorded_not_loaded(settings: Settings) -> None:
    shutil.copy(SEEDS / "004_en_wind_farm.txt", settings.inbox / "a.txt")
    shutil.copy(SEEDS / "004_en_wind_farm.txt", settings.inbox / "b.txt")
    run_night(settings)
    assert query(settings, "SELECT count(*) FROM articles") == [(1,)]
    assert query(
        settings,
        "SELECT status, reason LIKE 'same bytes as %' FROM ingest_files WHERE path LIKE '%b.txt'",
    ) == [("duplicate", True)]


def test_crashed_run_rerun_ends_as_if_it_never_crashed(tmp_path: Path) -> None:
    """Process every batch to the lake but load only the first (a crash), then re-run."""
    from wirehouse import batch_path, discovery, run_info, stages

    crashed = Settings(
        inbox=SEEDS, warehouse=tmp_path / "crashed" / "w.duckdb", batch_size=2, nlp_processes=1
    )
    run = run_info.new_run(crashed, flow_run_id=None)
    stages.migrate(run)
    plan = discovery.discover(run)
    assert len(plan.batches) > 2
    for batch in plan.batches:
        parsed = stages.parse(batch, run)
        languages = stages.detect_languages(parsed, run)
        enriched = stages.enrich(parsed, languages, batch, run)
        lake_batch = batch_path.publish(enriched, crashed.lake_dir)
        if batch.number == 1:
            stages.load(lake_batch, parsed, run)
    # ... the process dies here. The next night runs normally.
    run_night(crashed, batch_size=2)

    clean = Settings(inbox=SEEDS, warehouse=tmp_path / "clean" / "w.duckdb", batch_size=2)
    run_night(clean, batch_size=2)
    for table, order in [
        ("articles", "article_id"),
        ("entities", "article_id, part, entity_index"),
        ("sentences", "article_id, part, sentence_index"),
        ("keywords", "article_id, rank"),
        ("quotes", "article_id, quote_index"),
    ]:
        assert content_of(crashed, table, order) == content_of(clean, table, order), table
    lake_rows = "SELECT count(*) FROM read_parquet(?)"
    for table in ("articles", "entities"):
        crashed_files = sorted(str(p) for p in (crashed.lake_dir / table).rglob("*.parquet"))
        clean_files = sorted(str(p) for p in (clean.lake_dir / table).rglob("*.parquet"))
        assert query(crashed, lake_rows, crashed_files) == query(clean, lake_rows, clean_files)


def test_seed_story_from_shared(settings: Settings) -> None:
    seed = shared_path("seeds", "000_a73598f9923d9b8e.txt")
    shutil.copy(seed, settings.inbox / seed.name)
    run_night(settings)
    row = query(settings, "SELECT lang, agency, dateline_places, desk_codes, body FROM articles")
    assert len(row) == 1
    lang, agency, places, desk, body = row[0]
    assert (lang, agency, places, desk) == ("de", "dpa-AFX", ["Kiew", "Genf"], ["ast", "DP", "zb"])
    assert body.startswith("Nach der jüngsten Gesprächsrunde")
    assert "/ast/DP/zb" not in body and "(dpa-AFX)" not in body


def test_seed_story_enrichment_in_the_warehouse(settings: Settings) -> None:
    """Issue 4's seed expectations, end to end: norms, places and the attributed quote."""
    seed = shared_path("seeds", "000_a73598f9923d9b8e.txt")
    shutil.copy(seed, settings.inbox / seed.name)
    run_night(settings)
    people = {
        r[0] for r in query(settings, "SELECT DISTINCT norm FROM entities WHERE label = 'PER'")
    }
    assert people >= {
        "Wolodymyr Selenskyj",
        "Wladimir Putin",
        "Rustem Umjerow",
        "Steve Witkoff",
        "Jared Kushner",
        "Kirill Dmitrijew",
    }
    short = query(
        settings,
        "SELECT DISTINCT norm FROM entities WHERE text IN ('Putin', 'Selenskyj', 'Umjerow')",
    )
    assert {r[0] for r in short} == {"Wladimir Putin", "Wolodymyr Selenskyj", "Rustem Umjerow"}
    places = {
        r[0] for r in query(settings, "SELECT DISTINCT norm FROM entities WHERE label = 'LOC'")
    }
    assert places >= {"Kiew", "Genf", "Washington", "Moskau", "Abu Dhabi"}
    assert query(
        settings,
        "SELECT speaker_norm FROM quotes WHERE quote = 'alles, was für echte Sicherheitsgarantien erreicht wurde'",
    ) == [("Wolodymyr Selenskyj",)]
    assert query(settings, "SELECT count(*) FROM entities WHERE is_dateline") == [(2,)]
