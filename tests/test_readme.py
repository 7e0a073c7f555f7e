"""The README's quick start and queries are what CI runs: keep them honest."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.test_cli import WIREHOUSE, cli_env
from wirehouse.settings import PROJECT_ROOT

README = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
DUCKDB_SHELL = Path(sys.executable).with_name("duckdb")


def readme_sql() -> list[str]:
    blocks = re.findall(r"```sql\n(.*?)```", README, flags=re.S)
    statements = [s.strip() for block in blocks for s in block.split(";")]
    return [
        s for s in statements if s and not all(line.startswith("--") for line in s.splitlines())
    ]


def test_quick_start_commands_are_make_targets_and_ci_runs_the_test_one() -> None:
    quick_start = README.split("## Quick start", 1)[1].split("##", 1)[0]
    commands = re.findall(r"^(make [a-z-]+)", quick_start, flags=re.M)
    assert commands == ["make demo", "make test"]
    makefile = (PROJECT_ROOT / "Makefile").read_text(encoding="utf-8")
    for command in commands:
        assert re.search(rf"^{command.split()[1]}:", makefile, flags=re.M)
    assert "make test" in (PROJECT_ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_every_make_command_in_the_readme_is_a_target() -> None:
    commands = set(re.findall(r"^make ([a-z-]+)", README, flags=re.M))
    makefiles = [PROJECT_ROOT / "Makefile", *sorted((PROJECT_ROOT / "make").glob("*.mk"))]
    targets = {
        target
        for makefile in makefiles
        for target in re.findall(r"^([a-z-]+):", makefile.read_text(encoding="utf-8"), flags=re.M)
    }
    assert {"demo", "test", "test-quick", "bench"} <= commands
    assert commands <= targets, f"README commands that are no make target: {commands - targets}"


@pytest.fixture(scope="module")
def demo_warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("readme")
    warehouse = root / "wirehouse.duckdb"
    subprocess.run(
        [str(WIREHOUSE), "ingest", str(PROJECT_ROOT / "seeds"), "--warehouse", str(warehouse)],
        check=True,
        capture_output=True,
        env=cli_env(root),
        timeout=600,
    )
    return warehouse


@pytest.mark.slow
@pytest.mark.parametrize("statement", readme_sql(), ids=lambda s: s.splitlines()[0][:40])
def test_readme_query_runs_in_the_duckdb_shell(demo_warehouse: Path, statement: str) -> None:
    result = subprocess.run(
        [str(DUCKDB_SHELL), "-readonly", "-csv", str(demo_warehouse), "-c", statement],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert "Error" not in result.stderr
    assert len(result.stdout.strip().splitlines()) >= 2  # a header and at least one row
