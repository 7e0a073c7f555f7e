"""A run's first step: clear a crashed run's leftovers, record the run's start, and plan what
is new in the inbox into batches (`Plan`, `Batch`)."""

from __future__ import annotations

import logging
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from wirehouse import inbox, lake, recovery, sql
from wirehouse.errors import night_failure
from wirehouse.inbox import InboxFile
from wirehouse.paths import to_text
from wirehouse.run_info import RunInfo
from wirehouse.warehouse import open_warehouse

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Batch:
    number: int
    total: int
    key: str
    files: list[InboxFile]
    duplicates: list[tuple[InboxFile, str]] = field(default_factory=list)

    def staging(self, run: RunInfo) -> Path:
        return run.staging_dir / f"batch-{self.number:05d}-{self.key}"


@dataclass(frozen=True, slots=True)
class Plan:
    files_seen: int
    files_new: int
    files_unchanged: int
    files_duplicate: int
    orphans_removed: int
    batches: list[Batch]
    runs_abandoned: list[str] = field(default_factory=list)


def discover(run: RunInfo) -> Plan:
    """Clear a crashed run's leftovers, record the run's start, and decide what is new."""
    try:
        return _discover(run)
    except (OSError, duckdb.Error) as exc:
        # The night's own storage failing (a full disk) is the night's problem, in one line;
        # one file's problem never gets here (scan_inbox returns it as a reason).
        failure = night_failure(exc, run.settings.warehouse)
        if failure is None:
            raise
        raise failure from None


def _discover(run: RunInfo) -> Plan:
    settings = run.settings
    scanned = inbox.scan_inbox(settings.inbox)
    with open_warehouse(settings.warehouse) as con:
        recovered = recovery.recover(con, run)
        known: dict[str, set[str]] = defaultdict(set)
        for sha256, path, _status in con.execute(sql.statement("known_files")).fetchall():
            known[sha256].add(path)
        listed = {
            lake.listed_name(row[0])
            for row in con.execute(sql.statement("loaded_lake_files")).fetchall()
        }
        con.execute(
            sql.statement("start_run"),
            {
                "run_id": run.run_id,
                "flow_run_id": run.flow_run_id,
                "inbox": to_text(settings.inbox),
                "started_at": run.started_at,
            },
        )

        def known_runs() -> set[str]:
            return {row[0] for row in con.execute(sql.statement("known_run_ids")).fetchall()}

        orphans, foreign = lake.remove_orphans(settings.lake_dir, listed, known_runs)
    for orphan in orphans:
        log.info("removed %s, left by an interrupted run", to_text(orphan))
    if foreign:
        log.warning(
            "left %d Parquet file(s) in the lake that no run of this warehouse wrote "
            "(another warehouse's, or copied in?), e.g. %s",
            len(foreign),
            to_text(foreign[0]),
        )
    discovery = inbox.plan(scanned, known)
    groups = inbox.batches(discovery.new, settings.batch_size)
    if not groups and discovery.duplicates:
        groups = [[]]
    total = len(groups)
    batches = [
        Batch(
            number=i + 1,
            total=total,
            key=inbox.batch_key(files) if files else "duplicates",
            files=files,
            duplicates=discovery.duplicates if i == 0 else [],
        )
        for i, files in enumerate(groups)
    ]
    return Plan(
        files_seen=discovery.files_seen,
        files_new=len(discovery.new),
        files_unchanged=discovery.unchanged,
        files_duplicate=len(discovery.duplicates),
        orphans_removed=len(orphans),
        batches=batches,
        runs_abandoned=recovered.abandoned,
    )
