"""Seconds spent per stage, recorded beside the run's staging files.

A file rather than process memory, so stages running on other processes or Dask workers
(sharing the staging storage) are counted too.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

_FILE = "stage_seconds.jsonl"


@contextmanager
def stage_timer(
    staging_dir: Path,
    stage: str,
    log: logging.Logger | logging.LoggerAdapter[Any] | None = None,
    what: str = "",
) -> Iterator[None]:
    """Record the stage's wall seconds and the CPU seconds of the thread that ran it.

    Stages overlap (batches in flight), so wall seconds include waiting for a core; the
    thread's CPU seconds are the stage's own work, unless it hands work to other processes
    (enrich: the spaCy workers), which this does not count.
    """
    started, cpu_started = time.time(), time.thread_time()
    succeeded = False
    try:
        yield
        succeeded = True
    finally:
        ended = time.time()
        line = json.dumps(
            {
                "stage": stage,
                "start": started,
                "end": ended,
                "seconds": ended - started,
                "cpu_seconds": time.thread_time() - cpu_started,
            }
        )
        try:
            staging_dir.mkdir(parents=True, exist_ok=True)
            with (staging_dir / _FILE).open("a", encoding="utf-8") as handle:
                handle.write(line + "\n")
        except OSError:  # timings are a report's detail: a full disk is the stage's story
            pass
        if log is not None and succeeded:  # a line per batch and stage, for operator and UI
            log.info("%s: %s done in %.1f s", what, stage.replace("_", " "), ended - started)


def stage_seconds(staging_dir: Path, measure: str = "seconds") -> dict[str, float]:
    """Per stage: "seconds", the wall-clock time of the night during which the stage ran
    (batches in flight overlap: their intervals are merged, never summed), or "cpu_seconds",
    the total of its threads' CPU time."""
    path = staging_dir / _FILE
    if not path.exists():
        return {}
    entries = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    if measure != "seconds":
        totals: dict[str, float] = {}
        for entry in entries:
            totals[entry["stage"]] = totals.get(entry["stage"], 0.0) + entry.get(measure, 0.0)
        return totals
    intervals: dict[str, list[tuple[float, float]]] = {}
    for entry in entries:
        intervals.setdefault(entry["stage"], []).append((entry["start"], entry["end"]))
    return {stage: covered_seconds(spans) for stage, spans in intervals.items()}


def covered_seconds(intervals: list[tuple[float, float]]) -> float:
    """The length of the union of [start, end] intervals."""
    total, reach = 0.0, float("-inf")
    for start, end in sorted(intervals):
        if end <= reach:
            continue
        total += end - max(start, reach)
        reach = end
    return total
