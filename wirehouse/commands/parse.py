"""`wirehouse parse`: what the pipeline reads from wire files, with no NLP and nothing written."""

from __future__ import annotations

import json
import os
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Annotated, Any

import typer

from wirehouse.model import Article, SkippedItem


def parse(
    files: Annotated[list[Path], typer.Argument(help="Wire files to read", exists=False)],
    as_json: Annotated[bool, typer.Option("--json", help="JSON lines, one per article")] = False,
) -> None:
    """Show what the pipeline reads from wire files (no NLP, nothing written)."""
    from wirehouse.parsing import read_entries, size_reason
    from wirehouse.paths import to_text
    from wirehouse.safe_read import Unreadable, read_regular
    from wirehouse.settings import load_settings

    # The night's limit and the night's reading (`parsing.read_entries`): what this shows is
    # what the night would load or quarantine.
    limit = load_settings().max_file_bytes
    # No run here: a story naming no date of its own gets the time of this look (`ingested`).
    now = datetime.now(UTC).replace(microsecond=0)
    failed = 0
    for path in files:
        shown = to_text(path)  # any bytes in a name, printed readably
        fmt: str | None = None
        entries: list[tuple[str | None, Article | SkippedItem]] = []
        try:
            reason = size_reason(os.stat(path).st_size, limit)
            if reason is None:
                # Regular files only: a FIFO, device or directory is refused, never read.
                data = read_regular(os.fspath(path), limit=limit)
                fmt, entries, reason = read_entries(data, limit, shown)
        except (Unreadable, OSError) as exc:
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        if reason is not None or fmt is None:
            failed += 1
            typer.echo(f"{shown}: quarantine: {reason}", err=True)
            continue
        for index, (member, item) in enumerate(entries):
            if isinstance(item, SkippedItem):
                typer.echo(f"{shown}#{index}: skipped: {item.reason}", err=True)
                continue
            if as_json:
                record = {"source_file": shown, "item_index": index, **item.to_row(now)}
                if member is not None:  # the story came from this member of a bundle
                    record["archive_member"] = member
                typer.echo(json.dumps(record, ensure_ascii=False, default=_json_default))
            else:
                typer.echo(_describe(shown, index, fmt, item, now, member))
    raise typer.Exit(1 if failed else 0)


def _json_default(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    raise TypeError(f"cannot serialise {type(value).__name__}")


def _describe(
    path: str, index: int, fmt: str, article: Article, now: datetime, member: str | None
) -> str:
    if member is not None:  # a bundle's story: the bundle's format and the story's own
        fmt = f"{fmt}: {article.format}"
    lines = [f"── {path} #{index} [{fmt}] {article.article_id}"]
    if member is not None:
        lines.append(f"  archive member: {member}")
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
