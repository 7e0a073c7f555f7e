"""What the operator sees while a night runs: a line per batch and stage, progress with rate
and time left, a progress artifact in the UI, and stage times in the night's wall clock."""

from __future__ import annotations

import logging

import pytest

from tests.test_flow_e2e import copy_seeds, run_night
from wirehouse.progress import ARTIFACT_KEY, track_night
from wirehouse.settings import Settings
from wirehouse.timing import covered_seconds


def test_overlapping_stage_intervals_count_once() -> None:
    assert covered_seconds([(0, 10), (5, 12), (20, 21)]) == 13
    assert covered_seconds([(0, 10), (2, 3)]) == 10
    assert covered_seconds([]) == 0


def test_progress_lines_give_files_words_rate_and_time_left(
    caplog: pytest.LogCaptureFixture,
) -> None:
    log = logging.getLogger("test.progress")
    with (
        caplog.at_level(logging.INFO, "test.progress"),
        track_night(400, 2, log, in_prefect=False, terminal=False) as progress,
    ):
        progress.advance(200, 190, 95_000)
        progress.advance(200, 10, 5_000)
    first, last = (r.getMessage() for r in caplog.records)
    assert "batch 1/2 loaded; 200/400 files (50 %), 190 articles, 95,000 words" in first
    assert "words/s" in first and "left" in first
    assert "400/400 files (100 %)" in last and "left" not in last


def test_a_terminal_gets_a_bar() -> None:
    log = logging.getLogger("test.progress")
    with track_night(10, 1, log, in_prefect=False, terminal=True) as progress:
        assert progress.bar is not None
        progress.advance(10, 10, 1000)
    assert progress.bar is None  # stopped on leaving


@pytest.mark.usefixtures("prefect_harness")
def test_a_night_publishes_its_progress_and_wall_clock_stage_times(settings: Settings) -> None:
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterKey

    copy_seeds(settings.inbox)
    summary = run_night(settings, batch_size=3)  # 9 files: three batches in flight
    with get_client(sync_client=True) as client:
        artifacts = client.read_artifacts(
            artifact_filter=ArtifactFilter(key=ArtifactFilterKey(any_=[ARTIFACT_KEY]))
        )
    mine = [
        a for a in artifacts if a.flow_run_id and str(a.flow_run_id) == summary.run["flow_run_id"]
    ]
    assert mine and mine[0].type == "progress" and float(mine[0].data) == 100.0
    night = (summary.run["finished_at"] - summary.run["started_at"]).total_seconds()
    # Overlapping batches no longer add up: no stage takes longer than the night.
    assert summary.stage_seconds and max(summary.stage_seconds.values()) <= night + 1
