"""What an operator runs beside the nights (docs/operations.md): the local Prefect UI, and
reprocessing what is already loaded."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from wirehouse.commands.options import WarehouseOption, fail, resolved, settings_or_exit


def ui(
    port: Annotated[
        int | None, typer.Option(help="Port on 127.0.0.1 (default: WIREHOUSE_PREFECT_PORT, 4200)")
    ] = None,
) -> None:
    """Start the local Prefect server and UI on 127.0.0.1 (Ctrl-C stops it)."""
    import signal
    import subprocess

    settings = settings_or_exit(prefect_port=port)
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
        fail(
            f"port {settings.prefect_port} is taken by another project's Prefect server; "
            "choose another with --port or WIREHOUSE_PREFECT_PORT"
        )
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


def reprocess(
    since: Annotated[
        str, typer.Option(help="First ingest date to re-enrich (YYYY-MM-DD)", show_default=False)
    ],
    until: Annotated[
        str | None, typer.Option(help="Last ingest date (default: no upper bound)")
    ] = None,
    warehouse: WarehouseOption = None,
) -> None:
    """Re-enrich stories already loaded with the current NLP pipelines (no raw files read)."""
    first, last = _iso_date(since), _iso_date(until) if until else None
    if last is not None and last < first:
        fail(f"--until {last} is before --since {first}")
    settings = settings_or_exit(warehouse=resolved(warehouse))
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
        fail(str(exc))
    except ReprocessChecksFailed as exc:
        fail(f"data checks failed after reprocessing: {exc}", code=1)
    typer.echo(to_text(summary))


def _iso_date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date like 2026-11-25") from None
