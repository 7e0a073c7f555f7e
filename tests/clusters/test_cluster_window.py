"""The window clustering compares with, read from a real warehouse in one statement."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from wirehouse.clusters.signatures import signature_record
from wirehouse.clusters.store import cluster_new_stories
from wirehouse.warehouse import migrate_warehouse, open_warehouse

T0 = datetime(2026, 11, 20, 8, 0, tzinfo=UTC)
OLD_STORY = (
    "Die Tarifparteien der Bahn haben sich nach zwölf Stunden Verhandlungen in Frankfurt auf "
    "einen neuen Vertrag geeinigt. Die Löhne steigen in zwei Stufen um insgesamt acht Prozent."
)


def add_article(con, article_id: str, story_id: str, body: str, seen: datetime) -> None:  # type: ignore[no-untyped-def]
    con.execute(
        "INSERT INTO articles (article_id, story_id, format, body, word_count, source_file, "
        "source_sha256, item_index, lang, run_id, ingested_at, ingest_date, first_created) "
        "VALUES (?, ?, 'text', ?, 10, 'f', 'x', 0, 'de', 'r', ?, ?, ?)",
        [article_id, story_id, body, seen, seen.date(), seen],
    )
    record = signature_record(article_id, None, body)
    con.execute(
        "INSERT INTO article_signatures VALUES (?, ?, ?, NULL, 'r', ?)",
        [article_id, record["minhash"], record["shingles"], seen.date()],
    )


def add_member(con, cluster_id: str, article_id: str, seen: datetime) -> None:  # type: ignore[no-untyped-def]
    con.execute(
        "INSERT INTO story_clusters VALUES (?, ?, 1.0, ?, 'r')", [cluster_id, article_id, seen]
    )


def test_a_cluster_first_seen_before_the_window_keeps_its_first_story(tmp_path: Path) -> None:
    migrate_warehouse(tmp_path / "w.duckdb")
    with open_warehouse(tmp_path / "w.duckdb") as con:
        # A cluster begun 10 days ago with a member 2 days ago, and one that is out of reach.
        add_article(con, "first", "s1", OLD_STORY, T0)
        add_member(con, "first", "first", T0)
        add_article(
            con, "recent", "s2", OLD_STORY + " Die Gewerkschaft stimmt zu.", T0 + timedelta(days=8)
        )
        add_member(con, "first", "recent", T0 + timedelta(days=8))
        add_article(con, "gone", "s3", "Ein ganz anderer Text über das Wetter an der Küste.", T0)
        add_member(con, "gone", "gone", T0)
        rows = con.execute(
            (Path(__file__).parents[2] / "sql/statements/cluster_window.sql").read_text(),
            {"since": T0 + timedelta(days=7)},
        ).fetchall()
        assert [(r[0], r[1], r[6]) for r in rows] == [
            ("first", "first", False),
            ("first", "recent", True),
        ]
        # Tonight's correction of the old story joins the cluster, with its similarity to the
        # first story (outside the window) recorded.
        add_article(con, "tonight", "s4", OLD_STORY + " (Berichtigt.)", T0 + timedelta(days=10))
        con.execute("UPDATE articles SET story_date = first_created")
        (membership,) = cluster_new_stories(
            con, "run", tmp_path / "staging", window_days=3, threshold=0.2
        )
        assert membership.cluster_id == "first" and 0.5 < membership.similarity < 1.0
