"""Failures that belong to the night stop it with one plain line, and nothing of the product
prints a traceback: bad settings, a full disk, a damaged warehouse, a tiny run's pool."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path

import duckdb
import pytest

from tests.ops_helpers import (
    NOISE,
    WIREHOUSE,
    cli_env,
    processes_marked,
    tables_equal,
)
from wirehouse.errors import NightFailed, StorageFailed, describe_os_error, writing
from wirehouse.settings import PROJECT_ROOT, SettingsInvalid, check_runnable, load_settings
from wirehouse.warehouse import WarehouseUnavailable, migrate, migrate_warehouse, open_warehouse

SEEDS = PROJECT_ROOT / "seeds"

# --------------------------------------------------------------------------------------------
# Item 9: every setting is checked before anything starts


@pytest.mark.parametrize(
    ("args", "env", "named"),
    [
        (["--batch-size", "0"], {}, "--batch-size"),
        (["--batch-size", "-1"], {}, "--batch-size"),
        ([], {"WIREHOUSE_BATCH_SIZE": "0"}, "WIREHOUSE_BATCH_SIZE"),
        ([], {"WIREHOUSE_NLP_PROCESSES": "many"}, "WIREHOUSE_NLP_PROCESSES"),
        ([], {"WIREHOUSE_PIPELINES": '{"de": '}, "WIREHOUSE_PIPELINES"),
        ([], {"WIREHOUSE_PIPELINES": '["de"]'}, "WIREHOUSE_PIPELINES"),
        ([], {"WIREHOUSE_PIPELINES": '{"de": "/nowhere/de_model"}'}, "WIREHOUSE_PIPELINES"),
        ([], {"WIREHOUSE_PIPELINES": '{"de": "de_no_such_package"}'}, "WIREHOUSE_PIPELINES"),
        ([], {"WIREHOUSE_SCHEDULE_TIMEZONE": "Mars/Olympus"}, "WIREHOUSE_SCHEDULE_TIMEZONE"),
    ],
)
def test_a_bad_setting_stops_the_cli_in_one_line_before_prefect(
    tmp_path: Path, args: list[str], env: dict[str, str], named: str
) -> None:
    started = time.monotonic()
    result = subprocess.run(
        [str(WIREHOUSE), "ingest", str(SEEDS), "--warehouse", str(tmp_path / "w.duckdb"), *args],
        capture_output=True,
        text=True,
        env=cli_env(tmp_path, **env),
        timeout=300,
    )
    assert result.returncode == 2, result.stderr
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1, result.stderr
    assert result.stderr.startswith(f"wirehouse: invalid setting {named}"), result.stderr
    assert "Traceback" not in result.stderr
    # Nothing started: no Prefect home, no warehouse.
    assert not (tmp_path / "prefect-home").exists()
    assert not (tmp_path / "w.duckdb").exists()
    assert time.monotonic() - started < 120


def test_settings_errors_name_the_flag_or_the_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(SettingsInvalid, match=r"--batch-size = 0: input should be greater"):
        load_settings(batch_size=0)
    monkeypatch.setenv("WIREHOUSE_BATCH_SIZE", "-1")
    with pytest.raises(SettingsInvalid, match=r"WIREHOUSE_BATCH_SIZE = '-1'"):
        load_settings()
    monkeypatch.delenv("WIREHOUSE_BATCH_SIZE")
    monkeypatch.setenv("WIREHOUSE_PIPELINES", '{"german": "de_core_news_sm"}')
    with pytest.raises(SettingsInvalid, match=r"'german' is not a language code"):
        check_runnable(load_settings())
    monkeypatch.setenv("WIREHOUSE_SCHEDULE_CRON", "0 2 * *")
    monkeypatch.delenv("WIREHOUSE_PIPELINES")
    with pytest.raises(SettingsInvalid, match=r"WIREHOUSE_SCHEDULE_CRON = '0 2 \* \*'"):
        check_runnable(load_settings())
    monkeypatch.delenv("WIREHOUSE_SCHEDULE_CRON")
    check_runnable(load_settings())  # the defaults are runnable


# --------------------------------------------------------------------------------------------
# Items 11 and 12: storage and warehouse failures are NightFailed, in words, never retried


def test_storage_errors_in_words(tmp_path: Path) -> None:
    full = OSError(28, "No space left on device")
    assert describe_os_error(full, tmp_path).startswith(
        f"no space left on the device holding {tmp_path};"
    )
    # pyarrow and DuckDB only put the words in their message
    pyarrow_like = OSError("[Errno 28] Error writing bytes. Detail: No space left on device")
    assert describe_os_error(pyarrow_like, tmp_path).startswith("no space left")
    with (
        pytest.raises(StorageFailed, match="no space left on the device holding"),
        writing(tmp_path),
    ):
        raise duckdb.IOException('IO Error: Could not write file "x": No space left on device')
    with pytest.raises(ValueError), writing(tmp_path):  # other errors stay themselves
        raise ValueError("not about storage")


def test_night_failures_are_not_retried() -> None:
    from prefect.states import Failed

    from tasks._common import retry_unless_night_failed
    from tasks.discover import discover
    from tasks.publish import publish_to_lake
    from tasks.read import read_batch

    assert not retry_unless_night_failed(None, None, Failed(data=StorageFailed("disk full")))
    assert retry_unless_night_failed(None, None, Failed(data=OSError(5, "flaky NFS")))
    for task in (discover, read_batch, publish_to_lake):
        assert task.retry_condition_fn is retry_unless_night_failed


def damaged_warehouse(path: Path) -> None:
    """A warehouse whose second half is gone (a copy cut short, a disk that filled up)."""
    with open_warehouse(path) as con:
        migrate(con)  # in the rows' session: one checkpoint lays the file out as a night's
        con.execute(
            "INSERT INTO ingest_files (path, sha256, size_bytes, status, articles, run_id, "
            "processed_at) SELECT 'f' || range, md5(range::VARCHAR), 1, 'loaded', 1, 'r', "
            "now() FROM range(200000)"
        )
    os.truncate(path, path.stat().st_size // 2)


def test_a_damaged_warehouse_is_one_line(tmp_path: Path) -> None:
    warehouse = tmp_path / "w.duckdb"
    damaged_warehouse(warehouse)
    # A run's first step, migrating, reads the whole catalogue: it meets the damage.
    with pytest.raises(WarehouseUnavailable, match="cannot be read") as caught:
        migrate_warehouse(warehouse)
    assert isinstance(caught.value, NightFailed)
    result = subprocess.run(
        [str(WIREHOUSE), "ingest", str(SEEDS), "--warehouse", str(warehouse)],
        capture_output=True,
        text=True,
        env=cli_env(tmp_path),
        timeout=900,
    )
    assert result.returncode == 2, result.stderr
    lines = [line for line in result.stderr.splitlines() if line.startswith("wirehouse:")]
    assert len(lines) == 1 and "cannot be read" in lines[0] and str(warehouse) in lines[0]
    assert not [word for word in NOISE if word in result.stdout + result.stderr], result.stderr
    assert "Retry" not in result.stderr


def mount_tmpfs(path: Path, size: str) -> None:
    path.mkdir(parents=True)
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(path)],
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs to fill up ({done.stderr.strip()}): needs root")


def fill_up(device_dir: Path) -> Path:
    """Write a ballast file until the device is full."""
    ballast = device_dir / "ballast"
    chunk = b"\0" * (256 * 1024)
    with ballast.open("wb") as handle:
        try:
            while True:
                handle.write(chunk)
                handle.flush()
        except OSError:
            pass
    return ballast


@pytest.mark.slow
def test_disk_full_while_enriching_is_one_line_and_the_rerun_equals_a_clean_run(
    tmp_path: Path,
) -> None:
    inbox = tmp_path / "inbox"
    shutil.copytree(SEEDS, inbox)
    device = tmp_path / "small-disk"
    mount_tmpfs(device, "64m")
    try:
        warehouse = device / "wh" / "w.duckdb"
        staging = warehouse.parent / "staging"
        env = cli_env(tmp_path)
        run = subprocess.Popen(
            [str(WIREHOUSE), "ingest", str(inbox), "--warehouse", str(warehouse)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        ballast: list[Path] = []

        def fill_when_enriching() -> None:
            # The batch has been parsed and its languages detected: enrichment is running.
            deadline = time.monotonic() + 600
            while time.monotonic() < deadline and run.poll() is None:
                if list(staging.glob("*/batch-*/languages.parquet")):
                    ballast.append(fill_up(device))
                    return
                time.sleep(0.05)

        filler = threading.Thread(target=fill_when_enriching)
        filler.start()
        out, err = run.communicate(timeout=900)
        filler.join()
        assert ballast, f"the run ended before enriching: {err}"
        assert run.returncode == 2, err
        lines = [line for line in err.splitlines() if line.startswith("wirehouse:")]
        assert len(lines) == 1, err
        assert lines[0].startswith("wirehouse: no space left on the device holding "), err
        assert str(device) in lines[0]
        assert not [word for word in NOISE if word in out + err], out + err

        ballast[0].unlink()  # the operator frees space; the next night recovers by itself
        again = subprocess.run(
            [str(WIREHOUSE), "ingest", str(inbox), "--warehouse", str(warehouse)],
            capture_output=True,
            text=True,
            env=env,
            timeout=900,
        )
        assert again.returncode == 0, again.stderr
        assert not [word for word in NOISE if word in again.stdout + again.stderr], again.stderr
        clean = tmp_path / "clean" / "w.duckdb"
        subprocess.run(
            [str(WIREHOUSE), "ingest", str(inbox), "--warehouse", str(clean)],
            capture_output=True,
            text=True,
            env=cli_env(tmp_path),
            timeout=900,
            check=True,
        )
        tables_equal(warehouse, clean)
        with duckdb.connect(str(warehouse), read_only=True) as con:
            statuses = con.execute("SELECT status FROM ingest_runs ORDER BY started_at").fetchall()
        assert [s[0] for s in statuses][-1] == "completed"
        assert statuses[0][0] in ("failed", "abandoned")
        assert not [p for p in staging.iterdir()] if staging.exists() else True
    finally:
        subprocess.run(["umount", "-l", str(device)], check=False)


# --------------------------------------------------------------------------------------------
# Item 13: a tiny run ends without a traceback, and leaves no process behind


@pytest.mark.slow
def test_a_one_story_run_prints_no_traceback_and_leaves_no_process(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    shutil.copy(SEEDS / "002_de_bahn_streik.txt", inbox)
    shutil.copy(SEEDS / "090_bad_empty.txt", inbox)
    mark = uuid.uuid4().hex
    result = subprocess.run(
        [str(WIREHOUSE), "ingest", str(inbox), "--warehouse", str(tmp_path / "w.duckdb")],
        capture_output=True,
        text=True,
        # Two workers: the pool is what the race was about.
        env=cli_env(tmp_path, WIREHOUSE_NLP_PROCESSES="2", WIREHOUSE_TEST_MARK=mark),
        timeout=900,
    )
    assert result.returncode == 0, result.stderr
    assert "1 loaded, 1 quarantined" in result.stdout
    assert not [word for word in NOISE if word in result.stdout + result.stderr], result.stderr
    assert processes_marked(mark, wait_seconds=60) == []


def test_a_pool_start_cancelled_at_once_ends_quietly(tmp_path: Path) -> None:
    """The race itself: the run is over before the starter thread has submitted anything."""
    script = (
        "from wirehouse.settings import Settings\n"
        "from wirehouse.nlp import pool\n"
        "if __name__ == '__main__':\n"
        "    pool.start_pool(Settings(), 2)\n"
        "    pool.finish_starting_pools()\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=600
    )
    assert result.returncode == 0
    assert "Traceback" not in result.stderr and "RuntimeError" not in result.stderr
