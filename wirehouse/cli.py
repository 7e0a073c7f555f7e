"""The `wirehouse` command: what operators and the demo run."""

from __future__ import annotations

import json
import os
import sys
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer

from wirehouse.model import Article, SkippedItem, WireParseError

if TYPE_CHECKING:
    from wirehouse.settings import Settings

app = typer.Typer(
    name="wirehouse",
    help="Turn news-agency wire files into a DuckDB warehouse.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _print_version(value: bool) -> None:
    if value:
        from importlib.metadata import PackageNotFoundError, version

        try:
            typer.echo(f"wirehouse {version('wirehouse')}")
        except PackageNotFoundError:  # running from a checkout that was never installed
            typer.echo("wirehouse (not installed)")
        raise typer.Exit()


@app.callback()
def _root(
    _version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_print_version, is_eager=True, help="Print the version and exit"
        ),
    ] = False,
) -> None:
    """Turn news-agency wire files into a DuckDB warehouse."""
    from wirehouse.resources import is_checkout

    if not is_checkout() and not os.environ.get("WIREHOUSE_QUIET_DEFAULTS"):
        # Installed outside a checkout: relative defaults (seeds/, warehouse/, .prefect/)
        # hang from the current directory; say so once, so nobody looks for them elsewhere.
        typer.echo(
            f"wirehouse: no project checkout; default paths are under {Path.cwd()} "
            "(set WIREHOUSE_INBOX / WIREHOUSE_WAREHOUSE to choose)",
            err=True,
        )


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

    # No run here: a story naming no date of its own gets the time of this look (`ingested`).
    now = datetime.now(UTC).replace(microsecond=0)
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
                record = {"source_file": shown, "item_index": index, **item.to_row(now)}
                typer.echo(json.dumps(record, ensure_ascii=False, default=_json_default))
            else:
                typer.echo(_describe(shown, index, fmt, item, now))
    raise typer.Exit(1 if failed else 0)


@app.command()
def ingest(
    inbox: Annotated[
        Path | None,
        typer.Argument(help="Directory of wire files (default: WIREHOUSE_INBOX or seeds/)"),
    ] = None,
    inbox_option: Annotated[
        Path | None, typer.Option("--inbox", help="The same as the INBOX argument")
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
    inbox = _one_inbox(inbox, inbox_option)
    # Every setting is checked before Prefect is even imported: a wrong one costs a second
    # and one line, not a started night.
    settings = _settings_or_exit(
        inbox=inbox.resolve() if inbox else None,
        warehouse=warehouse.resolve() if warehouse else None,
        batch_size=batch_size,
        dask_address=dask_address,
    )
    from wirehouse import prefect_env

    prefect_env.configure()
    from wirehouse.errors import NightFailed
    from wirehouse.locking import run_in_progress
    from wirehouse.night_report import DataChecksFailed, to_text
    from wirehouse.serve import api_for_run, run_location
    from wirehouse.warehouse import preflight

    try:
        # Fail in one line, before any engine starts, when the night cannot run at all.
        # While another run writes, DuckDB is legitimately busy: the flow waits for the run
        # lock instead (bounded), so only probe the file when no run holds it.
        if not run_in_progress(settings.warehouse):
            preflight(settings.warehouse)
        if not settings.inbox.is_dir():
            raise FileNotFoundError(
                f"the inbox {settings.inbox} does not exist or is not a directory"
            )
        # PREFECT_API_URL / the profile's server, else this project's `wirehouse ui` server
        # (never another checkout's on the same port), else a temporary server of our own.
        api, embedded = api_for_run(Path(os.environ["PREFECT_HOME"]))
        from flows.nightly import nightly_flow

        summary = nightly_flow(dask_address)(
            inbox=str(settings.inbox),
            warehouse=str(settings.warehouse),
            batch_size=batch_size,
        )
    except (NightFailed, FileNotFoundError) as exc:
        _fail(str(exc))
    except DataChecksFailed as exc:
        typer.echo(to_text(exc.summary))
        typer.echo(run_location(api, embedded, exc.summary.run.get("flow_run_id")))
        _fail(str(exc), code=1)
    typer.echo(to_text(summary))
    typer.echo(run_location(api, embedded, summary.run.get("flow_run_id")))


def _one_inbox(argument: Path | None, option: Path | None) -> Path | None:
    """`ingest` and `serve` take the inbox alike: as an argument or as --inbox."""
    if argument is not None and option is not None and argument != option:
        typer.echo(f"wirehouse: two inboxes given ({argument} and --inbox {option})", err=True)
        raise typer.Exit(2)
    return argument if argument is not None else option


def _fail(message: str, code: int = 2) -> NoReturn:
    """One line on stderr and the exit code: 2 = the night could not run, 1 = it ran but
    failed (data checks)."""
    typer.echo(f"wirehouse: {message}", err=True)
    raise typer.Exit(code)


def _settings_or_exit(**overrides: Any) -> Settings:
    """The settings with these flags, every one checked; or one line and exit code 2."""
    from wirehouse.settings import SettingsInvalid, check_runnable, load_settings

    try:
        settings = load_settings(**overrides)
        check_runnable(settings)
    except SettingsInvalid as exc:
        _fail(str(exc))
    return settings


def _describe(path: str, index: int, fmt: str, article: Article, now: datetime) -> str:
    lines = [f"── {path} #{index} [{fmt}] {article.article_id}"]
    row = article.to_row(now)
    for name in ("headline", "agency", "dateline_places", "byline", "guid", "version"):
        value = row[name]
        if value not in (None, [], ""):
            lines.append(f"  {name}: {value}")
    lines.append(
        f"  story_date: {row['story_date']:%Y-%m-%d %H:%M} UTC ({row['story_date_source']})"
    )
    if row["pubstatus"] != "usable":
        lines.append(f"  pubstatus: {row['pubstatus']}")
    preview = article.body[:300].replace("\n\n", " ¶ ")
    lines.append(
        f"  body ({article.word_count} words{', EMPTY' if row['is_empty'] else ''}): "
        f"{preview}{'…' if len(article.body) > 300 else ''}"
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
        typer.Argument(help="Directory of wire files (default: WIREHOUSE_INBOX or seeds/)"),
    ] = None,
    inbox_option: Annotated[
        Path | None, typer.Option("--inbox", help="The same as the INBOX argument")
    ] = None,
    warehouse: Annotated[
        Path | None, typer.Option(help="DuckDB file (default: warehouse/wirehouse.duckdb)")
    ] = None,
) -> None:
    """Run the nightly schedule from this long-lived process (Ctrl-C stops it)."""
    inbox = _one_inbox(inbox, inbox_option)
    settings = _settings_or_exit(
        inbox=inbox.resolve() if inbox else None,
        warehouse=warehouse.resolve() if warehouse else None,
    )
    from wirehouse import prefect_env

    prefect_env.configure()
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

    settings = _settings_or_exit(prefect_port=port)
    from wirehouse import prefect_env

    prefect_env.configure()
    from wirehouse.serve import (
        api_url,
        forget_server,
        project_server,
        record_server,
        server_answers,
        server_command,
        server_env,
    )

    url = api_url(settings.prefect_port)
    ui_url = url.removesuffix("/api")
    # The same PREFECT_HOME as the embedded mode: its runs' history shows up here too.
    home = Path(os.environ["PREFECT_HOME"])
    running = project_server(home)
    if running:
        typer.echo(f"wirehouse: this project's Prefect server is already running at {running}")
        return
    if server_answers(url):
        typer.echo(
            f"wirehouse: port {settings.prefect_port} is taken by another project's Prefect "
            "server; choose another with --port or WIREHOUSE_PREFECT_PORT",
            err=True,
        )
        raise typer.Exit(2)
    typer.echo(
        f"Prefect UI at {ui_url} (history: {home}). To report runs here live:\n"
        f"  export PREFECT_API_URL={url}",
        err=True,
    )
    server = subprocess.Popen(server_command(), env=server_env(settings.prefect_port, home))
    # Runs of this project (and only this one) report here from now on: see use_local_server.
    record_server(home, url, server.pid)
    # A service manager stops us with SIGTERM: pass it on rather than orphan the server.
    signal.signal(signal.SIGTERM, lambda *_: server.terminate())
    try:
        code = server.wait()
    except KeyboardInterrupt:  # the server got the terminal's Ctrl-C too; let it finish
        code = server.wait()
    finally:
        forget_server(home, server.pid)
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
    settings = _settings_or_exit(warehouse=warehouse.resolve() if warehouse else None)
    from wirehouse import prefect_env

    prefect_env.configure()
    from wirehouse.errors import NightFailed
    from wirehouse.reprocess import ReprocessChecksFailed, to_text
    from wirehouse.serve import api_for_run
    from wirehouse.warehouse import WarehouseUnavailable, preflight

    try:
        if not settings.warehouse.exists():
            raise WarehouseUnavailable(
                f"no warehouse at {settings.warehouse}: nothing to reprocess"
            )
        preflight(settings.warehouse)
        api_for_run(Path(os.environ["PREFECT_HOME"]))
        from flows.reprocess import reprocess_enrichment

        summary = reprocess_enrichment(since=first, until=last, warehouse=str(settings.warehouse))
    except NightFailed as exc:
        _fail(str(exc))
    except ReprocessChecksFailed as exc:
        typer.echo(f"wirehouse: data checks failed after reprocessing: {exc}", err=True)
        raise typer.Exit(1) from None
    typer.echo(to_text(summary))
