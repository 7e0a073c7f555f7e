"""Running the night unattended: the schedule, the long-lived `serve` process, the local UI.

Two ways to run Prefect here (docs/operations.md):
- embedded (default): each `wirehouse` process starts a temporary server on the project's
  PREFECT_HOME; nothing to run, and `wirehouse ui` shows the history afterwards;
- server mode: `wirehouse ui` runs one Prefect server and UI on 127.0.0.1, and every process
  with PREFECT_API_URL pointing at it (CLI runs, `wirehouse serve`) reports there live.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import tomllib
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
    """Start a Prefect server in the background (tests, `serve` without a server) and record
    it as this project's server."""
    prefect_home.mkdir(parents=True, exist_ok=True)
    if log_path:
        log_path.parent.mkdir(parents=True, exist_ok=True)
    out = log_path.open("ab") if log_path else subprocess.DEVNULL
    process = subprocess.Popen(
        server_command(),
        env=server_env(port, prefect_home),
        stdout=out,
        stderr=subprocess.STDOUT,
        start_new_session=True,  # a Ctrl-C meant for the caller does not kill it half-way
    )
    record_server(prefect_home, api_url(port), process.pid)
    return process


# `wirehouse ui` (and `serve`, when it starts a server) record the server they started in
# this project's PREFECT_HOME. Another checkout's server on the same port is not ours: a
# port that answers is not enough, the record and the process behind it must match.
SERVER_RECORD = "wirehouse-server.json"


def record_server(prefect_home: Path, url: str, pid: int) -> None:
    prefect_home.mkdir(parents=True, exist_ok=True)
    record = prefect_home / SERVER_RECORD
    tmp = record.with_name(f".{record.name}.{os.getpid()}")
    tmp.write_text(json.dumps({"url": url, "pid": pid}), encoding="utf-8")
    os.replace(tmp, record)


def forget_server(prefect_home: Path, pid: int) -> None:
    """Remove the record, if it is still the one of this server (`pid`)."""
    record = prefect_home / SERVER_RECORD
    try:
        if json.loads(record.read_text(encoding="utf-8")).get("pid") == pid:
            record.unlink()
    except (OSError, ValueError):
        pass


def project_server(prefect_home: Path) -> str | None:
    """The API URL of the server this project's `wirehouse ui` started, if it still runs."""
    try:
        record = json.loads((prefect_home / SERVER_RECORD).read_text(encoding="utf-8"))
        url, pid = str(record["url"]), int(record["pid"])
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if not _serves_home(pid, prefect_home) or not server_answers(url):
        return None
    return url


def _serves_home(pid: int, prefect_home: Path) -> bool:
    """Is process `pid` alive and a server of this PREFECT_HOME (read from its environment)?"""
    try:
        environ = Path(f"/proc/{pid}/environ").read_bytes().split(b"\0")
    except OSError:  # gone, or not ours to read
        return False
    wanted = f"PREFECT_HOME={prefect_home}".encode()
    return wanted in environ


def configured_api() -> str | None:
    """PREFECT_API_URL from the environment or the active Prefect profile, if any."""
    if os.environ.get("PREFECT_API_URL"):
        return os.environ["PREFECT_API_URL"]
    # Read the profiles file, not Prefect's settings: importing Prefect now would pin this
    # process's settings to "no API" before the embedded server exists, and Prefect would
    # then start a second, temporary server of its own.
    home = Path(os.environ.get("PREFECT_HOME", Path.home() / ".prefect")).expanduser()
    path = Path(os.environ.get("PREFECT_PROFILES_PATH", home / "profiles.toml")).expanduser()
    try:
        profiles = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError):
        return None
    active = os.environ.get("PREFECT_PROFILE") or profiles.get("active", "ephemeral")
    url = profiles.get("profiles", {}).get(active, {}).get("PREFECT_API_URL")
    return str(url) if url else None


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


def use_local_server(prefect_home: Path) -> str | None:
    """Choose where this process's runs are recorded; returns that API URL, or None for the
    embedded (temporary) server.

    PREFECT_API_URL or the active profile's API when set; otherwise the server this project's
    `wirehouse ui` started (a second, temporary server on the same SQLite database would not
    survive Prefect's SQLite locking, STACK-FACTS); otherwise the embedded server.
    """
    configured = configured_api()
    if configured:
        return configured
    url = project_server(prefect_home)
    if url is not None:
        os.environ["PREFECT_API_URL"] = url
    return url


def run_location(api: str, embedded: bool, flow_run_id: str | None) -> str:
    """Where a run is recorded, for the one line the CLI prints after it."""
    if embedded:
        return "recorded in the embedded server (`wirehouse ui` shows it afterwards)"
    ui = api.removesuffix("/").removesuffix("/api")
    return f"recorded at {ui}/runs/flow-run/{flow_run_id}" if flow_run_id else f"recorded at {ui}"


def api_for_run(prefect_home: Path) -> tuple[str, bool]:
    """The API a CLI run reports to, and whether it is the embedded one: PREFECT_API_URL or the
    profile's, else this project's `wirehouse ui` server, else a temporary server of this
    process's own that dies with it (embedded mode)."""
    given = use_local_server(prefect_home)
    if given:
        return given, False
    from wirehouse import temporary_server

    timeout = float(os.environ.get("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "180"))
    return temporary_server.start(prefect_home, timeout), True


@contextmanager
def api_for_serving(settings: Settings, prefect_home: Path) -> Iterator[tuple[str, bool]]:
    """The API `serve` registers with: PREFECT_API_URL if set, else a running `wirehouse ui`,
    else a server started here for as long as `serve` runs. Yields (url, started here).

    Never the embedded temporary server: it does not run Prefect's scheduler service, so a
    deployment served against it would never get its nightly runs.
    """
    existing = use_local_server(prefect_home)
    if existing:
        yield existing, False
        return
    url = api_url(settings.prefect_port)
    if server_answers(url):
        raise ServerNotReady(
            f"port {settings.prefect_port} is taken by a Prefect server of another project; "
            "set WIREHOUSE_PREFECT_PORT or PREFECT_API_URL"
        )
    process = start_server(settings.prefect_port, prefect_home, prefect_home / "server.log")
    try:
        wait_until_ready(url, SERVER_STARTUP_SECONDS, process)
        os.environ["PREFECT_API_URL"] = url
        yield url, True
    finally:
        stop_server(process)
        forget_server(prefect_home, process.pid)


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
        # As prefect.yaml's: a late night never overlaps the next scheduled one.
        concurrency_limit=1,
    )
    reprocess = reprocess_enrichment.to_deployment(
        name=REPROCESS_DEPLOYMENT,
        parameters={"warehouse": str(settings.warehouse)},
        description="Re-enrich stories of an ingest-date range with the current NLP pipelines",
        tags=["wirehouse"],
        entrypoint_type=EntrypointType.MODULE_PATH,
        concurrency_limit=1,
    )
    # to_deployment is sync here (no event loop); the cast only tells mypy so.
    prefect_serve(cast(RunnerDeployment, nightly), cast(RunnerDeployment, reprocess), limit=1)
