"""Discovering what arrived: scan the inbox, hash every file, decide what is new."""

from __future__ import annotations

import hashlib
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

_CHUNK = 1 << 20


@dataclass(frozen=True, slots=True)
class InboxFile:
    path: str
    sha256: str  # empty when the file could not be read
    size_bytes: int
    error: str | None = None  # why the file could not be read, for quarantine


@dataclass(frozen=True, slots=True)
class Discovery:
    files_seen: int
    new: list[InboxFile]  # to process, sorted by path
    duplicates: list[tuple[InboxFile, str]]  # same bytes as an already known file (its path)
    unchanged: int  # already processed, same bytes


def scan_inbox(inbox: Path) -> list[InboxFile]:
    """Every regular, non-hidden file below `inbox`, hashed, in path order."""
    if not inbox.is_dir():
        raise FileNotFoundError(f"the inbox {inbox} does not exist or is not a directory")
    files = []
    for path in sorted(inbox.rglob("*")):
        relative = path.relative_to(inbox)
        if any(part.startswith(".") for part in relative.parts) or not path.is_file():
            continue
        files.append(hash_file(path))
    return files


def hash_file(path: Path) -> InboxFile:
    digest = hashlib.sha256()
    size = 0
    try:
        with path.open("rb") as handle:
            while chunk := handle.read(_CHUNK):
                digest.update(chunk)
                size += len(chunk)
    except OSError as exc:
        return InboxFile(str(path), "", size, f"cannot read the file: {exc.strerror or exc}")
    return InboxFile(str(path), digest.hexdigest(), size)


def plan(files: Iterable[InboxFile], known: Mapping[str, Collection[str]]) -> Discovery:
    """Split scanned files into new, duplicate and unchanged, by content hash.

    `known` maps the sha256 of every file the manifest has seen to the paths it was seen at.
    """
    files = list(files)
    new: list[InboxFile] = []
    duplicates: list[tuple[InboxFile, str]] = []
    unchanged = 0
    first_path_of: dict[str, str] = {}
    for file in files:
        if file.error:
            new.append(file)  # unreadable: retried every night until it can be read
            continue
        if file.sha256 in known:
            if file.path in known[file.sha256]:
                unchanged += 1
            else:
                duplicates.append((file, min(known[file.sha256])))
        elif file.sha256 in first_path_of:
            duplicates.append((file, first_path_of[file.sha256]))
        else:
            first_path_of[file.sha256] = file.path
            new.append(file)
    return Discovery(len(files), new, duplicates, unchanged)


def batches(files: list[InboxFile], batch_size: int) -> list[list[InboxFile]]:
    return [files[i : i + batch_size] for i in range(0, len(files), batch_size)]


def batch_key(files: Iterable[InboxFile]) -> str:
    """A stable name for a batch: the same files always make the same key."""
    digest = hashlib.sha256()
    for file in sorted(files, key=lambda f: (f.path, f.sha256)):
        digest.update(f"{file.path}\x1f{file.sha256}\n".encode())
    return digest.hexdigest()[:16]
