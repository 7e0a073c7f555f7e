"""The `wirehouse` command: what operators and the demo run."""

from __future__ import annotations

import json
import os
import sys
from datetime import date, datetime
from pathlib import Path
from typing import Annotated, Any

import typer

from wirehouse.model import Article, SkippedItem, WireParseError

app = typer.Typer(
    name="wirehouse",
    help="Turn news-agency wire files into a DuckDB warehouse.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


@app.callback()
def _root() -> None:
    """Turn news-agency wire files into a DuckDB warehouse."""


def _json_default(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    raise TypeError(f"cannot serialise {type(value).__name__}")


@app.command()
def parse(
    files: Annotated[list[Path], typer.Argument(help="Wire files to read", exists=False)],
    as_json: Annotated[bool, typer.Option("--json", help="JSON lines, one per article")] = False,
) -> None:
    """Show what the pipeline reads from wire files (no NLP, nothing written)."""
    from wirehouse.paths import to_text
    from wirehouse.readers import read_wire
    from wirehouse.safe_read import Unreadable, read_regular

    failed = 0
    for path in files:
        shown = to_text(path)  # any bytes in a name, printed readably
        try:
            # Regular files only: a FIFO, device or directory is refused, never read (or waited on).
            fmt, items = read_wire(read_regular(os.fspath(path)))
        except (Unreadable, OSError, WireParseError) as exc:
            failed += 1
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc
            typer.echo(f"{shown}: quarantine: {reason}", err=True)
            continue
        for index, item in enumerate(items):
            if isinstance(item, SkippedItem):
                typer.echo(f"{shown}#{index}: skipped: {item.reason}", err=True)
                continue
            if as_json:
                record = {"source_file": shown, "item_index": index, **item.to_record()}
                typer.echo(json.dumps(record, ensure_ascii=False, default=_json_default))
            else:
                typer.echo(_describe(shown, index, fmt, item))
    raise typer.Exit(1 if failed else 0)


@app.command()
def ingest(
    inbox: Annotated[
        Path | None,
        typer.Argument(help="Directory of wire files (default: WIREHOUSE_INBOX or seeds/)"),
    ] = None,
    warehouse: Annotated[
        Path | None, typer.Option(help="DuckDB file (default: warehouse/wirehouse.duckdb)")
    ] = None,
    batch_size: Annotated[int | None, typer.Option(help="Wire files per batch")] = None,
    dask_address: Annotated[
        str | None,
        typer.Option(help="Dask scheduler for the batch steps (default: WIREHOUSE_DASK_ADDRESS)"),
    ] = None,
) -> None:
    """Run the nightly flow once: load new wire files into the warehouse and summarise."""
    from wirehouse import prefect_env

    prefect_env.configure()
    from wirehouse.errors import NightFailed
    from wirehouse.locking import WarehouseBusy, run_in_progress
    from wirehouse.report import DataChecksFailed, to_text
    from wirehouse.serve import use_local_server
    from wirehouse.settings import load_settings
    from wirehouse.warehouse import WarehouseUnavailable, preflight

    try:
        # Fail in one line, before any engine starts, when the night cannot run at all.
        settings = load_settings(
            inbox=inbox.resolve() if inbox else None,
            warehouse=warehouse.resolve() if warehouse else None,
        )
        # While another run writes, DuckDB is legitimately busy: the flow waits for the run
        # lock instead (bounded), so only probe the file when no run holds it.
        if not run_in_progress(settings.warehouse):
            preflight(settings.warehouse)
        if not settings.inbox.is_dir():
            raise FileNotFoundError(
                f"the inbox {settings.inbox} does not exist or is not a directory"
            )
    except (WarehouseUnavailable, FileNotFoundError) as exc:
        typer.echo(f"wirehouse: {exc}", err=True)
        raise typer.Exit(2) from None

    # A running `wirehouse ui` server owns the Prefect database: report to it rather than
    # starting a second (temporary) server on the same SQLite file.
    use_local_server(settings)
    from flows.nightly import nightly_flow

    try:
        summary = nightly_flow(dask_address)(
            inbox=str(inbox.resolve()) if inbox else None,
            warehouse=str(warehouse.resolve()) if warehouse else None,
            batch_size=batch_size,
            dask_address=dask_address,
        )
    except (WarehouseUnavailable, WarehouseBusy, FileNotFoundError, NightFailed) as exc:
        typer.echo(f"wirehouse: {exc}", err=True)
        raise typer.Exit(2) from None
    except DataChecksFailed as exc:
        typer.echo(to_text(exc.summary))
        typer.echo(f"wirehouse: {exc}", err=True)
        raise typer.Exit(1) from None
    typer.echo(to_text(summary))


def _describe(path: str, index: int, fmt: str, article: Article) -> str:
    lines = [f"── {path} #{index} [{fmt}] {article.article_id}"]
    for name in ("headline", "agency", "dateline_places", "byline", "guid", "version"):
        value = getattr(article, name)
        if value not in (None, [], ""):
            lines.append(f"  {name}: {value}")
    preview = article.body[:300].replace("\n\n", " ¶ ")
    lines.append(
        f"  body ({article.word_count} words): {preview}{'…' if len(article.body) > 300 else ''}"
    )
    return "\n".join(lines)


def main() -> None:
    try:
        app()
    except KeyboardInterrupt:
        typer.echo("wirehouse: interrupted", err=True)
        sys.exit(130)
    except Exception as exc:
        if os.environ.get("WIREHOUSE_DEBUG"):
            raise
        typer.echo(
            f"wirehouse: failed: {type(exc).__name__}: {exc} "
            "(WIREHOUSE_DEBUG=1 shows the traceback)",
            err=True,
        )
        sys.exit(1)


# ---------------------------------------------------------------------------------------------
# Operations: the schedule, the local UI, reprocessing (docs/operations.md)


@app.command()
def serve(
    inbox: Annotated[
        Path | None,
        typer.Option(help="Directory of wire files (default: WIREHOUSE_INBOX or seeds/)"),
    ] = None,
    warehouse: Annotated[
        Path | None, typer.Option(help="DuckDB file (default: warehouse/wirehouse.duckdb)")
    ] = None,
) -> None:
    """Run the nightly schedule from this long-lived process (Ctrl-C stops it)."""
    from wirehouse import prefect_env

    prefect_env.configure()
    from wirehouse.settings import load_settings

    settings = load_settings(
        inbox=inbox.resolve() if inbox else None,
        warehouse=warehouse.resolve() if warehouse else None,
    )
    if not settings.inbox.is_dir():
        typer.echo(
            f"wirehouse: the inbox {settings.inbox} does not exist or is not a directory", err=True
        )
        raise typer.Exit(2)
    import signal

    from wirehouse.serve import api_for_serving
    from wirehouse.serve import serve as serve_deployments

    def _interrupt(*_: object) -> None:
        raise KeyboardInterrupt

    # SIGTERM (a service manager stopping us) while a server starts: stop like Ctrl-C, so
    # the server is stopped too. Once serving, Prefect's runner shuts down on SIGTERM itself.
    signal.signal(signal.SIGTERM, _interrupt)
    with api_for_serving(settings, Path(os.environ["PREFECT_HOME"])) as (api, started_here):
        typer.echo(
            f"wirehouse: serving nightly-ingest/nightly at '{settings.schedule_cron}' "
            f"({settings.schedule_timezone}) for inbox {settings.inbox}; Prefect API {api}"
            + (f" (started here; UI at {api.removesuffix('/api')})" if started_here else ""),
            err=True,
        )
        serve_deployments(settings)


@app.command()
def ui(
    port: Annotated[
        int | None, typer.Option(help="Port on 127.0.0.1 (default: WIREHOUSE_PREFECT_PORT, 4200)")
    ] = None,
) -> None:
    """Start the local Prefect server and UI on 127.0.0.1 (Ctrl-C stops it)."""
    import signal
    import subprocess

    from wirehouse import prefect_env

    prefect_env.configure()
    from wirehouse.serve import api_url, server_answers, server_command, server_env
    from wirehouse.settings import load_settings

    settings = load_settings(prefect_port=port)
    url = api_url(settings.prefect_port)
    ui_url = url.removesuffix("/api")
    if server_answers(url):
        typer.echo(f"wirehouse: a Prefect server is already running at {ui_url}")
        return
    # The same PREFECT_HOME as the embedded mode: its runs' history shows up here too.
    home = Path(os.environ["PREFECT_HOME"])
    typer.echo(
        f"Prefect UI at {ui_url} (history: {home}). To report runs here live:\n"
        f"  export PREFECT_API_URL={url}",
        err=True,
    )
    server = subprocess.Popen(server_command(), env=server_env(settings.prefect_port, home))
    # A service manager stops us with SIGTERM: pass it on rather than orphan the server.
    signal.signal(signal.SIGTERM, lambda *_: server.terminate())
    try:
        code = server.wait()
    except KeyboardInterrupt:  # the server got the terminal's Ctrl-C too; let it finish
        code = server.wait()
    raise typer.Exit(code)


def _iso_date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date like 2026-11-25") from None


@app.command()
def reprocess(
    since: Annotated[
        str, typer.Option(help="First ingest date to re-enrich (YYYY-MM-DD)", show_default=False)
    ],
    until: Annotated[
        str | None, typer.Option(help="Last ingest date (default: no upper bound)")
    ] = None,
    warehouse: Annotated[
        Path | None, typer.Option(help="DuckDB file (default: warehouse/wirehouse.duckdb)")
    ] = None,
) -> None:
    """Re-enrich stories already loaded with the current NLP pipelines (no raw files read)."""
    first, last = _iso_date(since), _iso_date(until) if until else None
    if last is not None and last < first:
        typer.echo(f"wirehouse: --until {last} is before --since {first}", err=True)
        raise typer.Exit(2)
    from wirehouse import prefect_env

    prefect_env.configure()
    from wirehouse.locking import WarehouseBusy
    from wirehouse.reprocess import ReprocessChecksFailed, to_text
    from wirehouse.serve import use_local_server
    from wirehouse.settings import load_settings
    from wirehouse.warehouse import WarehouseUnavailable, preflight

    settings = load_settings(warehouse=warehouse.resolve() if warehouse else None)
    try:
        if not settings.warehouse.exists():
            raise WarehouseUnavailable(
                f"no warehouse at {settings.warehouse}: nothing to reprocess"
            )
        preflight(settings.warehouse)
    except WarehouseUnavailable as exc:
        typer.echo(f"wirehouse: {exc}", err=True)
        raise typer.Exit(2) from None
    use_local_server(settings)

    from flows.reprocess import reprocess_enrichment

    try:
        summary = reprocess_enrichment(since=first, until=last, warehouse=str(settings.warehouse))
    except (WarehouseUnavailable, WarehouseBusy) as exc:
        typer.echo(f"wirehouse: {exc}", err=True)
        raise typer.Exit(2) from None
    except ReprocessChecksFailed as exc:
        typer.echo(f"wirehouse: data checks failed after reprocessing: {exc}", err=True)
        raise typer.Exit(1) from None
    typer.echo(to_text(summary))
