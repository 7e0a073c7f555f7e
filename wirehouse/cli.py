"""The `wirehouse` command: what operators and the demo run.

This module is the app and its entry point (`main`); each command is a plain function in
`wirehouse.commands`, registered here in the order `wirehouse --help` lists them.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated

import typer

from wirehouse.commands.night import ingest, serve
from wirehouse.commands.operations import reprocess, ui
from wirehouse.commands.parse import parse

app = typer.Typer(
    name="wirehouse",
    help="Turn news-agency wire files into a DuckDB warehouse.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
for command in (parse, ingest, serve, ui, reprocess):
    app.command()(command)


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
