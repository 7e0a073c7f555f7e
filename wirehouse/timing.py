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
    """Record the stage's wall seconds and the CPU seconds of the thread that ran it.

    Stages overlap (batches in flight), so wall seconds include waiting for a core; the
    thread's CPU seconds are the stage's own work, unless it hands work to other processes
    (enrich: the spaCy workers), which this does not count.
    """
    started, cpu_started = time.perf_counter(), time.thread_time()
    try:
        yield
    finally:
        line = json.dumps(
            {
                "stage": stage,
                "seconds": time.perf_counter() - started,
                "cpu_seconds": time.thread_time() - cpu_started,
            }
        )
        try:
            staging_dir.mkdir(parents=True, exist_ok=True)
            with (staging_dir / _FILE).open("a", encoding="utf-8") as handle:
                handle.write(line + "\n")
        except OSError:
            # Timings are a report's extra: a full disk must not mask the stage's own
            # outcome (or its one-line NightFailed) with an error about them.
            pass


def stage_seconds(staging_dir: Path, measure: str = "seconds") -> dict[str, float]:
    """Total per stage of `measure`: "seconds" (wall) or "cpu_seconds"."""
    totals: dict[str, float] = {}
    path = staging_dir / _FILE
    if not path.exists():
        return totals
    for line in path.read_text(encoding="utf-8").splitlines():
        entry = json.loads(line)
        totals[entry["stage"]] = totals.get(entry["stage"], 0.0) + entry.get(measure, 0.0)
    return totals
