"""The `wirehouse` command as an operator runs it: a real process, a real temporary server."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from wirehouse.settings import PROJECT_ROOT

WIREHOUSE = Path(sys.executable).with_name("wirehouse")
NOISE = ("Traceback", "Warning", "WARNING", "ERROR", "CancelledError", "telemetry")


def cli_env(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PREFECT_", "WIREHOUSE_"))}
    env["PREFECT_HOME"] = str(tmp_path / "prefect-home")
    env["WIREHOUSE_NLP_PROCESSES"] = "1"
    return env


@pytest.mark.slow
def test_ingest_prints_the_summary_and_no_noise(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    shutil.copytree(PROJECT_ROOT / "seeds", inbox)
    result = subprocess.run(
        [str(WIREHOUSE), "ingest", str(inbox), "--warehouse", str(tmp_path / "w.duckdb")],
        capture_output=True,
        text=True,
        env=cli_env(tmp_path),
        timeout=600,
    )
    assert result.returncode == 0, result.stderr
    assert "6 loaded, 3 quarantined" in result.stdout
    assert "checks: 7/7 passed" in result.stdout
    assert "the file is empty" in result.stdout
    output = result.stdout + result.stderr
    assert not [word for word in NOISE if word in output], output
    assert "batch 1/1" in result.stderr  # progress


def test_a_warehouse_held_open_by_a_shell_fails_in_one_line(tmp_path: Path) -> None:
    warehouse = tmp_path / "w.duckdb"
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import duckdb, sys, time; con = duckdb.connect(sys.argv[1]); print('ready', flush=True); time.sleep(120)",
            str(warehouse),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "ready"
        started = time.monotonic()
        result = subprocess.run(
            [str(WIREHOUSE), "ingest", str(PROJECT_ROOT / "seeds"), "--warehouse", str(warehouse)],
            capture_output=True,
            text=True,
            env=cli_env(tmp_path),
            timeout=120,
        )
    finally:
        holder.kill()
        holder.wait()
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1, result.stderr
    assert f"locked by process {holder.pid}" in result.stderr
    assert "Traceback" not in result.stderr
    assert time.monotonic() - started < 60


def test_parse_prints_json_lines(tmp_path: Path) -> None:
    import json

    result = subprocess.run(
        [str(WIREHOUSE), "parse", "--json", str(PROJECT_ROOT / "seeds" / "002_de_bahn_streik.txt")],
        capture_output=True,
        text=True,
        check=True,
    )
    record = json.loads(result.stdout)
    assert record["agency"] == "dpa-AFX"
    assert record["dateline_places"] == ["Berlin", "Frankfurt"]
    assert record["format"] == "dpa_afx"
    # The warehouse's derived columns too: a story naming no date is dated by this look.
    assert record["agency_raw"] == "dpa-AFX"
    assert record["story_date_source"] == "ingested" and record["story_date"]
    assert (record["pubstatus"], record["is_empty"], record["sent"]) == ("usable", False, None)


def test_parse_reports_bad_files_and_fails(tmp_path: Path) -> None:
    result = subprocess.run(
        [str(WIREHOUSE), "parse", str(PROJECT_ROOT / "seeds" / "090_bad_empty.txt")],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1
    assert "the file is empty" in result.stderr


def test_parse_applies_the_nights_file_limit(tmp_path: Path) -> None:
    """`wirehouse parse` refuses what the night refuses, before reading it: a 3 GB sparse
    file is "larger than the limit", not read and then called empty."""
    big = tmp_path / "sparse.txt"
    with big.open("wb") as fh:
        fh.truncate(3 * 1024**3)
    small = tmp_path / "story.txt"
    small.write_bytes((PROJECT_ROOT / "seeds" / "002_de_bahn_streik.txt").read_bytes())
    env = cli_env(tmp_path) | {"WIREHOUSE_MAX_FILE_BYTES": "1024"}
    result = subprocess.run(
        [str(WIREHOUSE), "parse", str(big), str(small)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert any(
        line.startswith(f"{big}: quarantine: the file is 3221.2 MB, larger than the")
        and line.endswith("(WIREHOUSE_MAX_FILE_BYTES)")
        for line in lines
    ), lines
    assert any(line.startswith(f"{small}: quarantine: the file is") for line in lines), lines


@pytest.mark.parametrize("missing", ["inbox"])
def test_missing_inbox_is_one_clear_line(tmp_path: Path, missing: str) -> None:
    result = subprocess.run(
        [
            str(WIREHOUSE),
            "ingest",
            str(tmp_path / "nowhere"),
            "--warehouse",
            str(tmp_path / "w.duckdb"),
        ],
        capture_output=True,
        text=True,
        env=cli_env(tmp_path),
    )
    assert result.returncode == 2
    assert "does not exist" in result.stderr and "Traceback" not in result.stderr
