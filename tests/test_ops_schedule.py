"""The night on a schedule: `prefect.yaml` and `wirehouse serve` register the same nightly
deployment on a real `prefect server start`, and a served run completes."""

from __future__ import annotations

import importlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import httpx
import pytest
import yaml

from wirehouse import serve
from wirehouse.settings import PROJECT_ROOT, Settings

BIN = Path(sys.executable).parent
SEEDS = PROJECT_ROOT / "seeds"
# A loaded two-core machine: server start, flow runs and polling all get minutes, not seconds.
PATIENCE = 600


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def prefect_yaml() -> dict[str, Any]:
    return yaml.safe_load((PROJECT_ROOT / "prefect.yaml").read_text(encoding="utf-8"))


def deployment(name: str) -> dict[str, Any]:
    return next(d for d in prefect_yaml()["deployments"] if d["name"] == name)


def test_prefect_yaml_names_the_flows_that_exist_with_the_default_schedule() -> None:
    from prefect import Flow

    defaults = Settings()
    expected_flows = {"nightly": "nightly-ingest", "reprocess": "reprocess-enrichment"}
    for d in prefect_yaml()["deployments"]:
        path, function = d["entrypoint"].split(":")
        assert (PROJECT_ROOT / path).is_file(), d["entrypoint"]
        module = importlib.import_module(path.removesuffix(".py").replace("/", "."))
        flow = getattr(module, function)
        assert isinstance(flow, Flow) and flow.name == expected_flows[d["name"]]
        assert set(d["parameters"]) <= set(flow.parameters.properties)
        # Relative paths mean the project's own, as for WIREHOUSE_* settings.
        assert Settings(warehouse=d["parameters"]["warehouse"]).warehouse == defaults.warehouse
        assert d["concurrency_limit"] == 1
    nightly = deployment("nightly")
    assert Settings(inbox=nightly["parameters"]["inbox"]).inbox == defaults.inbox
    assert nightly["schedules"] == [
        {"cron": defaults.schedule_cron, "timezone": defaults.schedule_timezone, "active": True}
    ]
    assert (defaults.schedule_cron, defaults.schedule_timezone) == ("0 2 * * *", "Europe/Berlin")


@pytest.fixture(scope="module")
def prefect_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real `prefect server start` on a free loopback port, stopped afterwards."""
    home = tmp_path_factory.mktemp("prefect-server")
    port = free_port()
    process = serve.start_server(port, home / "home", home / "server.log")
    url = serve.api_url(port)
    try:
        serve.wait_until_ready(url, PATIENCE, process)
        yield url
    finally:
        serve.stop_server(process)


def client_env(api_url: str, tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PREFECT_", "WIREHOUSE_"))}
    env.update(
        PREFECT_API_URL=api_url,
        PREFECT_HOME=str(tmp_path / "client-home"),
        WIREHOUSE_NLP_PROCESSES="1",
    )
    return env


def api(api_url: str, method: str, path: str, **json: Any) -> Any:
    response = httpx.request(method, f"{api_url}{path}", json=json, timeout=60)
    response.raise_for_status()
    return response.json()


def wait_for(what: str, probe: Any, timeout: float = PATIENCE) -> Any:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = probe()
        if found:
            return found
        time.sleep(2)
    raise AssertionError(f"timed out waiting for {what}")


def read_deployment(api_url: str, name: str) -> dict[str, Any] | None:
    try:
        response = httpx.get(f"{api_url}/deployments/name/{name}", timeout=60)
    except httpx.ConnectError:  # the server is still starting
        return None
    return response.json() if response.status_code == 200 else None


def assert_nights_are_scheduled(api_url: str, deployment_id: str) -> None:
    """The server's scheduler has turned the cron into upcoming runs at 02:00 in Berlin."""
    scheduled = wait_for(
        "scheduled runs",
        lambda: api(
            api_url,
            "POST",
            "/flow_runs/filter",
            flow_runs={
                "deployment_id": {"any_": [deployment_id]},
                "state": {"type": {"any_": ["SCHEDULED"]}},
            },
        ),
    )
    berlin = ZoneInfo("Europe/Berlin")
    starts = [
        datetime.fromisoformat(r["expected_start_time"]).astimezone(berlin) for r in scheduled
    ]
    assert {(t.hour, t.minute) for t in starts} == {(2, 0)}


@pytest.mark.slow
def test_wirehouse_serve_registers_the_schedule_and_runs_the_night(
    prefect_server: str, tmp_path: Path
) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    shutil.copy(SEEDS / "001_de_hafen_hamburg.txt", inbox)
    warehouse = tmp_path / "wh" / "w.duckdb"
    log = (tmp_path / "serve.log").open("wb")
    process = subprocess.Popen(
        [str(BIN / "wirehouse"), "serve", "--inbox", str(inbox), "--warehouse", str(warehouse)],
        env=client_env(prefect_server, tmp_path),
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        found = wait_for(
            "the served deployment",
            lambda: read_deployment(prefect_server, "nightly-ingest/nightly"),
        )
        assert [s["schedule"] for s in found["schedules"]] == [
            {"cron": "0 2 * * *", "timezone": "Europe/Berlin", "day_or": True}
        ]
        assert all(s["active"] for s in found["schedules"]) and not found["paused"]
        assert found["parameters"] == {"inbox": str(inbox), "warehouse": str(warehouse)}
        # `serve` registers its deployments one after the other: the second may come later.
        wait_for(
            "the served reprocess deployment",
            lambda: read_deployment(prefect_server, "reprocess-enrichment/reprocess"),
        )
        assert_nights_are_scheduled(prefect_server, found["id"])

        # What the scheduler does at 02:00, now: a run of the deployment, run by `serve`.
        run = api(prefect_server, "POST", f"/deployments/{found['id']}/create_flow_run")
        final = wait_for(
            "the served run to finish",
            lambda: (
                (r := api(prefect_server, "GET", f"/flow_runs/{run['id']}"))["state"]["type"]
                in ("COMPLETED", "FAILED", "CRASHED", "CANCELLED")
                and r
            ),
        )
        assert final["state"]["type"] == "COMPLETED", (tmp_path / "serve.log").read_text()
        assert final["name"].startswith("night ")
        artifacts = api(
            prefect_server,
            "POST",
            "/artifacts/filter",
            artifacts={"flow_run_id": {"any_": [run["id"]]}},
        )
        assert "nightly-ingest-report" in {a["key"] for a in artifacts}
        task_runs = api(
            prefect_server,
            "POST",
            "/task_runs/filter",
            task_runs={"flow_run_id": {"any_": [run["id"]]}},
        )
        assert "read — batch 1/1" in {t["name"] for t in task_runs}
    finally:
        process.terminate()
        process.wait(timeout=120)
        log.close()


@pytest.mark.slow
def test_prefect_deploy_reads_prefect_yaml(prefect_server: str, tmp_path: Path) -> None:
    """The worker route: `prefect deploy --all` turns prefect.yaml into the same schedule."""
    env = client_env(prefect_server, tmp_path)
    prefect = str(BIN / "prefect")
    subprocess.run(
        [prefect, "work-pool", "create", "wirehouse", "--type", "process"],
        env=env,
        check=True,
        capture_output=True,
        timeout=PATIENCE,
    )
    before = (PROJECT_ROOT / "prefect.yaml").read_bytes()
    deployed = subprocess.run(
        [prefect, "--no-prompt", "deploy", "--all"],
        cwd=PROJECT_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=PATIENCE,
    )
    assert deployed.returncode == 0, deployed.stdout + deployed.stderr
    assert (PROJECT_ROOT / "prefect.yaml").read_bytes() == before  # deploy must not rewrite it
    # `serve` may have registered the same name on this server first; deploy replaces it.
    nightly = read_deployment(prefect_server, "nightly-ingest/nightly")
    assert nightly is not None
    assert nightly["entrypoint"] == "flows/nightly.py:nightly_ingest"
    assert nightly["work_pool_name"] == "wirehouse"
    assert [s["schedule"] for s in nightly["schedules"]] == [
        {"cron": "0 2 * * *", "timezone": "Europe/Berlin", "day_or": True}
    ]
    assert nightly["global_concurrency_limit"]["limit"] == 1
    assert nightly["pull_steps"] == [
        {"prefect.deployments.steps.set_working_directory": {"directory": str(PROJECT_ROOT)}}
    ]


@pytest.mark.slow
def test_wirehouse_serve_alone_runs_its_own_server_and_stops_it(tmp_path: Path) -> None:
    """The single-machine mode: no server running, so `serve` starts one (the embedded
    temporary server has no scheduler) and stops it again on SIGTERM."""
    port = free_port()
    url = serve.api_url(port)
    env = client_env(url, tmp_path)
    del env["PREFECT_API_URL"]
    env["WIREHOUSE_PREFECT_PORT"] = str(port)
    log_path = tmp_path / "serve.log"
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            [str(BIN / "wirehouse"), "serve", "--warehouse", str(tmp_path / "w.duckdb")],
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:

            def deployment_or_exit() -> dict[str, Any] | None:
                assert process.poll() is None, log_path.read_text()
                return read_deployment(url, "nightly-ingest/nightly")

            found = wait_for("the served deployment", deployment_or_exit)
            assert_nights_are_scheduled(url, found["id"])
            assert f"UI at http://127.0.0.1:{port}" in log_path.read_text()
        finally:
            process.send_signal(signal.SIGTERM)
            process.wait(timeout=PATIENCE)
    wait_for("the server to stop", lambda: not serve.server_answers(url))
