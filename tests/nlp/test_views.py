"""The analyst views over enrichment tables run on an empty-ish warehouse and count right."""

from __future__ import annotations

import duckdb

from wirehouse.settings import PROJECT_ROOT

SQL = PROJECT_ROOT / "sql"


def _warehouse() -> duckdb.DuckDBPyConnection:
    con = duckdb.connect()
    for path in sorted((SQL / "migrations").glob("*.sql")):
        con.execute(path.read_text(encoding="utf-8"))
    for path in sorted((SQL / "views").glob("*.sql")):
        con.execute(path.read_text(encoding="utf-8"))
    con.execute(
        "INSERT INTO articles (article_id, story_id, version, format, body, word_count,"
        " source_file, source_sha256, item_index, lang, run_id, ingested_at, ingest_date,"
        " version_created, story_date, story_date_source, pubstatus) VALUES"
        " ('a1', 's1', 1, 'x', 'b', 1, 'f', 'h', 0, 'de', 'r', now(), DATE '2025-01-02',"
        "  TIMESTAMPTZ '2025-01-01 23:30:00+00', TIMESTAMPTZ '2025-01-01 23:30:00+00',"
        "  'version_created', 'usable'),"
        " ('a1v2', 's1', 2, 'x', 'b', 1, 'f', 'h', 1, 'de', 'r', now(), DATE '2025-01-02',"
        "  TIMESTAMPTZ '2025-01-01 23:45:00+00', TIMESTAMPTZ '2025-01-01 23:45:00+00',"
        "  'version_created', 'usable'),"
        " ('a2', 's2', 1, 'x', 'b', 1, 'f', 'h', 2, 'de', 'r', now(), DATE '2025-01-02', NULL,"
        "  TIMESTAMPTZ '2025-01-02 02:00:00+00', 'ingested', 'usable'),"
        # s3 was killed: its latest version is canceled, so none of it counts.
        " ('a3', 's3', 1, 'x', 'b', 1, 'f', 'h', 3, 'de', 'r', now(), DATE '2025-01-02', NULL,"
        "  TIMESTAMPTZ '2025-01-01 10:00:00+00', 'first_created', 'usable'),"
        " ('a3v2', 's3', 2, 'x', 'b', 1, 'f', 'h', 4, 'de', 'r', now(), DATE '2025-01-02', NULL,"
        "  TIMESTAMPTZ '2025-01-01 10:00:00+00', 'first_created', 'canceled')"
    )
    con.execute(
        "INSERT INTO entities (article_id, part, entity_index, text, label, start_char,"
        " end_char, norm, is_dateline, run_id, ingest_date) VALUES"
        " ('a1', 'body', 0, 'Putin', 'PER', 0, 5, 'Wladimir Putin', false, 'r', '2025-01-02'),"
        " ('a1v2', 'body', 0, 'Putin', 'PER', 0, 5, 'Wladimir Putin', false, 'r', '2025-01-02'),"
        " ('a1v2', 'body', 1, 'Kiew', 'LOC', 6, 10, 'Kiew', false, 'r', '2025-01-02'),"
        " ('a2', 'body', 0, 'Putins', 'PER', 0, 6, 'Wladimir Putin', false, 'r', '2025-01-02'),"
        " ('a2', 'dateline', 1, 'KIEW', 'LOC', 0, 4, 'Kiew', true, 'r', '2025-01-02'),"
        " ('a3', 'body', 0, 'Scholz', 'PER', 0, 6, 'Olaf Scholz', false, 'r', '2025-01-02')"
    )
    con.execute(
        "INSERT INTO quotes (article_id, part, quote_index, quote, speaker, speaker_norm,"
        " start_char, end_char, run_id, ingest_date) VALUES"
        " ('a1v2', 'body', 0, 'Wir sind bereit', 'er', 'Wladimir Putin', 0, 5, 'r',"
        "  '2025-01-02'),"
        " ('a2', 'body', 0, 'Ohne Sprecher', NULL, NULL, 0, 5, 'r', '2025-01-02')"
    )
    return con


def test_people_per_day() -> None:
    rows = (
        _warehouse()
        .execute(
            "SELECT CAST(mention_date AS VARCHAR), person, mentions, stories, rank_in_day"
            " FROM people_per_day ORDER BY ALL"
        )
        .fetchall()
    )
    # The superseded version a1 and the killed story s3 do not count; the day is the story
    # date (a2's is its ingest time).
    assert rows == [
        ("2025-01-01", "Wladimir Putin", 1, 1, 1),
        ("2025-01-02", "Wladimir Putin", 1, 1, 1),
    ]


def test_articles_current_leaves_out_killed_stories() -> None:
    rows = _warehouse().execute("SELECT article_id FROM articles_current ORDER BY 1").fetchall()
    assert rows == [("a1v2",), ("a2",)]


def test_entity_cooccurrence() -> None:
    rows = _warehouse().execute("SELECT * FROM entity_cooccurrence ORDER BY ALL").fetchall()
    assert rows == [("LOC", "Kiew", "PER", "Wladimir Putin", 2)]


def test_quotes_by_speaker() -> None:
    rows = (
        _warehouse()
        .execute("SELECT speaker, quotes, stories, latest_quote FROM quotes_by_speaker")
        .fetchall()
    )
    assert rows == [("Wladimir Putin", 1, 1, "Wir sind bereit")]
