"""The night's summary: read from the warehouse, rendered for the CLI and the Prefect UI."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import duckdb

from wirehouse import sql
from wirehouse.places import finds_gazetteer_places


@dataclass(slots=True)
class RunSummary:
    run: dict[str, Any]
    files: list[dict[str, Any]]  # every file that did not load cleanly, with its reason
    articles_by: list[dict[str, Any]]
    top_entities: list[dict[str, Any]]
    checks: list[dict[str, Any]]
    # How many of the night's stories were dated by their ingest time, had no agency, were
    # killed, had no body text (sql/statements/report_trust.sql).
    trust: dict[str, int] = field(default_factory=dict)
    stage_seconds: dict[str, float] = field(default_factory=dict)
    stage_cpu_seconds: dict[str, float] = field(default_factory=dict)
    # Per language and pipeline: stories, entities, and whether it had an entity model.
    pipelines: list[dict[str, Any]] = field(default_factory=list)

    @property
    def quarantined(self) -> list[dict[str, Any]]:
        return [f for f in self.files if f["status"] == "quarantined"]

    @property
    def failed_checks(self) -> list[dict[str, Any]]:
        return [c for c in self.checks if not c["passed"]]


class DataChecksFailed(RuntimeError):
    """Raised after a run loaded and reported, when a data check failed."""

    def __init__(self, summary: RunSummary) -> None:
        names = ", ".join(c["check_name"] for c in summary.failed_checks)
        super().__init__(f"data checks failed: {names}")
        self.summary = summary


def _rows(con: duckdb.DuckDBPyConnection, name: str, **params: Any) -> list[dict[str, Any]]:
    cursor = con.execute(sql.statement(name), params)
    columns = [d[0] for d in cursor.description or []]
    return [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]


def summarize(con: duckdb.DuckDBPyConnection, run_id: str, top: int = 10) -> RunSummary:
    runs = _rows(con, "report_run", run_id=run_id)
    return RunSummary(
        run=runs[0] if runs else {"run_id": run_id},
        files=_rows(con, "report_files", run_id=run_id),
        articles_by=_rows(con, "report_articles_by", run_id=run_id),
        top_entities=_rows(con, "report_top_entities", run_id=run_id, limit=top),
        checks=_rows(con, "report_checks", run_id=run_id),
        trust={k: int(v or 0) for k, v in _rows(con, "report_trust", run_id=run_id)[0].items()},
        pipelines=_rows(con, "report_pipelines", run_id=run_id),
    )


def _count(summary: RunSummary, key: str) -> int:
    return int(summary.run.get(key) or 0)


def trust_line(summary: RunSummary) -> str | None:
    """`stories: 3 dated by ingest time, 1 killed or withdrawn, …`; None when all is known."""
    labels = {
        "dated_by_ingest": "dated by ingest time (no date in the file)",
        "without_agency": "without agency",
        "killed": "killed or withdrawn",
        "empty": "without body text (is_empty)",
    }
    parts = [f"{summary.trust[k]} {label}" for k, label in labels.items() if summary.trust.get(k)]
    return "stories: " + ", ".join(parts) if parts else None


def headline(summary: RunSummary) -> str:
    return (
        f"{_count(summary, 'files_new')} new of {_count(summary, 'files_seen')} files: "
        f"{_count(summary, 'files_loaded')} loaded, {_count(summary, 'files_quarantined')} "
        f"quarantined, {_count(summary, 'files_duplicate')} duplicate, "
        f"{_count(summary, 'items_skipped')} items skipped; "
        f"{_count(summary, 'articles_loaded')} articles, "
        f"{_count(summary, 'entities_loaded')} entities"
    )


def _stories(n: int) -> str:
    return f"{n} {'story' if n == 1 else 'stories'}"


def what_it_gets(lang: str) -> str:
    """The entities of a language's stories that no entity model read."""
    if not finds_gazetteer_places(lang):
        return "dateline places only"
    return "places from the gazetteer only"


def without_entity_model(summary: RunSummary) -> list[str]:
    """One line per language whose stories no entity model read, and what they get instead:
    dateline places, and the gazetteer's places (`wirehouse.nlp.gazetteer_places`) except
    in the languages that have a model by default (switched off)."""
    by_lang: dict[str, int] = {}
    for row in summary.pipelines:
        if row["no_entity_model"]:
            by_lang[row["lang"]] = by_lang.get(row["lang"], 0) + int(row["stories"])
    return [
        f"{lang}: {_stories(n)}, no entity model installed ({what_it_gets(lang)}); "
        "see WIREHOUSE_PIPELINES"
        for lang, n in by_lang.items()
    ]


def _entities_cell(row: dict[str, Any]) -> str:
    if not row["no_entity_model"]:
        return str(row["entities"])
    if not finds_gazetteer_places(row["lang"]):
        return "— no entity model"
    return f"{row['entities']} places (gazetteer; no entity model)"


def pipelines_markdown(summary: RunSummary) -> list[str]:
    """The "entity models by language" section of a run report."""
    if not summary.pipelines:
        return []
    return [
        "## Entity models by language",
        "",
        "| lang | pipeline | version | stories | entities |",
        "|---|---|---|---|---|",
        *(
            f"| {r['lang']} | {r['pipeline']} | {r['pipeline_version']} | {r['stories']} "
            f"| {_entities_cell(r)} |"
            for r in summary.pipelines
        ),
        "",
        *(f"- {line}" for line in without_entity_model(summary)),
        "",
    ]


def to_markdown(summary: RunSummary) -> str:
    run = summary.run
    lines = [
        f"# Nightly ingest {run.get('run_id')}",
        "",
        f"**{headline(summary)}**",
        "",
        f"Status: **{run.get('status')}** · inbox `{run.get('inbox')}`",
        "",
    ]
    if trust := trust_line(summary):
        lines += [trust, ""]
    lines += [
        *checks_markdown(
            [(c["check_name"], c["passed"], c["failing_rows"]) for c in summary.checks]
        ),
        "## Articles by language and format",
        "",
        "| lang | format | articles | words |",
        "|---|---|---|---|",
        *(
            f"| {r['lang']} | {r['format']} | {r['articles']} | {r['words']} |"
            for r in summary.articles_by
        ),
        "",
        *pipelines_markdown(summary),
        "## Top entities",
        "",
        "| label | name | mentions | articles |",
        "|---|---|---|---|",
        *(
            f"| {e['label']} | {e['name']} | {e['mentions']} | {e['articles']} |"
            for e in summary.top_entities
        ),
        "",
    ]
    if summary.files:
        lines += [
            "## Files not loaded",
            "",
            "| file | status | reason |",
            "|---|---|---|",
            *(
                f"| {_cell(f['path'])} | {f['status']} | {_cell(f['reason'] or '')} |"
                for f in summary.files
            ),
            "",
        ]
    lines += stage_seconds_markdown(summary.stage_seconds)
    return "\n".join(lines)


def _cell(text: str) -> str:
    """A markdown table cell: file names may hold `|` and backticks (wirehouse.paths)."""
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("`", "\\`")


def checks_markdown(checks: list[tuple[str, bool, int]]) -> list[str]:
    """The "data checks" section of a run report: (name, passed, failing rows) per check."""
    passed = sum(1 for _name, ok, _rows in checks if ok)
    return [
        f"## Data checks: {passed}/{len(checks)} passed",
        "",
        "| check | result | failing rows |",
        "|---|---|---|",
        *(
            f"| {name} | {'✅ passed' if ok else '❌ FAILED'} | {rows} |"
            for name, ok, rows in checks
        ),
        "",
    ]


def stage_seconds_markdown(stage_seconds: dict[str, float]) -> list[str]:
    """The "time per stage" section of a run report (no lines when nothing was timed)."""
    if not stage_seconds:
        return []
    return [
        "## Time per stage",
        "",
        "| stage | seconds |",
        "|---|---|",
        *(f"| {stage} | {sec:.2f} |" for stage, sec in stage_seconds.items()),
        "",
    ]


def to_text(summary: RunSummary) -> str:
    """The same summary for a terminal."""
    lines = [f"run {summary.run.get('run_id')}: {summary.run.get('status')}", headline(summary)]
    if summary.articles_by:
        by_lang: dict[str, int] = {}
        for row in summary.articles_by:
            by_lang[row["lang"]] = by_lang.get(row["lang"], 0) + int(row["articles"])
        # Most stories first (ties by code): what the night was mostly made of leads.
        ranked = sorted(by_lang.items(), key=lambda kv: (-kv[1], kv[0]))
        lines.append("languages: " + ", ".join(f"{k} {v}" for k, v in ranked))
    if trust := trust_line(summary):
        lines.append(trust)
    models = [r for r in summary.pipelines if not r["no_entity_model"]]
    if models:
        lines.append(
            "entity models: "
            + ", ".join(
                f"{r['lang']} {r['pipeline']} {r['pipeline_version']} ({_stories(r['stories'])})"
                for r in models
            )
        )
    lines += [f"  {line}" for line in without_entity_model(summary)]
    if summary.top_entities:
        lines.append(
            "top entities: "
            + ", ".join(
                f"{e['name']} ({e['label']}, {e['mentions']})" for e in summary.top_entities[:8]
            )
        )
    for f in summary.files:
        lines.append(f"  {f['status']}: {f['path']} — {f['reason'] or ''}")
    failed = summary.failed_checks
    lines.append(
        f"checks: {len(summary.checks) - len(failed)}/{len(summary.checks)} passed"
        + (
            "".join(
                f"\n  FAILED {c['check_name']}: {c['failing_rows']} rows — {c['description']}"
                for c in failed
            )
        )
    )
    return "\n".join(lines)
