"""Test tiers: unit tests need nothing; flow tests share one session-wide Prefect harness.

Prefect's environment is set before Prefect is imported anywhere, so the harness never
touches the developer's own Prefect home.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

_PREFECT_HOME = Path(tempfile.mkdtemp(prefix="wirehouse-test-prefect-"))
os.environ["PREFECT_HOME"] = str(_PREFECT_HOME)
os.environ.pop("PREFECT_API_URL", None)
for _name in [n for n in os.environ if n.startswith("WIREHOUSE_")]:
    del os.environ[_name]

from wirehouse import prefect_env  # noqa: E402
from wirehouse.settings import PROJECT_ROOT, Settings  # noqa: E402

prefect_env.configure(_PREFECT_HOME)
# One spaCy process keeps flow tests light; the parallel path has its own tests.
os.environ["WIREHOUSE_NLP_PROCESSES"] = "1"

SHARED = (PROJECT_ROOT.parent / "shared").resolve()
FIXTURES = Path(__file__).resolve().parent / "fixtures"
# WIREHOUSE_PIPELINES that switches every default pipeline off (tests about files, not entities).
ALL_BLANK = '{"de": "blank", "en": "blank", "fr": "blank"}'


def shared_path(*parts: str) -> Path:
    """A path under ../shared, or skip the test with the reason when it is absent."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} not present: ../shared is only beside the repo on dev and CI machines")
    return path


@pytest.fixture(scope="session")
def prefect_harness() -> Iterator[None]:
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=120):
        yield


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """Settings for a fresh warehouse under tmp_path, reading an inbox there too."""
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    return Settings(inbox=inbox, warehouse=tmp_path / "wh" / "wirehouse.duckdb", nlp_processes=1)
