"""Prefect settings wirehouse needs, applied before Prefect is first imported."""

from __future__ import annotations

import os
from pathlib import Path

from wirehouse.settings import PROJECT_ROOT

LOGGING_CONFIG = Path(__file__).resolve().parent / "logging.yml"


def configure(prefect_home: Path | None = None) -> None:
    """Defaults only: anything the operator already set wins.

    A project-local PREFECT_HOME means the embedded mode's run history lands in one known
    database, which `wirehouse ui` serves afterwards.
    """
    os.environ.setdefault("PREFECT_HOME", str(prefect_home or PROJECT_ROOT / ".prefect"))
    # Offline machines: telemetry only produces an error line.
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    os.environ.setdefault("PREFECT_LOGGING_SETTINGS_PATH", str(LOGGING_CONFIG))
    os.environ.setdefault("PREFECT_SERVER_LOGGING_LEVEL", "WARNING")
    # The temporary server migrates a new database on first start; on a busy two-core
    # machine that can take longer than Prefect's default 20 s.
    os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "180")
