"""The package as someone outside the checkout installs it: build the wheel, install it into a
fresh virtual environment elsewhere, and run a night on a copy of the seeds."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import duckdb
import pytest

from wirehouse.resources import CHECKOUT_ROOT

UV = CHECKOUT_ROOT / ".tools" / "bin" / "uv"

pytestmark = pytest.mark.slow


def run(command: list[str], **kwargs: object) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(command, capture_output=True, text=True, timeout=900, **kwargs)  # type: ignore[call-overload]
    assert result.returncode == 0, f"{command}\n{result.stdout}\n{result.stderr}"
    return result  # type: ignore[no-any-return]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not UV.exists():
        pytest.skip(f"{UV} missing: `make setup` installs it")
    out = tmp_path_factory.mktemp("dist")
    run([str(UV), "build", "--wheel", "--out-dir", str(out), str(CHECKOUT_ROOT)])
    (built,) = out.glob("wirehouse-*.whl")
    return built


def test_the_wheel_carries_the_sql_and_the_model(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "wirehouse/_data/sql/migrations/001_core_tables.sql" in names
    assert "wirehouse/_data/models/de_wirehouse_news/meta.json" in names
    assert {"flows/nightly.py", "tasks/read.py", "wirehouse/cli.py"} <= names


def test_an_installed_wirehouse_runs_a_night_outside_the_checkout(
    wheel: Path, tmp_path: Path
) -> None:
    venv = tmp_path / "venv"
    run([str(UV), "venv", "--quiet", "--python", sys.executable, str(venv)])
    # The lock's exact versions, the wheel's own code: what `pip install .` would resolve,
    # without the resolver's freedom to pick other versions than CI tested.
    constraints = tmp_path / "constraints.txt"
    run(
        [
            str(UV),
            "export",
            "--frozen",
            "--no-dev",
            "--no-hashes",
            "--no-emit-project",
            "--output-file",
            str(constraints),
        ],
        cwd=CHECKOUT_ROOT,
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PREFECT_", "WIREHOUSE_"))}
    env["VIRTUAL_ENV"] = str(venv)
    run(
        [str(UV), "pip", "install", "--quiet", "--constraint", str(constraints), str(wheel)],
        env=env,
    )
    wirehouse = venv / "bin" / "wirehouse"

    version = run([str(wirehouse), "--version"], cwd=tmp_path, env=env)
    assert version.stdout.strip() == "wirehouse 0.1.0"

    project = tmp_path / "night"
    shutil.copytree(CHECKOUT_ROOT / "seeds", project / "seeds")
    env["WIREHOUSE_NLP_PROCESSES"] = "1"
    # No paths given: the defaults hang from the current directory, and it says so.
    result = run([str(wirehouse), "ingest"], cwd=project, env=env)
    assert f"default paths are under {project}" in result.stderr
    assert "6 loaded, 3 quarantined" in result.stdout
    assert "checks: 7/7 passed" in result.stdout
    assert "recorded in the embedded server" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr
    with duckdb.connect(str(project / "warehouse" / "wirehouse.duckdb"), read_only=True) as con:
        pipelines = con.execute(
            "SELECT DISTINCT nlp_pipeline FROM articles WHERE lang = 'de'"
        ).fetchall()
    assert pipelines == [("de_wirehouse_news",)]  # the packaged model, not a blank one
    assert (project / ".prefect").is_dir()  # Prefect's history beside the data
