"""Every wire format through the real flow into the warehouse (issue: read every format)."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest

from tests.conftest import FIXTURES
from wirehouse.settings import Settings

pytestmark = pytest.mark.usefixtures("prefect_harness")

WIRE = FIXTURES / "wire"
FORMATS = {
    "anpa1312",
    "ap_media_api",
    "appl",
    "digitalwires",
    "dpa_afx",
    "email",
    "iptc7901",
    "newsml12",
    "newsml_g2",
    "ninjs",
    "nitf",
    "ntb_release",
    "plain_text",
    "reuters_newsitem",
    "ritzau",
    "rss_atom",
}


@pytest.fixture(scope="module")
def loaded(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    from flows.nightly import nightly_ingest

    root = tmp_path_factory.mktemp("formats")
    inbox = root / "inbox"
    shutil.copytree(WIRE, inbox)
    settings = Settings(inbox=inbox, warehouse=root / "w.duckdb")
    nightly_ingest(inbox=str(settings.inbox), warehouse=str(settings.warehouse))
    return settings


def q(settings: Settings, sql: str) -> list[tuple]:
    with duckdb.connect(str(settings.warehouse), read_only=True) as con:
        return con.execute(sql).fetchall()


def test_every_format_loads(loaded: Settings) -> None:
    formats = {row[0] for row in q(loaded, "SELECT DISTINCT format FROM articles")}
    assert formats == FORMATS
    assert q(
        loaded, "SELECT count(*) FROM articles WHERE length(body) = 0 AND headline IS NULL"
    ) == [(0,)]
    assert q(loaded, "SELECT bool_and(passed) FROM check_results") == [(True,)]


def test_bad_files_are_quarantined_with_reasons(loaded: Settings) -> None:
    rows = q(loaded, "SELECT path, reason FROM quarantine")
    names = {Path(path).name for path, _ in rows}
    assert names == {p.name for p in (WIRE / "bad").iterdir()}
    assert all(reason and len(reason) > 10 for _, reason in rows)


def test_non_text_items_are_recorded_as_skipped(loaded: Settings) -> None:
    skipped = q(loaded, "SELECT item_type, reason FROM skipped_items")
    assert len(skipped) >= 4
    assert all(reason for _, reason in skipped)


def test_same_story_in_every_format_is_one_story_per_identity(loaded: Settings) -> None:
    rows = q(
        loaded,
        "SELECT format, story_id, headline FROM articles WHERE source_file LIKE '%same_story%' ORDER BY format",
    )
    assert {headline for _, _, headline in rows} == {"Hamburg opens floating library on the Elbe"}
    # NewsML 1.2, NewsML-G2 and ninjs carry the same guid and version: one article, not three.
    guid_rows = [r for r in rows if r[1] == "urn:newsml:dpa.com:20250610:library-hamburg"]
    assert len(guid_rows) == 1


def test_withdrawn_stories_are_marked_and_current_view_has_one_row_per_story(
    loaded: Settings,
) -> None:
    assert q(loaded, "SELECT count(*) > 0 FROM articles WHERE pubstatus = 'canceled'") == [(True,)]
    assert q(loaded, "SELECT count(*) = count(DISTINCT story_id) FROM articles_current") == [
        (True,)
    ]


def test_a_new_version_arrives_a_night_later(tmp_path: Path) -> None:
    from flows.nightly import nightly_ingest

    settings = Settings(inbox=tmp_path / "inbox", warehouse=tmp_path / "w.duckdb")
    settings.inbox.mkdir()
    v1 = (WIRE / "same_story.newsml_g2.xml").read_bytes()
    (settings.inbox / "library-v1.xml").write_bytes(v1)
    nightly_ingest(inbox=str(settings.inbox), warehouse=str(settings.warehouse))
    v2 = v1.replace(b'version="1"', b'version="2"').replace(
        b"floating library on the Elbe", b"floating library on the Elbe, mayor says"
    )
    (settings.inbox / "library-v2.xml").write_bytes(v2)
    nightly_ingest(inbox=str(settings.inbox), warehouse=str(settings.warehouse))

    assert q(settings, "SELECT version FROM articles ORDER BY version") == [(1,), (2,)]
    assert q(settings, "SELECT count(DISTINCT story_id) FROM articles") == [(1,)]
    assert q(settings, "SELECT version, headline FROM articles_current") == [
        (2, "Hamburg opens floating library on the Elbe, mayor says")
    ]
