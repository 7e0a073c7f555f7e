"""What the operator sees in the morning, checked in a real browser.

`wirehouse ui` starts `prefect server start` on a free loopback port; a night runs in the
embedded mode first (its history must show up in the UI afterwards) and a second against the
server; headless Chromium (Debian's `chromium`, driven over the DevTools protocol with the
`websockets` package already in the venv) opens each flow run's page and must find it
Completed with its summary artifact. `make test-browser` installs Chromium and runs this.
"""

from __future__ import annotations

import base64
import itertools
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import duckdb
import httpx
import pytest

from wirehouse import serve
from wirehouse.settings import PROJECT_ROOT

pytestmark = [pytest.mark.browser, pytest.mark.slow]

BIN = Path(sys.executable).parent
SEEDS = PROJECT_ROOT / "seeds"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
PATIENCE = 600  # a loaded two-core machine: generous, and never part of an assertion


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Browser:
    """Headless Chromium over the DevTools protocol: navigate, read text, click, screenshot."""

    def __init__(self, workdir: Path) -> None:
        from websockets.sync.client import connect

        assert CHROMIUM is not None
        self.workdir = workdir
        port = free_port()
        self.log = (workdir / "chromium.log").open("wb")
        self.process = subprocess.Popen(
            [
                CHROMIUM,
                "--headless",
                "--no-sandbox",  # CI containers run as root, where the sandbox cannot start
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--no-first-run",
                "--window-size=1400,1000",
                f"--user-data-dir={workdir / 'profile'}",
                "--remote-debugging-address=127.0.0.1",
                f"--remote-debugging-port={port}",
                "about:blank",
            ],
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        page = self._wait(
            "Chromium's DevTools endpoint",
            lambda: next(
                (
                    p
                    for p in httpx.get(f"http://127.0.0.1:{port}/json/list", timeout=5).json()
                    if p["type"] == "page"
                ),
                None,
            ),
        )
        self.ws = connect(page["webSocketDebuggerUrl"], max_size=None, open_timeout=PATIENCE)
        self.ids = itertools.count(1)
        self.call("Page.enable")

    def _wait(self, what: str, probe: Any, timeout: float = PATIENCE) -> Any:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                found = probe()
            except (httpx.HTTPError, OSError):
                found = None
            if found:
                return found
            time.sleep(1)
        raise AssertionError(f"timed out waiting for {what}; see {self.workdir}")

    def call(self, method: str, **params: Any) -> dict[str, Any]:
        request_id = next(self.ids)
        self.ws.send(json.dumps({"id": request_id, "method": method, "params": params}))
        while True:  # events arrive in between; skip them
            message = json.loads(self.ws.recv(timeout=PATIENCE))
            if message.get("id") == request_id:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return dict(message["result"])

    def evaluate(self, expression: str) -> Any:
        result = self.call("Runtime.evaluate", expression=expression, returnByValue=True)
        return result["result"].get("value")

    def text(self) -> str:
        return str(self.evaluate("document.body ? document.body.innerText : ''") or "")

    def open(self, url: str) -> None:
        self.call("Page.navigate", url=url)

    def wait_for_text(self, *needles: str) -> str:
        return str(
            self._wait(
                f"page text {needles}",
                lambda: (text := self.text()) and all(n in text for n in needles) and text,
            )
        )

    def click(self, label: str) -> None:
        """Click, as a mouse does, the element whose whole text is `label`."""
        script = (
            "(() => { const el = [...document.querySelectorAll('[role=tab], li, a, button, h2, "
            f"h3, div, span')].find(e => e.innerText && e.innerText.trim() === {json.dumps(label)});"
            " if (!el) return null; el.scrollIntoView({block: 'center'});"
            " const r = el.getBoundingClientRect(); return [r.x + r.width / 2, r.y + r.height / 2];"
            " })()"
        )
        x, y = self._wait(f"something to click labelled {label!r}", lambda: self.evaluate(script))
        for kind in ("mousePressed", "mouseReleased"):
            self.call("Input.dispatchMouseEvent", type=kind, x=x, y=y, button="left", clickCount=1)

    def screenshot(self, name: str) -> Path:
        path = self.workdir / f"{name}.png"
        path.write_bytes(base64.b64decode(self.call("Page.captureScreenshot")["data"]))
        return path

    def close(self) -> None:
        self.ws.close()
        self.process.terminate()
        try:
            self.process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.log.close()


@pytest.fixture
def browser(tmp_path: Path) -> Iterator[Browser]:
    if CHROMIUM is None:
        pytest.skip("Chromium is not installed: `make chromium` (as root) installs Debian's")
    workdir = tmp_path / "browser"
    workdir.mkdir()
    chromium = Browser(workdir)
    try:
        yield chromium
    finally:
        chromium.close()


def env_for(prefect_home: Path, api_url: str | None = None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PREFECT_", "WIREHOUSE_"))}
    env.update(PREFECT_HOME=str(prefect_home), WIREHOUSE_NLP_PROCESSES="1")
    if api_url:
        env["PREFECT_API_URL"] = api_url
    return env


def ingest(inbox: Path, warehouse: Path, env: dict[str, str]) -> str:
    """One night through the real CLI; returns the Prefect flow-run id it recorded."""
    result = subprocess.run(
        [str(BIN / "wirehouse"), "ingest", str(inbox), "--warehouse", str(warehouse)],
        capture_output=True,
        text=True,
        env=env,
        timeout=PATIENCE,
    )
    assert result.returncode == 0, result.stderr
    with duckdb.connect(str(warehouse), read_only=True) as con:
        row = con.execute(
            "SELECT flow_run_id FROM ingest_runs ORDER BY started_at DESC LIMIT 1"
        ).fetchone()
    assert row and row[0]
    return str(row[0])


def report_artifact_id(ui_url: str, flow_run_id: str) -> str:
    response = httpx.post(
        f"{ui_url}/api/artifacts/filter",
        json={
            "artifacts": {
                "flow_run_id": {"any_": [flow_run_id]},
                "key": {"any_": ["nightly-ingest-report"]},
            }
        },
        timeout=60,
    )
    response.raise_for_status()
    (artifact,) = response.json()
    return str(artifact["id"])


def see_the_night(browser: Browser, ui_url: str, flow_run_id: str, shot: str) -> None:
    browser.open(f"{ui_url}/runs/flow-run/{flow_run_id}")
    page = browser.wait_for_text("Completed", "Artifacts")
    assert "night " in page  # the run's name says when it ran, not random words
    browser.click("Artifacts")
    browser.screenshot(f"{shot}-artifacts")
    # The report belongs to the `report` task run: open it as the UI's artifact page does.
    browser.open(f"{ui_url}/artifacts/artifact/{report_artifact_id(ui_url, flow_run_id)}")
    report = browser.wait_for_text("Nightly ingest", "Data checks", "Articles by language")
    browser.screenshot(f"{shot}-report")
    assert "checks: 7/7" in report.lower() or "7/7 passed" in report


def test_the_operator_sees_each_night_completed_with_its_report(
    browser: Browser, tmp_path: Path
) -> None:
    prefect_home = tmp_path / "prefect-home"  # shared by both modes, like .prefect/ is
    inbox = tmp_path / "inbox"
    shutil.copytree(SEEDS, inbox)
    warehouse = tmp_path / "wh" / "w.duckdb"

    # Night 1, embedded mode: no server running, history lands in PREFECT_HOME.
    embedded_run = ingest(inbox, warehouse, env_for(prefect_home))

    port = free_port()
    ui = subprocess.Popen(
        [str(BIN / "wirehouse"), "ui", "--port", str(port)],
        env=env_for(prefect_home),
        stdout=(tmp_path / "ui.log").open("wb"),
        stderr=subprocess.STDOUT,
    )
    api_url = serve.api_url(port)
    try:
        serve.wait_until_ready(api_url, PATIENCE, ui)
        # The UI talks to this server, not to the default port (STACK-FACTS).
        settings = httpx.get(f"http://127.0.0.1:{port}/ui-settings", timeout=60).json()
        assert settings["api_url"] == api_url

        # Night 2, server mode: reported live to the server the UI shows.
        (inbox / "007_de_late.txt").write_bytes((SEEDS / "002_de_bahn_streik.txt").read_bytes())
        served_run = ingest(inbox, warehouse, env_for(prefect_home, api_url))

        ui_url = f"http://127.0.0.1:{port}"
        see_the_night(browser, ui_url, served_run, "server-mode")
        see_the_night(browser, ui_url, embedded_run, "embedded-mode")
    finally:
        ui.send_signal(signal.SIGTERM)  # `wirehouse ui` passes it on to the server
        ui.wait(timeout=120)
