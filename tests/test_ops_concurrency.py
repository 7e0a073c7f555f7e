"""Two runs never write the warehouse at once, and a person's DuckDB shell never silently
blocks (or corrupts) the night: the run waits, bounded, or stops with one clear line."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import duckdb
import pytest

from wirehouse.settings import PROJECT_ROOT, Settings
from wirehouse.warehouse import WarehouseUnavailable, migrate_warehouse, preflight

SEEDS = PROJECT_ROOT / "seeds"
BIN = Path(sys.executable).parent
WIREHOUSE = BIN / "wirehouse"
DUCKDB_SHELL = BIN / "duckdb"


def cli_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PREFECT_", "WIREHOUSE_"))}
    env["PREFECT_HOME"] = str(tmp_path / "prefect-home")
    env["WIREHOUSE_NLP_PROCESSES"] = "1"
    env.update(extra)
    return env


def copy_seeds(inbox: Path) -> None:
    for path in SEEDS.iterdir():
        shutil.copy(path, inbox / path.name)


@pytest.mark.usefixtures("prefect_harness")
def test_two_runs_at_once_the_second_waits_then_loads_nothing_twice(
    settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    from flows.nightly import nightly_ingest

    copy_seeds(settings.inbox)
    # Generous: the first run's NLP on a loaded two-core machine is what the second waits for.
    monkeypatch.setenv("WIREHOUSE_LOCK_TIMEOUT_SECONDS", "900")
    results: list[Any] = []
    errors: list[BaseException] = []
    start = threading.Barrier(2)

    def night() -> None:
        start.wait()
        try:
            results.append(
                nightly_ingest(inbox=str(settings.inbox), warehouse=str(settings.warehouse))
            )
        except BaseException as exc:  # reported below with the other thread's outcome
            errors.append(exc)

    threads = [threading.Thread(target=night) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=1200)
    assert not errors, errors
    assert len(results) == 2
    # The second run started its discovery only after the first had committed everything.
    assert sorted(r.run["files_new"] for r in results) == [0, 9]
    assert sorted(r.run["status"] for r in results) == ["completed", "completed"]
    with duckdb.connect(str(settings.warehouse), read_only=True) as con:
        assert con.execute(
            "SELECT count(*), count(DISTINCT article_id) FROM articles"
        ).fetchone() == (
            6,
            6,
        )
        assert con.execute("SELECT count(*) FROM ingest_runs").fetchone() == (2,)


@pytest.mark.slow
def test_a_run_that_cannot_get_the_lock_in_time_exits_with_one_clear_line(
    tmp_path: Path,
) -> None:
    """Another run (here: a process holding the run lock) keeps the warehouse: give up, say so."""
    warehouse = tmp_path / "w.duckdb"
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time; from pathlib import Path; "
            "from wirehouse.locking import warehouse_run_lock\n"
            "with warehouse_run_lock(Path(sys.argv[1]), 5):\n"
            "    print('holding', flush=True); time.sleep(300)",
            str(warehouse),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "holding"
        result = subprocess.run(
            [str(WIREHOUSE), "ingest", str(SEEDS), "--warehouse", str(warehouse)],
            capture_output=True,
            text=True,
            env=cli_env(tmp_path, WIREHOUSE_LOCK_TIMEOUT_SECONDS="3"),
            timeout=600,
        )
    finally:
        holder.kill()
        holder.wait()
    assert result.returncode == 2, result.stderr
    # The last line says what happened and what to do; the UI gets the full exception.
    assert "Traceback" not in result.stderr
    last_line = result.stderr.strip().splitlines()[-1]
    assert last_line.startswith("wirehouse: another wirehouse run is writing"), result.stderr
    assert "waited 3 s" in last_line
    # Nothing was written: while another run holds the lock, this one never opens the file.
    assert not warehouse.exists()


class Shell:
    """The real DuckDB shell (`duckdb-cli`, as analysts run it) holding the warehouse open."""

    def __init__(self, warehouse: Path, *flags: str) -> None:
        self.process = subprocess.Popen(
            [str(DUCKDB_SHELL), *flags, str(warehouse)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        assert self.process.stdin is not None and self.process.stdout is not None
        # A query's answer proves the shell has opened (and locked) the file.
        self.process.stdin.write("SELECT 'shell' || 'ready' AS state;\n")
        self.process.stdin.flush()
        lines = []
        while not any("shellready" in line for line in lines):
            line = self.process.stdout.readline()
            assert line, f"the shell exited: {''.join(lines)}"
            lines.append(line)

    @property
    def pid(self) -> int:
        """The process holding the lock: `.venv/bin/duckdb` is a Python launcher that runs
        the shell binary as its child, and DuckDB names the binary's PID."""
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        pids = children.read_text().split() if children.exists() else []
        return int(pids[0]) if pids else self.process.pid

    def quit(self) -> None:
        assert self.process.stdin is not None
        self.process.stdin.close()  # end of input: the shell exits and releases the file
        self.process.wait(timeout=60)


@pytest.fixture
def existing_warehouse(tmp_path: Path) -> Path:
    warehouse = tmp_path / "wh" / "w.duckdb"
    migrate_warehouse(warehouse)  # migrated, empty: what a shell would find
    return warehouse


@pytest.mark.parametrize(
    "flags",
    [(), ("-readonly",)],
    ids=["read-write shell", "read-only shell"],
)
def test_a_duckdb_shell_holding_the_warehouse_stops_the_night_with_its_pid(
    existing_warehouse: Path, tmp_path: Path, flags: tuple[str, ...]
) -> None:
    """DuckDB allows one writing process or any number of reading ones, never both: even a
    `-readonly` shell keeps a run from writing. The run must say who holds the file."""
    shell = Shell(existing_warehouse, *flags)
    try:
        result = subprocess.run(
            [str(WIREHOUSE), "ingest", str(SEEDS), "--warehouse", str(existing_warehouse)],
            capture_output=True,
            text=True,
            env=cli_env(tmp_path),
            timeout=300,
        )
        assert result.returncode == 2
        assert result.stderr.count("\n") == 1, result.stderr
        assert f"locked by process {shell.pid}" in result.stderr
        # …and does not send the person to `-readonly` as if that were a way out.
        assert "a `-readonly` shell blocks writing too" in result.stderr
    finally:
        shell.quit()
    # Closing the shell is all it takes: the file is intact and writable again.
    preflight(existing_warehouse)
    with duckdb.connect(str(existing_warehouse), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM schema_migrations").fetchone()[0] >= 2


@pytest.mark.usefixtures("prefect_harness")
def test_a_scheduled_run_blocked_by_a_shell_fails_naming_it(existing_warehouse: Path) -> None:
    """Deployment runs have no CLI preflight: the flow itself fails with the same message."""
    from flows.nightly import nightly_ingest

    shell = Shell(existing_warehouse)
    try:
        with pytest.raises(WarehouseUnavailable, match=f"locked by process {shell.pid}"):
            nightly_ingest(inbox=str(SEEDS), warehouse=str(existing_warehouse))
    finally:
        shell.quit()
