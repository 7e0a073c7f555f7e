"""What a run leaves when it dies, and how the next run clears it.

A run killed with `kill -9` (or crashed) never reaches its `finish`: its `ingest_runs` row
stays `running`, its staging folder stays on disk, and lake files it wrote but never loaded
stay in the lake (`lake.remove_orphans` deals with those). The next run, holding the run lock
(so no other run can be alive), marks such rows `abandoned` with the time it found them, and
removes the staging folders of ended runs — only folders named after a run `ingest_runs`
records: nothing that wirehouse cannot prove it wrote.

A run that fails in a way it can see (`NightFailed`: disk full, warehouse unreadable) marks
itself `failed` with the one-line reason and removes its staging itself, where it still can.
"""

from __future__ import annotations

import logging
import shutil
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import duckdb

from wirehouse import sql
from wirehouse.errors import NightFailed
from wirehouse.warehouse import open_warehouse

if TYPE_CHECKING:
    from wirehouse.run_info import RunInfo

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Recovered:
    abandoned: list[str]  # run ids marked abandoned now
    staging_removed: list[Path]


def mark_abandoned(con: duckdb.DuckDBPyConnection, run: RunInfo) -> list[str]:
    """Mark every other `running` run abandoned (call holding the run lock)."""
    rows = con.execute(
        sql.statement("abandon_stale_runs"),
        {"run_id": run.run_id, "now": datetime.now(UTC)},
    ).fetchall()
    return sorted(row[0] for row in rows)


def ended_staging(con: duckdb.DuckDBPyConnection, staging_dir: Path) -> list[Path]:
    """Staging folders of recorded runs that have ended (abandoned, failed, completed)."""
    if not staging_dir.is_dir():
        return []
    names = sorted(p.name for p in staging_dir.iterdir() if p.is_dir() and not p.is_symlink())
    if not names:
        return []
    ended = con.execute(sql.statement("ended_runs_among"), {"run_ids": names}).fetchall()
    return [staging_dir / row[0] for row in sorted(ended)]


def recover(con: duckdb.DuckDBPyConnection, run: RunInfo) -> Recovered:
    abandoned = mark_abandoned(con, run)
    for run_id in abandoned:
        log.warning("run %s never finished (killed or crashed): marked abandoned", run_id)
    removed = ended_staging(con, run.settings.staging_dir)
    for path in removed:
        shutil.rmtree(path, ignore_errors=True)
        log.info("removed %s, the staging files of an ended run", path)
    return Recovered(abandoned, removed)


@contextmanager
def run_guard(run: RunInfo) -> Iterator[None]:
    """Around a whole run: a failure marks it `failed` (with the reason) and clears its
    staging; in every case the spaCy pool stops starting before the run returns."""
    try:
        yield
    except Exception as exc:
        mark_failed(run, exc)
        raise
    finally:
        pool = sys.modules.get("wirehouse.nlp.pool")
        if pool is not None:
            pool.finish_starting_pools()


def mark_failed(run: RunInfo, exc: BaseException) -> None:
    """Best effort: the storage that failed the run may refuse this too; then the next run
    marks the run abandoned instead."""
    text = str(exc).strip()
    reason = text.splitlines()[0] if text else type(exc).__name__
    if not isinstance(exc, NightFailed):
        reason = f"{type(exc).__name__}: {reason}"
    shutil.rmtree(run.staging_dir, ignore_errors=True)
    try:
        with open_warehouse(run.settings.warehouse) as con:
            con.execute(
                sql.statement("fail_run"),
                {"run_id": run.run_id, "finished_at": datetime.now(UTC), "failure": reason},
            )
    except Exception:
        log.debug("could not record run %s as failed", run.run_id, exc_info=True)
