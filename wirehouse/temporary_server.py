"""The embedded mode's Prefect server, started by wirehouse so that it dies with the run.

Without an API URL, Prefect starts a temporary server itself (`SubprocessASGIServer`: uvicorn
serving `prefect.server.api.server:create_app` on a random loopback port). That one outlives a
run killed with `kill -9`, forever, and prints its shutdown noise (CancelledError tracebacks,
"Error flushing events") on our console. This is the same server, started the same way (same
app factory, same ephemeral-mode flags, the same `PREFECT_HOME` database), except that:

- it ends when the run's process ends, however that ends (`wirehouse.lifeline`);
- its output goes to `$PREFECT_HOME/temporary-server.log`, not the operator's terminal;
- the run waits for it to stop at exit, so late task-run updates reach the database.

Run as `python -m wirehouse.temporary_server UVICORN-ARGS…` it is that child.
"""

from __future__ import annotations

import atexit
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

from wirehouse.errors import NightFailed

LOG_NAME = "temporary-server.log"
_PARENT = "WIREHOUSE_TEMPORARY_SERVER_PARENT"
_LOG_ROTATE_BYTES = 10 * 1024 * 1024
_PORT_IN_USE = 3  # uvicorn's exit code when it cannot bind


class ServerDidNotStart(NightFailed):
    """The temporary server exited or did not answer in time; the message says where to look."""


def start(prefect_home: Path, timeout_seconds: float) -> str:
    """Start the server, wait until it answers, and point this process's Prefect client at
    it (PREFECT_API_URL). Stopped at exit. Returns the API URL."""
    prefect_home.mkdir(parents=True, exist_ok=True)
    log_path = prefect_home / LOG_NAME
    if log_path.exists() and log_path.stat().st_size > _LOG_ROTATE_BYTES:
        log_path.replace(log_path.with_suffix(".log.1"))
    deadline = time.monotonic() + timeout_seconds
    while True:
        port = _free_port()
        process = _spawn(port, log_path)
        url = f"http://127.0.0.1:{port}/api"
        if _wait_until_ready(process, url, deadline):
            break
        if time.monotonic() >= deadline:
            raise ServerDidNotStart(
                f"the temporary Prefect server did not answer within {timeout_seconds:g} s; "
                f"see {log_path}"
            )
        if process.returncode != _PORT_IN_USE:
            raise ServerDidNotStart(
                f"the temporary Prefect server did not start (exit code {process.returncode}); "
                f"see {log_path}"
            )
    atexit.register(stop, process)
    os.environ["PREFECT_API_URL"] = url
    return url


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _spawn(port: int, log_path: Path) -> subprocess.Popen[bytes]:
    env = {
        **os.environ,
        # What Prefect's SubprocessASGIServer sets: no UI, the ephemeral set of services.
        "PREFECT_UI_ENABLED": "0",
        "PREFECT__SERVER_EPHEMERAL": "1",
        "PREFECT__SERVER_FINAL": "1",
        _PARENT: str(os.getpid()),
    }
    env.pop("PREFECT_API_URL", None)
    with log_path.open("ab") as log:
        return subprocess.Popen(
            [
                sys.executable,
                "-m",
                "wirehouse.temporary_server",
                "--factory",
                "prefect.server.api.server:create_app",
                "--host",
                "127.0.0.1",
                "--port",
                str(port),
                "--log-level",
                "error",
                "--lifespan",
                "on",
            ],
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
        )


def _wait_until_ready(process: subprocess.Popen[bytes], url: str, deadline: float) -> bool:
    """True once the server answers; False if it exited or the deadline passed."""
    with httpx.Client(timeout=5) as client:
        while time.monotonic() < deadline:
            if process.poll() is not None:
                return False
            try:
                if client.get(f"{url}/health").status_code == 200:
                    return True
            except httpx.HTTPError:
                pass
            time.sleep(0.1)
    process.kill()
    process.wait()
    return False


def stop(process: subprocess.Popen[bytes], timeout_seconds: float = 10) -> None:
    if process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=timeout_seconds)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def main() -> None:
    """The child: tie its life to the run's process, then be uvicorn."""
    from wirehouse.lifeline import die_with_parent

    die_with_parent(int(os.environ.pop(_PARENT)))
    import uvicorn.main

    uvicorn.main.main(args=sys.argv[1:], prog_name="uvicorn")


if __name__ == "__main__":
    main()
