"""The warehouse an analyst can trust, through the real flow: one story date, one agency
spelling, kills out of `articles_current`, empty items flagged (checked with SQL)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import duckdb
import pytest

from tests.conftest import FIXTURES
from wirehouse.settings import PROJECT_ROOT, Settings

pytestmark = pytest.mark.usefixtures("prefect_harness")

# A German story whose only date is its dateline's (`3. Juni`, no year), and a flash that
# is all headline: what real nights bring beside the fixtures.
DATELINE_ONLY = (
    "Regierung beschliesst neue Regeln\n\n"
    "MADRID, 3. Juni (dpa) - Die spanische Regierung hat am Montag neue Regeln für den "
    "Wohnungsmarkt beschlossen. Ministerpräsident Pedro Sánchez sagte in Madrid, das sei "
    "ein guter Tag für alle Mieter. Die Opposition kündigte Widerstand an.\n"
)
FLASH = {
    "uri": "urn:test:flash-1",
    "type": "text",
    "version": "1",
    "headline": "Eilmeldung: Bundestag beschließt Haushalt",
    "versioncreated": "2026-11-30T21:05:00Z",
    "copyrightnotice": "(c) dpa",
}


@pytest.fixture(scope="module")
def night(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    from flows.nightly import nightly_ingest

    root = tmp_path_factory.mktemp("trust")
    inbox = root / "inbox"
    shutil.copytree(FIXTURES / "wire", inbox / "wire")
    shutil.copytree(PROJECT_ROOT / "seeds", inbox / "seeds")
    (inbox / "dateline_only.txt").write_text(DATELINE_ONLY, encoding="utf-8")
    (inbox / "flash.json").write_text(json.dumps(FLASH, ensure_ascii=False), encoding="utf-8")
    settings = Settings(inbox=inbox, warehouse=root / "w.duckdb")
    nightly_ingest(inbox=str(settings.inbox), warehouse=str(settings.warehouse))
    return settings


def q(settings: Settings, sql: str) -> list[tuple]:
    with duckdb.connect(str(settings.warehouse), read_only=True) as con:
        return con.execute(sql).fetchall()


def test_every_story_has_a_story_date_and_says_from_what(night: Settings) -> None:
    assert q(night, "SELECT count(*) FROM articles WHERE story_date IS NULL") == [(0,)]
    sources = dict(q(night, "SELECT story_date_source, count(*) FROM articles GROUP BY ALL"))
    assert set(sources) <= {"first_created", "version_created", "sent", "dateline_date", "ingested"}
    # Formats that carry a time use it; only formats that carry none (or a feed item whose
    # date cannot be read) fall back to the night.
    assert q(
        night,
        "SELECT DISTINCT format FROM articles WHERE story_date_source = 'ingested' ORDER BY 1",
    ) == [("dpa_afx",), ("iptc7901",), ("ninjs",), ("plain_text",), ("rss_atom",)]
    assert q(
        night,
        "SELECT count(*) FROM articles WHERE story_date_source = 'ingested' "
        "AND story_date <> ingested_at",
    ) == [(0,)]
    assert q(
        night,
        "SELECT story_date_source, cast(story_date AS VARCHAR) FROM articles "
        "WHERE source_file LIKE '%newsml_g2_dpa_de%'",
    ) == [("first_created", "2025-06-14 09:40:00+00")]


def test_a_dateline_day_without_a_year_takes_the_year_of_the_night(night: Settings) -> None:
    rows = q(
        night,
        "SELECT dateline_date, story_date_source, year(ingest_date), "
        "month(timezone('UTC', story_date)), day(timezone('UTC', story_date)) "
        "FROM articles WHERE source_file LIKE '%dateline_only%'",
    )
    assert len(rows) == 1
    dateline, source, ingest_year, month, day = rows[0]
    assert (dateline, source, month, day) == ("3. Juni", "dateline_date", 6, 3)
    assert q(
        night,
        "SELECT story_date <= ingested_at + INTERVAL 1 DAY FROM articles "
        "WHERE source_file LIKE '%dateline_only%'",
    ) == [(True,)]
    assert ingest_year


def test_one_spelling_per_agency_and_the_raw_value_kept(night: Settings) -> None:
    agencies = {row[0] for row in q(night, "SELECT DISTINCT agency FROM articles")}
    assert {"dpa", "dpa-AFX", "AP", "AFP", "EFE", "PA"} <= agencies
    assert not {a for a in agencies if a and a.lower() in {"reuters", "afp.com"} and a != "Reuters"}
    # Where the file said it: the seeds' dateline `(dpa-AFX)`, the flash's copyright `(c) dpa`.
    assert q(night, "SELECT agency, agency_raw FROM articles WHERE guid = 'urn:test:flash-1'") == [
        ("dpa", None)
    ]
    assert q(
        night, "SELECT DISTINCT agency, agency_raw FROM articles WHERE source_file LIKE '%seeds%'"
    ) == [("dpa-AFX", "dpa-AFX")]


def test_a_killed_story_leaves_articles_current_but_stays_in_articles(night: Settings) -> None:
    killed = q(
        night,
        "SELECT story_id, pubstatus, pubstatus_raw FROM articles "
        "WHERE pubstatus IN ('canceled', 'withdrawn') ORDER BY story_id",
    )
    assert len(killed) >= 4  # ANPA KILL, G2 canceled, NewsML 1.2 canceled, ninjs canceled
    assert q(
        night,
        "SELECT count(*) FROM articles_current WHERE pubstatus IN ('canceled', 'withdrawn')",
    ) == [(0,)]
    story_ids = ", ".join(f"'{s}'" for s, _, _ in killed)
    assert q(night, f"SELECT count(*) FROM articles_current WHERE story_id IN ({story_ids})") == [
        (0,)
    ]
    # ANPA 1312 has no story ids: the KILL names its story by slugline, and that story leaves.
    assert q(
        night,
        "SELECT count(*) FROM articles_current WHERE format = 'anpa1312' "
        "AND slugline = 'Bundesliga Results'",
    ) == [(0,)]
    assert q(
        night,
        "SELECT count(*) FROM articles WHERE format = 'anpa1312' "
        "AND slugline = 'Bundesliga Results'",
    ) == [(2,)]
    assert q(night, "SELECT count(*) FROM articles_current WHERE pubstatus = 'usable'") != [(0,)]


def test_an_empty_item_is_flagged_not_silently_loaded(night: Settings) -> None:
    assert q(
        night, "SELECT is_empty, word_count FROM articles WHERE guid = 'urn:test:flash-1'"
    ) == [(True, 0)]
    assert q(night, "SELECT count(*) FROM articles WHERE is_empty IS NULL") == [(0,)]
    assert q(night, "SELECT count(*) FROM articles WHERE is_empty AND word_count > 0") == [(0,)]


def test_analyst_views_count_by_story_date(night: Settings) -> None:
    days = set(q(night, "SELECT DISTINCT mention_date FROM people_per_day"))
    story_days = set(
        q(night, "SELECT DISTINCT cast(timezone('UTC', story_date) AS DATE) FROM articles_current")
    )
    assert days and days <= story_days
    # Every person of a story with a date of its own is counted on that day, not on the night
    # the story arrived.
    dated_people = (
        "FROM entities AS e INNER JOIN articles_current AS a ON e.article_id = a.article_id "
        "WHERE e.label = 'PER' AND NOT e.is_dateline AND a.story_date_source <> 'ingested' "
        "AND cast(timezone('UTC', a.story_date) AS DATE) <> a.ingest_date"
    )
    assert q(night, f"SELECT count(*) {dated_people}") != [(0,)]
    assert q(
        night,
        f"SELECT count(*) {dated_people} AND NOT EXISTS (SELECT 1 FROM people_per_day AS p "
        "WHERE p.person = coalesce(e.norm, e.text) "
        "AND p.mention_date = cast(timezone('UTC', a.story_date) AS DATE))",
    ) == [(0,)]
    first, last = q(
        night, "SELECT min(first_quoted_at), max(last_quoted_at) FROM quotes_by_speaker"
    )[0]
    assert first is None or first <= last
    assert q(night, "SELECT bool_and(passed) FROM check_results") == [(True,)]


def test_migration_004_fills_rows_loaded_before_it(tmp_path: Path) -> None:
    from wirehouse import sql
    from wirehouse.warehouse import migrate_warehouse, open_warehouse

    path = tmp_path / "old.duckdb"
    con = duckdb.connect(str(path))
    for migration in sql.numbered("migrations"):
        if migration.number < 4:
            con.execute(migration.text)
    con.execute(
        "INSERT INTO articles (article_id, story_id, format, agency, body, word_count, "
        "source_file, source_sha256, item_index, lang, run_id, ingested_at, ingest_date, "
        "pubstatus, version_created) VALUES ('a', 's', 'nitf', 'AP', 'Text.', 1, 'f', 'h', 0, "
        "'en', 'r', TIMESTAMPTZ '2026-12-01 02:00:00+00', DATE '2026-12-01', 'usable', "
        "TIMESTAMPTZ '2026-11-30 10:00:00+00')"
    )
    con.execute(sql.statement("create_migrations_table"))
    for migration in sql.numbered("migrations"):
        if migration.number < 4:
            con.execute(
                sql.statement("record_migration"),
                {"version": migration.number, "name": migration.name},
            )
    con.close()
    migrate_warehouse(path)
    with open_warehouse(path) as migrated:
        row = migrated.execute(
            "SELECT agency_raw, pubstatus_raw, cast(story_date AS VARCHAR), story_date_source, "
            "is_empty FROM articles"
        ).fetchall()
    assert row == [("AP", "usable", "2026-11-30 10:00:00+00", "version_created", False)]


def test_the_report_says_what_the_stories_could_not_tell(night: Settings) -> None:
    from wirehouse.night_report import summarize, to_text, trust_line

    with duckdb.connect(str(night.warehouse), read_only=True) as con:
        (run_id,) = con.execute("SELECT run_id FROM ingest_runs").fetchone() or ("",)
        summary = summarize(con, run_id)
    expected = dict(
        zip(
            ("dated_by_ingest", "without_agency", "killed", "empty"),
            q(
                night,
                "SELECT count(*) FILTER (WHERE story_date_source = 'ingested'), "
                "count(*) FILTER (WHERE agency IS NULL), "
                "count(*) FILTER (WHERE pubstatus IN ('canceled', 'withdrawn')), "
                "count(*) FILTER (WHERE is_empty) FROM articles",
            )[0],
            strict=True,
        )
    )
    assert summary.trust == expected
    assert expected["killed"] >= 4 and expected["empty"] >= 1
    line = trust_line(summary)
    assert line and f"{expected['killed']} killed or withdrawn" in line
    assert line in to_text(summary)
