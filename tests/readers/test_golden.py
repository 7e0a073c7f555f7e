"""Every fixture reads to exactly its golden JSON. `UPDATE_GOLDEN=1` rewrites the goldens.

Review a golden diff like code: it is the statement of what each format must yield.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.readers.conftest import GOLDEN, check_golden, good_fixtures, unlisted_goldens


@pytest.mark.parametrize("path", good_fixtures(), ids=lambda p: p.name)
def test_fixture_matches_golden(path: Path) -> None:
    check_golden(path, GOLDEN / f"{path.name}.json")


def test_every_golden_has_a_fixture() -> None:
    orphans = unlisted_goldens(GOLDEN, (f"{p.name}.json" for p in good_fixtures()))
    assert not orphans, f"goldens without a fixture: {orphans}"
