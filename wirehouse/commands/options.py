"""What the commands share: the inbox and warehouse options, settings checked before
anything starts, and failing in one line."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer

if TYPE_CHECKING:
    from wirehouse.settings import Settings

InboxArgument = Annotated[
    Path | None,
    typer.Argument(help="Directory of wire files (default: WIREHOUSE_INBOX or seeds/)"),
]
InboxOption = Annotated[Path | None, typer.Option("--inbox", help="The same as the INBOX argument")]
WarehouseOption = Annotated[
    Path | None, typer.Option(help="DuckDB file (default: warehouse/wirehouse.duckdb)")
]


def one_inbox(argument: Path | None, option: Path | None) -> Path | None:
    """`ingest` and `serve` take the inbox alike: as an argument or as --inbox."""
    if argument is not None and option is not None and argument != option:
        typer.echo(f"wirehouse: two inboxes given ({argument} and --inbox {option})", err=True)
        raise typer.Exit(2)
    return argument if argument is not None else option


def resolved(path: Path | None) -> Path | None:
    return path.resolve() if path else None


def fail(message: str, code: int = 2) -> NoReturn:
    """One line on stderr and the exit code: 2 = the night could not run, 1 = it ran but
    failed (data checks)."""
    typer.echo(f"wirehouse: {message}", err=True)
    raise typer.Exit(code)


def settings_or_exit(**overrides: Any) -> Settings:
    """The settings with these flags, every one checked; or one line and exit code 2."""
    from wirehouse.settings import SettingsInvalid, check_runnable, load_settings

    try:
        settings = load_settings(**overrides)
        check_runnable(settings)
    except SettingsInvalid as exc:
        fail(str(exc))
    return settings
