"""Running the night unattended: the schedule, the long-lived `serve` process, the local UI.

Two ways to run Prefect here (docs/operations.md):
- embedded (default): each `wirehouse` process starts a temporary server on the project's
  PREFECT_HOME; nothing to run, and `wirehouse ui` shows the history afterwards;
- server mode: `wirehouse ui` runs one Prefect server and UI on 127.0.0.1, and every process
  with PREFECT_API_URL pointing at it (CLI runs, `wirehouse serve`) reports there live.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, cast

import httpx

from wirehouse.settings import Settings

if TYPE_CHECKING:
    from prefect.schedules import Schedule

NIGHTLY_DEPLOYMENT = "nightly"
REPROCESS_DEPLOYMENT = "reprocess"
HOST = "127.0.0.1"
# A new database is migrated on first start; a busy two-core machine needs minutes, not 20 s.
SERVER_STARTUP_SECONDS = 300


class ServerNotReady(RuntimeError):
    """The Prefect server did not answer in time, or exited; the message says which."""


def api_url(port: int) -> str:
    return f"http://{HOST}:{port}/api"


def nightly_schedule(settings: Settings) -> Schedule:
    from prefect.schedules import Cron

    return Cron(settings.schedule_cron, timezone=settings.schedule_timezone)


def server_env(port: int, prefect_home: Path, base: dict[str, str] | None = None) -> dict[str, str]:
    """Environment of a local `prefect server start` on 127.0.0.1:`port`.

    PREFECT_SERVER_API_PORT rather than `--port`: with `--port` the UI still advertises 4200
    and talks to the wrong API (STACK-FACTS). PREFECT_API_URL is dropped so the server never
    points at itself or at another server.
    """
    env = dict(os.environ if base is None else base)
    env.pop("PREFECT_API_URL", None)
    env.update(
        {
            "PREFECT_HOME": str(prefect_home),
            "PREFECT_SERVER_API_HOST": HOST,
            "PREFECT_SERVER_API_PORT": str(port),
            "PREFECT_UI_API_URL": api_url(port),
            "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
        }
    )
    return env


def server_command() -> list[str]:
    prefect = Path(sys.executable).with_name("prefect")
    # Services stay on: the scheduler service is what turns schedules into flow runs.
    return [str(prefect), "server", "start", "--host", HOST]


def start_server(
    port: int, prefect_home: Path, log_path: Path | None = None
) -> subprocess.Popen[bytes]:
    """Start a Prefect server in the background (tests, `wirehouse ui --background`)."""
    prefect_home.mkdir(parents=True, exist_ok=True)
    if log_path:
        log_path.parent.mkdir(parents=True, exist_ok=True)
    out = log_path.open("ab") if log_path else subprocess.DEVNULL
    return subprocess.Popen(
        server_command(),
        env=server_env(port, prefect_home),
        stdout=out,
        stderr=subprocess.STDOUT,
        start_new_session=True,  # a Ctrl-C meant for the caller does not kill it half-way
    )


def server_answers(url: str) -> bool:
    try:
        return httpx.get(f"{url}/health", timeout=5).status_code == 200
    except httpx.HTTPError:
        return False


def wait_until_ready(
    url: str, timeout_seconds: float, process: subprocess.Popen[bytes] | None = None
) -> None:
    """Poll the server's health endpoint; a busy two-core machine can take a minute."""
    deadline = time.monotonic() + timeout_seconds
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise ServerNotReady(f"the Prefect server exited with code {process.returncode}")
        if server_answers(url):
            return
        time.sleep(1)
    raise ServerNotReady(f"no Prefect server answered at {url} within {timeout_seconds:g} s")


def stop_server(process: subprocess.Popen[bytes], timeout_seconds: float = 60) -> None:
    process.terminate()
    try:
        process.wait(timeout=timeout_seconds)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def use_local_server(settings: Settings) -> str | None:
    """Point this process at the local `wirehouse ui` server if one is running.

    Without it, a second (temporary) server would open the same SQLite database beside the
    running one, which Prefect's SQLite locking does not survive (STACK-FACTS). Returns the
    API URL used, or None when the embedded mode stays (or PREFECT_API_URL was set already).
    """
    if os.environ.get("PREFECT_API_URL"):
        return None
    url = api_url(settings.prefect_port)
    if not server_answers(url):
        return None
    os.environ["PREFECT_API_URL"] = url
    return url


def api_for_run(settings: Settings) -> str:
    """The API a CLI run reports to: PREFECT_API_URL if set, else a running `wirehouse ui`,
    else a temporary server of this process's own that dies with it (embedded mode)."""
    given = os.environ.get("PREFECT_API_URL") or use_local_server(settings)
    if given:
        return given
    from wirehouse import temporary_server

    timeout = float(os.environ.get("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "180"))
    return temporary_server.start(Path(os.environ["PREFECT_HOME"]), timeout)


@contextmanager
def api_for_serving(settings: Settings, prefect_home: Path) -> Iterator[tuple[str, bool]]:
    """The API `serve` registers with: PREFECT_API_URL if set, else a running `wirehouse ui`,
    else a server started here for as long as `serve` runs. Yields (url, started here).

    Never the embedded temporary server: it does not run Prefect's scheduler service, so a
    deployment served against it would never get its nightly runs.
    """
    given = os.environ.get("PREFECT_API_URL")
    if given:
        yield given, False
        return
    url = api_url(settings.prefect_port)
    if server_answers(url):
        os.environ["PREFECT_API_URL"] = url
        yield url, False
        return
    process = start_server(settings.prefect_port, prefect_home, prefect_home / "server.log")
    try:
        wait_until_ready(url, SERVER_STARTUP_SECONDS, process)
        os.environ["PREFECT_API_URL"] = url
        yield url, True
    finally:
        stop_server(process)


def serve(settings: Settings) -> None:
    """Serve the nightly deployment on its schedule (and reprocessing on demand); blocks.

    Module entrypoints (not file paths) so the runner finds the flows from any directory;
    `limit=1` lets this process run one flow at a time, and the warehouse lock still guards
    against runs started elsewhere.
    """
    from prefect import serve as prefect_serve
    from prefect.deployments.runner import EntrypointType, RunnerDeployment

    from flows.nightly import nightly_ingest
    from flows.reprocess import reprocess_enrichment

    nightly = nightly_ingest.to_deployment(
        name=NIGHTLY_DEPLOYMENT,
        schedules=[nightly_schedule(settings)],
        parameters={"inbox": str(settings.inbox), "warehouse": str(settings.warehouse)},
        description="Load the night's new wire files into the warehouse",
        tags=["wirehouse"],
        entrypoint_type=EntrypointType.MODULE_PATH,
    )
    reprocess = reprocess_enrichment.to_deployment(
        name=REPROCESS_DEPLOYMENT,
        parameters={"warehouse": str(settings.warehouse)},
        description="Re-enrich stories of an ingest-date range with the current NLP pipelines",
        tags=["wirehouse"],
        entrypoint_type=EntrypointType.MODULE_PATH,
    )
    # to_deployment is sync here (no event loop); the cast only tells mypy so.
    prefect_serve(cast(RunnerDeployment, nightly), cast(RunnerDeployment, reprocess), limit=1)
