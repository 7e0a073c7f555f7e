"""The warehouse after the demo night, and after reprocessing it, is exactly what it was when
the fingerprints in tests/fixtures/fingerprint/ were saved (before the batch path was made
one, issue 16). A change that means to change the data saves them again:

    UPDATE_FINGERPRINTS=1 .venv/bin/pytest tests/test_fingerprint.py

and says so in its commit.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from tests import fingerprint
from tests.conftest import FIXTURES
from tests.test_ops_reprocess import ruler_pipeline
from wirehouse.settings import PROJECT_ROOT, Settings

pytestmark = pytest.mark.usefixtures("prefect_harness")

SAVED = FIXTURES / "fingerprint"


def assert_fingerprint(warehouse: Path, name: str) -> None:
    actual = fingerprint.fingerprint(warehouse)
    saved = SAVED / f"{name}.json"
    if os.environ.get("UPDATE_FINGERPRINTS") == "1":
        SAVED.mkdir(parents=True, exist_ok=True)
        fingerprint.save(saved, actual)
    expected = fingerprint.load(saved)
    differing = sorted(
        t for t in expected.keys() | actual.keys() if expected.get(t) != actual.get(t)
    )
    assert not differing, {t: (expected.get(t), actual.get(t)) for t in differing}


def test_the_demo_night_and_its_reprocess_match_the_saved_fingerprints(
    settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from flows.nightly import nightly_ingest
    from flows.reprocess import reprocess_enrichment

    for path in (PROJECT_ROOT / "seeds").iterdir():
        shutil.copy(path, settings.inbox / path.name)
    nightly_ingest(inbox=str(settings.inbox), warehouse=str(settings.warehouse))
    assert_fingerprint(settings.warehouse, "night")

    # A different German model, and none for the other languages: every story changes.
    monkeypatch.setenv(
        "WIREHOUSE_PIPELINES",
        json.dumps(
            {"de": str(ruler_pipeline(tmp_path / "de_ruler")), "en": "blank", "fr": "blank"}
        ),
    )
    summary = reprocess_enrichment(since=settings_date(settings), warehouse=str(settings.warehouse))
    assert summary.stories == 6
    assert_fingerprint(settings.warehouse, "reprocess")


def settings_date(settings: Settings):  # type: ignore[no-untyped-def]
    import duckdb

    with duckdb.connect(str(settings.warehouse), read_only=True) as con:
        row = con.execute("SELECT min(ingest_date) FROM articles").fetchone()
    assert row is not None
    return row[0]
