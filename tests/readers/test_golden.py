"""Every fixture reads to exactly its golden JSON. `UPDATE_GOLDEN=1` rewrites the goldens.

Review a golden diff like code: it is the statement of what each format must yield.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tests.readers.conftest import GOLDEN, good_fixtures, item_record, to_json
from wirehouse.readers import read_wire

UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"


@pytest.mark.parametrize("path", good_fixtures(), ids=lambda p: p.name)
def test_fixture_matches_golden(path: Path) -> None:
    fmt, items = read_wire(path.read_bytes())
    actual = {"format": fmt, "items": [item_record(i) for i in items]}
    golden = GOLDEN / f"{path.name}.json"
    if UPDATE or not golden.exists():
        golden.write_text(to_json(actual), encoding="utf-8")
        if not UPDATE:
            pytest.fail(f"golden {golden.name} was missing and has been written: review it")
    assert actual == json.loads(golden.read_text(encoding="utf-8"))


def test_every_golden_has_a_fixture() -> None:
    names = {f"{p.name}.json" for p in good_fixtures()}
    orphans = sorted(p.name for p in GOLDEN.glob("*.json") if p.name not in names)
    assert not orphans, f"goldens without a fixture: {orphans}"
