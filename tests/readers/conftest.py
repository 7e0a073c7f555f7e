"""Shared paths and helpers for the reader tests."""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterable
from dataclasses import asdict
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from wirehouse.model import Article, SkippedItem
from wirehouse.readers import read_wire

REPO = Path(__file__).resolve().parents[2]
FIXTURES = REPO / "tests" / "fixtures" / "wire"
BAD_FIXTURES = FIXTURES / "bad"
GOLDEN = Path(__file__).resolve().parent / "golden"
SHARED_SAMPLES = REPO.parent / "shared" / "wire-samples"
# Rewrite the goldens from what the readers yield now: review such a diff like code.
UPDATE_GOLDEN = os.environ.get("UPDATE_GOLDEN") == "1"


def good_fixtures() -> list[Path]:
    return sorted(p for p in FIXTURES.iterdir() if p.is_file())


def bad_fixtures() -> list[Path]:
    return sorted(p for p in BAD_FIXTURES.iterdir() if p.is_file())


def _plain(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat()
    return value


def item_record(item: Article | SkippedItem) -> dict[str, Any]:
    """What a golden file stores for one item: every parse-level column, JSON-friendly."""
    if isinstance(item, SkippedItem):
        return {"skipped": asdict(item)}
    return {key: _plain(value) for key, value in item.to_record().items()}


def to_json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def check_golden(
    source: Path,
    golden: Path,
    record: Callable[[Article | SkippedItem], dict[str, Any]] = item_record,
) -> None:
    """`source` reads to exactly what `golden` holds (each item as `record` stores it).

    A missing golden is written and the test fails, asking for a review; `UPDATE_GOLDEN=1`
    rewrites every golden.
    """
    fmt, items = read_wire(source.read_bytes())
    actual = {"format": fmt, "items": [record(item) for item in items]}
    if UPDATE_GOLDEN or not golden.exists():
        golden.write_text(to_json(actual), encoding="utf-8")
        if not UPDATE_GOLDEN:
            pytest.fail(f"golden {golden.name} was missing and has been written: review it")
    assert actual == json.loads(golden.read_text(encoding="utf-8"))


def unlisted_goldens(folder: Path, names: Iterable[str]) -> list[str]:
    """The goldens in `folder` that no test reads (a source renamed or dropped)."""
    listed = set(names)
    return sorted(path.name for path in folder.glob("*.json") if path.name not in listed)
