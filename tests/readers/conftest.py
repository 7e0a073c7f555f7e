"""Shared paths and helpers for the reader tests."""

from __future__ import annotations

import json
from dataclasses import asdict
from datetime import datetime
from pathlib import Path
from typing import Any

from wirehouse.model import Article, SkippedItem

REPO = Path(__file__).resolve().parents[2]
FIXTURES = REPO / "tests" / "fixtures" / "wire"
BAD_FIXTURES = FIXTURES / "bad"
GOLDEN = Path(__file__).resolve().parent / "golden"
SHARED_SAMPLES = REPO.parent / "shared" / "wire-samples"


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
