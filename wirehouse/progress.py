"""How far the night has got, for the operator: a line per loaded batch in the run's log (the
Prefect UI shows it), a progress artifact in the UI, and a bar on a terminal."""

from __future__ import annotations

import logging
import sys
import time
from dataclasses import dataclass, field
from typing import Any
from uuid import UUID

ARTIFACT_KEY = "nightly-ingest-progress"


@dataclass
class NightProgress:
    """Files and words loaded of the night's total, their rate and the time left."""

    files_total: int
    batches_total: int
    logger: logging.Logger | logging.LoggerAdapter[Any]
    files_done: int = 0
    batches_done: int = 0
    articles_done: int = 0
    words_done: int = 0
    started: float = field(default_factory=time.monotonic)
    artifact_id: UUID | None = None
    bar: Any = None  # rich.progress.Progress on a terminal
    bar_task: Any = None

    def advance(self, files: int, articles: int, words: int) -> None:
        """One batch is loaded."""
        self.batches_done += 1
        self.files_done += files
        self.articles_done += articles
        self.words_done += words
        self.logger.info("progress: %s", self.describe())
        if self.artifact_id is not None:
            from prefect.artifacts import update_progress_artifact

            update_progress_artifact(self.artifact_id, progress=self.percent)
        if self.bar is not None:
            self.bar.update(
                self.bar_task,
                completed=self.files_done,
                description=f"{self.words_done:,} words, {self.words_per_second:,.0f} words/s",
            )

    @property
    def percent(self) -> float:
        return 100.0 * self.files_done / self.files_total if self.files_total else 100.0

    @property
    def words_per_second(self) -> float:
        return self.words_done / max(time.monotonic() - self.started, 1e-9)

    def eta_seconds(self) -> float | None:
        if not self.files_done:
            return None
        elapsed = time.monotonic() - self.started
        return elapsed / self.files_done * (self.files_total - self.files_done)

    def describe(self) -> str:
        eta = self.eta_seconds()
        left = f", about {_clock(eta)} left" if eta and self.files_done < self.files_total else ""
        return (
            f"batch {self.batches_done}/{self.batches_total} loaded; "
            f"{self.files_done:,}/{self.files_total:,} files ({self.percent:.0f} %), "
            f"{self.articles_done:,} articles, {self.words_done:,} words, "
            f"{self.words_per_second:,.0f} words/s{left}"
        )

    def close(self) -> None:
        if self.bar is not None:
            self.bar.stop()
            self.bar = None

    def __enter__(self) -> NightProgress:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()


def track_night(
    files_total: int,
    batches_total: int,
    logger: logging.Logger | logging.LoggerAdapter[Any],
    *,
    in_prefect: bool = True,
    terminal: bool | None = None,
) -> NightProgress:
    """Start tracking: the artifact (inside a flow run), a bar when stderr is a terminal."""
    progress = NightProgress(files_total, batches_total, logger)
    if in_prefect and files_total:
        from prefect.artifacts import create_progress_artifact

        created = create_progress_artifact(
            progress=0.0,
            key=ARTIFACT_KEY,
            description=f"Files of tonight's {files_total:,} new files loaded",
        )
        # Sync in a sync flow; the union type is Prefect's async dispatch.
        progress.artifact_id = created if isinstance(created, UUID) else None
    if (sys.stderr.isatty() if terminal is None else terminal) and files_total:
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeRemainingColumn,
        )

        progress.bar = Progress(
            TextColumn("night"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("files · {task.description}"),
            TimeRemainingColumn(),
            console=Console(stderr=True),
            redirect_stderr=True,
            redirect_stdout=False,
        )
        progress.bar_task = progress.bar.add_task("0 words", total=files_total)
        progress.bar.start()
    return progress


def _clock(seconds: float) -> str:
    minutes, secs = divmod(round(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"
