"""Where the night's batch steps run is chosen once, where the flow is called: the flow has
no parameter that would change the settings but not the runner (issue 16's trap)."""

from __future__ import annotations

import inspect

import pytest


def test_the_night_takes_no_dask_address_it_could_not_honour() -> None:
    from flows.nightly import nightly_ingest

    assert "dask_address" not in inspect.signature(nightly_ingest.fn).parameters


def test_the_entry_chooses_the_runner_at_call_time(monkeypatch: pytest.MonkeyPatch) -> None:
    from prefect.task_runners import ThreadPoolTaskRunner
    from prefect_dask import DaskTaskRunner

    from flows.nightly import nightly_flow

    assert isinstance(nightly_flow().task_runner, ThreadPoolTaskRunner)
    given = nightly_flow("tcp://127.0.0.1:8786").task_runner
    assert isinstance(given, DaskTaskRunner) and given.address == "tcp://127.0.0.1:8786"
    # Set after import, the environment still counts: it is read when the entry is called.
    monkeypatch.setenv("WIREHOUSE_DASK_ADDRESS", "tcp://127.0.0.1:8787")
    from_env = nightly_flow().task_runner
    assert isinstance(from_env, DaskTaskRunner) and from_env.address == "tcp://127.0.0.1:8787"


@pytest.mark.usefixtures("prefect_harness")
def test_inside_the_flow_the_runner_says_where_steps_run(monkeypatch: pytest.MonkeyPatch) -> None:
    from prefect import flow

    from wirehouse.batching import dask_address_of_this_run

    @flow
    def probe() -> str | None:
        return dask_address_of_this_run()

    # The environment names a cluster, but this flow's runner is Prefect's thread pool: the
    # night's settings follow the runner (one spaCy process per step only on Dask).
    monkeypatch.setenv("WIREHOUSE_DASK_ADDRESS", "tcp://127.0.0.1:8787")
    assert probe() is None
