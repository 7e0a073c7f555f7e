"""Every setting in one typed object.

Precedence: CLI flags > `WIREHOUSE_*` environment variables > defaults. Defaults work on a
fresh clone with no setup: the embedded warehouse lives under `warehouse/` in the project.
Relative paths are resolved against the project root, never the current directory.
"""

from __future__ import annotations

from functools import cached_property
from pathlib import Path
from typing import Any

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def _default_pipelines() -> dict[str, str]:
    return {"de": str(PROJECT_ROOT / "models" / "de_wirehouse_news")}


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="WIREHOUSE_", env_nested_delimiter="__")

    inbox: Path = Field(PROJECT_ROOT / "seeds", description="Directory the wire files arrive in")
    warehouse: Path = Field(
        PROJECT_ROOT / "warehouse" / "wirehouse.duckdb", description="DuckDB warehouse file"
    )
    lake: Path | None = Field(
        None, description="Parquet lake directory (default: `lake/` beside the warehouse)"
    )
    batch_size: int = Field(200, ge=1, description="Wire files per batch (one task run each)")
    nlp_processes: int = Field(0, ge=0, description="spaCy worker processes (0 = all cores)")
    nlp_batch_size: int = Field(64, ge=1, description="Documents per nlp.pipe batch")
    pipelines: dict[str, str] = Field(
        default_factory=_default_pipelines,
        description="Language → spaCy package name or path; others get a blank pipeline",
    )
    # langdetect costs a part per character read plus a part per random trial. 200
    # characters (about 30 words: the headline and the start of the lead) with one trial
    # labelled 2,258 of 2,258 texts in ~40 languages as langdetect's defaults do on the whole
    # text (7 trials), at 0.74 ms per text against 2.44 (`python -m bench.language`,
    # bench/README.md). A sample shorter than 200 characters always gets all seven trials.
    langdetect_max_chars: int = Field(
        200, ge=50, description="Characters of each story that language detection reads"
    )
    langdetect_trials: int = Field(
        1, ge=1, le=20, description="langdetect trials for a full sample (≥ 200 characters)"
    )
    max_file_bytes: int = Field(
        20 * 1024 * 1024, ge=1024, description="Files larger than this are quarantined"
    )
    # A story's headline and body together. Longer texts go through spaCy in pieces cut at
    # paragraph breaks (wirehouse.nlp.pieces), so a 1.1 MB story is enriched like any other;
    # past this limit a "story" is a data dump (a 10 MB JSON string), quarantined with the
    # reason rather than holding a worker's memory and minutes for nothing worth reading.
    max_story_chars: int = Field(
        2_000_000,
        ge=1_000,
        le=50_000_000,
        description="Stories longer than this (characters) are quarantined at enrich",
    )
    lock_timeout_seconds: float = Field(
        60.0, ge=0, description="How long a run waits for another run's warehouse lock"
    )
    keywords_per_article: int = Field(10, ge=0)
    # Operations (docs/operations.md): the schedule `wirehouse serve` runs, the port of the
    # local Prefect server `wirehouse ui` starts, and the size of a reprocess batch.
    schedule_cron: str = Field("0 2 * * *", description="When the night runs (cron)")
    schedule_timezone: str = Field("Europe/Berlin", description="Time zone of schedule_cron")
    prefect_port: int = Field(
        4200, ge=1, le=65535, description="Port of the local Prefect server and UI (127.0.0.1)"
    )
    reprocess_batch_articles: int = Field(
        500, ge=1, description="Stories per reprocess batch (one task run each)"
    )
    # Scale-out (README "More machines"): with a scheduler address the batch steps run on that
    # Dask cluster; the staging and lake directories must be shared storage at the same paths.
    dask_address: str | None = Field(
        None, description="Dask scheduler (tcp://host:8786) for the batch steps; none = here"
    )
    batches_in_flight: int = Field(
        0, ge=0, description="Batches processed ahead of the load (0 = 6 here, 4 on Dask)"
    )

    @field_validator("inbox", "warehouse", "lake", mode="after")
    @classmethod
    def _absolute(cls, value: Path | None) -> Path | None:
        if value is None:
            return None
        value = value.expanduser()
        return value if value.is_absolute() else (PROJECT_ROOT / value).resolve()

    @cached_property
    def lake_dir(self) -> Path:
        return self.lake if self.lake is not None else self.warehouse.parent / "lake"

    @cached_property
    def staging_dir(self) -> Path:
        return self.warehouse.parent / "staging"

    def with_overrides(self, **overrides: Any) -> Settings:
        """A copy with CLI flags applied (None means: flag not given)."""
        given = {k: v for k, v in overrides.items() if v is not None}
        return Settings(**{**self.model_dump(exclude={"lake_dir", "staging_dir"}), **given})


def load_settings(**overrides: Any) -> Settings:
    return Settings().with_overrides(**overrides)
