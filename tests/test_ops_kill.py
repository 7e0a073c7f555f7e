"""`kill -9` of a night at any point costs nothing: no process of it lives on, and the next
run marks it abandoned, removes its staging and ends with the warehouse of a clean run."""

from __future__ import annotations

import re
import subprocess
import uuid
from pathlib import Path

import duckdb
import pytest

from bench.generator import generate
from tests.ops_helpers import NOISE, WIREHOUSE, cli_env, processes_marked, tables_equal

FILES = 36
BATCH_SIZE = "6"
# Moments to kill at, told by the run's own progress lines: after discovery; while batches
# are parsed and enriched (the spaCy pool at work); after some batches were loaded.
KILL_AT = (
    r"Task run 'discover new files'",
    r"Task run 'read — batch 2/",
    r"batch 2/\d+: loaded",
)

pytestmark = pytest.mark.slow


def ingest_command(inbox: Path, warehouse: Path) -> list[str]:
    return [
        str(WIREHOUSE),
        "ingest",
        str(inbox),
        "--warehouse",
        str(warehouse),
        "--batch-size",
        BATCH_SIZE,
    ]


@pytest.fixture(scope="module")
def inbox(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("kill") / "inbox"
    generate(path, FILES, seed=12)
    return path


def kill_when(inbox: Path, warehouse: Path, env: dict[str, str], pattern: str) -> list[str]:
    """Start a night, kill -9 it when a stderr line matches; returns the lines seen."""
    run = subprocess.Popen(
        ingest_command(inbox, warehouse),
        stderr=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        text=True,
        env=env,
    )
    assert run.stderr is not None
    seen = []
    try:
        for line in run.stderr:
            seen.append(line)
            if re.search(pattern, line):
                break
        else:
            pytest.fail(f"the run ended before {pattern!r}: {''.join(seen)}")
        run.kill()
    finally:
        run.wait()
        run.stderr.close()
    return seen


def test_kill_9_at_any_point_then_the_next_run_recovers(inbox: Path, tmp_path: Path) -> None:
    clean = tmp_path / "clean" / "w.duckdb"
    subprocess.run(
        ingest_command(inbox, clean),
        env=cli_env(tmp_path, WIREHOUSE_NLP_PROCESSES="2"),
        capture_output=True,
        check=True,
        timeout=900,
    )
    warehouse = tmp_path / "killed" / "w.duckdb"
    staging = warehouse.parent / "staging"
    killed_runs: list[str] = []
    for pattern in KILL_AT:
        mark = uuid.uuid4().hex
        env = cli_env(tmp_path, WIREHOUSE_NLP_PROCESSES="2", WIREHOUSE_TEST_MARK=mark)
        kill_when(inbox, warehouse, env, pattern)
        # The temporary Prefect server, the fork server and the spaCy workers die with it.
        assert processes_marked(mark, wait_seconds=45) == [], pattern
        with duckdb.connect(str(warehouse), read_only=True) as con:
            running = con.execute(
                "SELECT run_id FROM ingest_runs WHERE status = 'running'"
            ).fetchall()
        assert len(running) == 1, pattern  # the killed run, never finished
        killed_runs.append(running[0][0])
        assert (staging / killed_runs[-1]).is_dir() or pattern == KILL_AT[0]

    mark = uuid.uuid4().hex
    final = subprocess.run(
        ingest_command(inbox, warehouse),
        env=cli_env(tmp_path, WIREHOUSE_NLP_PROCESSES="2", WIREHOUSE_TEST_MARK=mark),
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert final.returncode == 0, final.stderr
    assert not [w for w in NOISE if w in final.stdout], final.stdout
    assert "Traceback" not in final.stderr
    assert processes_marked(mark, wait_seconds=30) == []

    with duckdb.connect(str(warehouse), read_only=True) as con:
        runs = dict(
            con.execute(
                "SELECT run_id, status FROM ingest_runs WHERE abandoned_at IS NOT NULL "
                "OR status <> 'abandoned'"
            ).fetchall()
        )
        lake_files = {row[0] for row in con.execute("SELECT path FROM lake_files").fetchall()}
    assert {run: runs[run] for run in killed_runs} == dict.fromkeys(killed_runs, "abandoned")
    assert sorted(runs.values()).count("completed") == 1
    # Their staging is gone, and the lake holds exactly the files the warehouse loaded.
    assert not staging.exists() or list(staging.iterdir()) == []
    lake = warehouse.parent / "lake"
    assert {p.relative_to(lake).as_posix() for p in lake.rglob("*.parquet")} == lake_files
    tables_equal(warehouse, clean)
