"""Two checkouts, two Prefect servers, one host: each run reports to its own project's server,
never to whichever server happens to answer on the configured port."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.test_ops_schedule import PATIENCE, free_port
from wirehouse import serve
from wirehouse.settings import PROJECT_ROOT

BIN = Path(sys.executable).parent

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def two_servers(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, tuple[Path, str]]]:
    """Project A's and project B's `wirehouse ui` servers: name -> (PREFECT_HOME, API URL)."""
    servers: dict[str, tuple[Path, str]] = {}
    processes = []
    try:
        for name in ("a", "b"):
            home = tmp_path_factory.mktemp(f"project-{name}") / ".prefect"
            port = free_port()
            process = serve.start_server(port, home, home / "server.log")
            processes.append(process)
            servers[name] = (home, serve.api_url(port))
        for (_home, url), process in zip(servers.values(), processes, strict=True):
            serve.wait_until_ready(url, PATIENCE, process)
        yield servers
    finally:
        for process in processes:
            serve.stop_server(process)


def flow_run_ids(url: str) -> set[str]:
    response = httpx.post(f"{url}/flow_runs/filter", json={}, timeout=60)
    response.raise_for_status()
    return {run["id"] for run in response.json()}


def test_a_server_is_this_projects_only_by_its_record_and_process(
    two_servers: dict[str, tuple[Path, str]], tmp_path: Path
) -> None:
    (home_a, url_a), (home_b, url_b) = two_servers["a"], two_servers["b"]
    assert serve.project_server(home_a) == url_a
    assert serve.project_server(home_b) == url_b
    # A project with no server of its own: a port that answers is not enough.
    assert serve.project_server(tmp_path / "project-c") is None
    # A stale record (the server is gone, another process holds the pid's slot) is not enough.
    serve.record_server(tmp_path / "project-d", url_a, os.getpid())
    assert serve.project_server(tmp_path / "project-d") is None


def test_each_checkouts_run_is_recorded_by_its_own_server(
    two_servers: dict[str, tuple[Path, str]], tmp_path: Path
) -> None:
    (_home_a, url_a), (home_b, url_b) = two_servers["a"], two_servers["b"]
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    shutil.copy(PROJECT_ROOT / "seeds" / "002_de_bahn_streik.txt", inbox)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PREFECT_", "WIREHOUSE_"))}
    # Project B's settings point at the port where project A's server listens (both
    # default to 4200 in real life): B's run must still go to B's server.
    env.update(
        PREFECT_HOME=str(home_b),
        WIREHOUSE_PREFECT_PORT=url_a.split(":")[-1].removesuffix("/api"),
        WIREHOUSE_NLP_PROCESSES="1",
    )
    before_a = flow_run_ids(url_a)
    result = subprocess.run(
        [str(BIN / "wirehouse"), "ingest", str(inbox), "--warehouse", str(tmp_path / "w.duckdb")],
        capture_output=True,
        text=True,
        env=env,
        timeout=PATIENCE,
    )
    assert result.returncode == 0, result.stderr
    ui_b = url_b.removesuffix("/api")
    found = re.search(
        rf"recorded at {re.escape(ui_b)}/runs/flow-run/([0-9a-f-]{{36}})", result.stdout
    )
    assert found, result.stdout
    assert found.group(1) in flow_run_ids(url_b)
    assert flow_run_ids(url_a) == before_a
