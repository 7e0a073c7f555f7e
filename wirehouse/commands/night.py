"""The night: `ingest` runs it once and prints its summary and where the run is recorded;
`serve` runs it on its schedule from a long-lived process."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer

from wirehouse.commands.options import (
    InboxArgument,
    InboxOption,
    WarehouseOption,
    fail,
    one_inbox,
    resolved,
    settings_or_exit,
)


def ingest(
    inbox: InboxArgument = None,
    inbox_option: InboxOption = None,
    warehouse: WarehouseOption = None,
    batch_size: Annotated[int | None, typer.Option(help="Wire files per batch")] = None,
    dask_address: Annotated[
        str | None,
        typer.Option(help="Dask scheduler for the batch steps (default: WIREHOUSE_DASK_ADDRESS)"),
    ] = None,
) -> None:
    """Run the nightly flow once: load new wire files into the warehouse and summarise."""
    inbox = one_inbox(inbox, inbox_option)
    # Every setting is checked before Prefect is even imported: a wrong one costs a second
    # and one line, not a started night.
    settings = settings_or_exit(
        inbox=resolved(inbox),
        warehouse=resolved(warehouse),
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
        fail(str(exc))
    except DataChecksFailed as exc:
        typer.echo(to_text(exc.summary))
        typer.echo(run_location(api, embedded, exc.summary.run.get("flow_run_id")))
        fail(str(exc), code=1)
    typer.echo(to_text(summary))
    typer.echo(run_location(api, embedded, summary.run.get("flow_run_id")))


def serve(
    inbox: InboxArgument = None,
    inbox_option: InboxOption = None,
    warehouse: WarehouseOption = None,
) -> None:
    """Run the nightly schedule from this long-lived process (Ctrl-C stops it)."""
    inbox = one_inbox(inbox, inbox_option)
    settings = settings_or_exit(inbox=resolved(inbox), warehouse=resolved(warehouse))
    from wirehouse import prefect_env

    prefect_env.configure()
    if not settings.inbox.is_dir():
        fail(f"the inbox {settings.inbox} does not exist or is not a directory")
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
