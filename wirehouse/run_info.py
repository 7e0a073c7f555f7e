"""A run's identity (`RunInfo`: its id, start, settings and staging folder), made by `new_run`,
and its name in the Prefect UI."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

from wirehouse.settings import Settings


@dataclass(frozen=True, slots=True)
class RunInfo:
    run_id: str
    flow_run_id: str | None
    started_at: datetime
    ingest_date: date
    settings: Settings

    @property
    def staging_dir(self) -> Path:
        return self.settings.staging_dir / self.run_id


def run_name() -> str:
    """Flow-run name for the Prefect UI: when it ran, not random words."""
    return f"night {datetime.now(UTC):%Y-%m-%d %H:%M} UTC"


def new_run(
    settings: Settings, flow_run_id: str | None, now: datetime | None = None, prefix: str = ""
) -> RunInfo:
    started = (now or datetime.now(UTC)).replace(microsecond=0)
    suffix = (flow_run_id or "local")[:8]
    return RunInfo(
        run_id=f"{prefix}{started:%Y%m%dT%H%M%SZ}-{suffix}",
        flow_run_id=flow_run_id,
        started_at=started,
        ingest_date=started.date(),
        settings=settings,
    )
