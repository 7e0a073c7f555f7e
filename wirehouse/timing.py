"""Seconds spent per stage, recorded beside the run's staging files.

A file rather than process memory, so stages running on other processes or Dask workers
(sharing the staging storage) are counted too.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

_FILE = "stage_seconds.jsonl"


@contextmanager
def stage_timer(staging_dir: Path, stage: str) -> Iterator[None]:
    started = time.perf_counter()
    try:
        yield
    finally:
        staging_dir.mkdir(parents=True, exist_ok=True)
        line = json.dumps({"stage": stage, "seconds": time.perf_counter() - started})
        with (staging_dir / _FILE).open("a", encoding="utf-8") as handle:
            handle.write(line + "\n")


def stage_seconds(staging_dir: Path) -> dict[str, float]:
    totals: dict[str, float] = {}
    path = staging_dir / _FILE
    if not path.exists():
        return totals
    for line in path.read_text(encoding="utf-8").splitlines():
        entry = json.loads(line)
        totals[entry["stage"]] = totals.get(entry["stage"], 0.0) + entry["seconds"]
    return totals
