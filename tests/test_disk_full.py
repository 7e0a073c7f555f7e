"""A full disk during discover stops the night with one line, and the next run recovers.

Runs on a small tmpfs filled to the brim; needs root and `mount` (skips, saying so, without).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from wirehouse import discovery, run_info, stages
from wirehouse.errors import NightFailed
from wirehouse.settings import Settings

WIREHOUSE = Path(sys.executable).with_name("wirehouse")

pytestmark = pytest.mark.slow


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    mount = shutil.which("mount")
    point = tmp_path / "disk"
    point.mkdir()
    if os.geteuid() != 0 or mount is None:
        pytest.skip("needs root and mount to make a small file system to fill")
    made = subprocess.run(
        [mount, "-t", "tmpfs", "-o", "size=8m", "tmpfs", str(point)], capture_output=True
    )
    if made.returncode:
        pytest.skip(f"cannot mount a tmpfs here: {made.stderr.decode(errors='replace')}")
    try:
        yield point
    finally:
        subprocess.run(["umount", str(point)], check=True)


def fill(disk: Path) -> Path:
    """Write until not one more byte fits."""
    filler = disk / "filler"
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT)
    try:
        for size in (1 << 20, 1 << 12, 1):
            try:
                while True:
                    os.write(fd, b"x" * size)
            except OSError:
                pass
    finally:
        os.close(fd)
    return filler


def test_a_full_disk_in_discover_is_one_line_and_the_next_run_recovers(
    small_disk: Path, tmp_path: Path
) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    settings = Settings(inbox=inbox, warehouse=small_disk / "wh" / "w.duckdb", nlp_processes=1)
    stages.migrate(run_info.new_run(settings, None))  # an existing, empty warehouse
    filler = fill(small_disk)
    (inbox / "story.txt").write_text("Headline\n\nA story.\n")

    with pytest.raises(NightFailed) as failed:
        discovery.discover(run_info.new_run(settings, None))
    assert str(failed.value).startswith(f"no space left on the device holding {settings.warehouse}")
    assert "\n" not in str(failed.value)

    # A new warehouse on the full disk: the CLI says the same before any engine starts.
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PREFECT_", "WIREHOUSE_"))}
    env["PREFECT_HOME"] = str(tmp_path / "prefect")
    result = subprocess.run(
        [str(WIREHOUSE), "ingest", str(inbox), "--warehouse", str(small_disk / "new" / "w.duckdb")],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    assert result.returncode == 2
    assert result.stderr.startswith(
        f"wirehouse: no space left on the device holding {small_disk / 'new' / 'w.duckdb'}"
    ), result.stderr
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr

    filler.unlink()
    plan = discovery.discover(run_info.new_run(settings, None))
    assert plan.files_new == 1
