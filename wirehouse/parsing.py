"""Parsing a batch of wire files into Arrow tables, quarantining what cannot be read."""

from __future__ import annotations

import hashlib
import logging
import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import pyarrow as pa

from wirehouse.inbox import InboxFile
from wirehouse.model import Article, SkippedItem, WireParseError
from wirehouse.readers import READERS, container_kind, read_wire_entries, sniff_format
from wirehouse.readers.archives import Entry
from wirehouse.safe_read import Unreadable, read_regular
from wirehouse.schema import FILE_OUTCOMES, PARSED, SKIPPED_ITEMS

log = logging.getLogger(__name__)


@dataclass(slots=True)
class ParsedBatch:
    articles: pa.Table  # PARSED
    outcomes: pa.Table  # FILE_OUTCOMES
    skipped: pa.Table  # SKIPPED_ITEMS


def parse_files(
    files: list[InboxFile],
    run_id: str,
    *,
    ingested_at: datetime,
    max_file_bytes: int,
    duplicates: list[tuple[InboxFile, str]] = (),  # type: ignore[assignment]
    inbox: Path | None = None,
) -> ParsedBatch:
    """Read every file; one bad file is quarantined with its reason and never stops the batch.

    `ingested_at` is the run's start (the articles' `ingested_at`): the last resort for the
    story date of a story that names none.

    With `inbox`, a file is read only if it (still) lies inside it (`wirehouse.safe_read`).
    """
    root = os.path.realpath(inbox) if inbox is not None else None
    articles: dict[str, dict[str, Any]] = {}
    outcomes: list[dict[str, Any]] = []
    skipped: list[dict[str, Any]] = []
    for file in files:
        outcome = {
            "path": file.path,
            "sha256": file.sha256,
            "size_bytes": file.size_bytes,
            "format": None,
            "status": "quarantined",
            "reason": None,
            "articles": 0,
            "run_id": run_id,
        }
        outcomes.append(outcome)
        fmt, items, reason = _read(file, max_file_bytes, root)
        outcome["format"] = fmt
        if reason is not None:
            # A reason from discover already names its stage; the rest are parse's.
            outcome["reason"] = reason if file.error else f"parse: {reason}"
            continue
        n_articles = n_skipped = 0
        for index, item in enumerate(items):
            if isinstance(item, SkippedItem):
                skipped.append(
                    {
                        "source_file": file.path,
                        "source_sha256": file.sha256,
                        "item_index": index,
                        "guid": item.guid,
                        "item_type": item.item_type,
                        "reason": item.reason,
                        "run_id": run_id,
                    }
                )
                n_skipped += 1
                continue
            record = item.to_row(ingested_at)
            record.update(source_file=file.path, source_sha256=file.sha256, item_index=index)
            # The same story version twice in one batch: the later file (in path order) wins,
            # as it would have had it arrived a night later.
            articles[record["article_id"]] = record
            n_articles += 1
        if n_articles:
            outcome.update(status="loaded", articles=n_articles)
        elif n_skipped:
            outcome.update(status="skipped", reason="no text items in the file (see skipped_items)")
        else:
            outcome["reason"] = "parse: the file holds no articles"
    for file, original in duplicates:
        outcomes.append(
            {
                "path": file.path,
                "sha256": file.sha256,
                "size_bytes": file.size_bytes,
                "format": None,
                "status": "duplicate",
                "reason": f"same bytes as {original}",
                "articles": 0,
                "run_id": run_id,
            }
        )
    return ParsedBatch(
        articles=pa.Table.from_pylist(list(articles.values()), schema=PARSED),
        outcomes=pa.Table.from_pylist(outcomes, schema=FILE_OUTCOMES),
        skipped=pa.Table.from_pylist(skipped, schema=SKIPPED_ITEMS),
    )


def _read(
    file: InboxFile, max_file_bytes: int, root: str | None
) -> tuple[str | None, list[Article | SkippedItem], str | None]:
    """(format, items, quarantine reason)."""
    if file.error:
        return None, [], file.error
    if reason := size_reason(file.size_bytes, max_file_bytes):
        return None, [], reason
    try:
        data = read_regular(file.os_path, root, limit=max_file_bytes)
    except Unreadable as exc:
        return None, [], str(exc)
    except OSError as exc:
        return None, [], f"cannot read the file ({exc.strerror or exc})"
    if hashlib.sha256(data).hexdigest() != file.sha256:
        # Not the bytes discover hashed: the manifest would record the wrong content.
        return None, [], "the file changed while the night read it; it is read again next night"
    fmt, entries, reason = read_entries(data, max_file_bytes, file.path)
    return fmt, [item for _member, item in entries], reason


def size_reason(size_bytes: int, max_file_bytes: int) -> str | None:
    """Why a file of this size is not read, or None when it is within the limit."""
    if size_bytes <= max_file_bytes:
        return None
    return (
        f"the file is {size_bytes / 1e6:.1f} MB, larger than the "
        f"{max_file_bytes / 1e6:.1f} MB limit (WIREHOUSE_MAX_FILE_BYTES)"
    )


def read_entries(
    data: bytes, max_file_bytes: int, label: str
) -> tuple[str | None, list[Entry], str | None]:
    """(format, items with the archive member each came from, quarantine reason) of one
    file's bytes: what the night and `wirehouse parse` both read. The format is known even
    when the reader refuses the file; a reader's bug costs this file, never the caller."""
    fmt = container_kind(data)
    try:
        if fmt is None:
            fmt = sniff_format(data)
            return fmt, [(None, item) for item in READERS[fmt](data)], None
        # compressed or bundled: unpacked in memory within the same file limit
        fmt, entries = read_wire_entries(data, max_bytes=max_file_bytes)
        return fmt, entries, None
    except WireParseError as exc:
        return fmt, [], str(exc)
    except RecursionError:
        return fmt, [], "the file is nested too deeply to read"
    except Exception as exc:  # a reader bug must cost one file, not the night
        log.warning("reader failed on %s: %s: %s", label, type(exc).__name__, exc)
        return fmt, [], f"internal reader error ({type(exc).__name__}: {exc}); please report"
