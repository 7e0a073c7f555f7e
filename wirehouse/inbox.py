"""Discovering what arrived: scan the inbox, hash every file, decide what is new."""

from __future__ import annotations

import hashlib
import os
import stat
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from wirehouse.errors import NightFailed
from wirehouse.paths import from_text, to_text
from wirehouse.safe_read import Unreadable, open_regular, resolve_inside

_CHUNK = 1 << 20


@dataclass(frozen=True, slots=True)
class InboxFile:
    path: str  # where it was found, in text form (wirehouse.paths): the manifest's key
    sha256: str  # empty when the file could not be read
    size_bytes: int
    error: str | None = None  # why the file could not be read, for quarantine

    @property
    def os_path(self) -> str:
        """The path for the file system (undecodable bytes as surrogate escapes)."""
        return from_text(self.path)


@dataclass(frozen=True, slots=True)
class Discovery:
    files_seen: int
    new: list[InboxFile]  # to process, sorted by path
    duplicates: list[tuple[InboxFile, str]]  # same bytes as an already known file (its path)
    unchanged: int  # already processed, same bytes


def scan_inbox(inbox: Path) -> list[InboxFile]:
    """Every non-hidden entry below `inbox` that is or should be a wire file, in path order.

    Regular files are hashed. Whatever cannot be read is returned with its reason, to be
    quarantined: a directory that cannot be entered, a FIFO or device, a symbolic link that
    leads outside the inbox, dangles or loops. A link to a file inside the inbox is read as
    that file (the content hash then makes one of the two a duplicate); a link to a
    directory is never followed (inside the inbox its files are found at their own paths).
    """
    if not inbox.is_dir():
        raise FileNotFoundError(f"the inbox {to_text(inbox)} does not exist or is not a directory")
    root = os.path.realpath(inbox)
    found: list[tuple[tuple[str, ...], InboxFile]] = []
    # A stack, not recursion: a directory tree of any depth cannot exhaust Python's stack.
    pending: list[tuple[str, tuple[str, ...]]] = [(str(inbox), ())]
    while pending:
        directory, parts = pending.pop()
        for entry, here in _entries(directory, parts, found):
            if entry.is_dir(follow_symlinks=False):
                pending.append((entry.path, here))
                continue
            file = _examine(entry.path, root)
            if file is not None:
                found.append((here, file))
    # Sorted by path components, as sorted(Path.rglob()) was: batch keys stay stable.
    found.sort(key=lambda item: item[0])
    return [file for _, file in found]


def _entries(
    directory: str, parts: tuple[str, ...], found: list[tuple[tuple[str, ...], InboxFile]]
) -> list[tuple[os.DirEntry[str], tuple[str, ...]]]:
    """The directory's non-hidden entries; if it cannot be listed, it is reported in `found`."""
    try:
        with os.scandir(directory) as listing:
            entries = list(listing)
    except OSError as exc:
        if not parts:
            raise NightFailed(
                f"cannot list the inbox {to_text(directory)}: {exc.strerror or exc}"
            ) from None
        # One directory is one unit: it is reported like a file and the rest goes on.
        reason = f"discover: cannot enter the directory ({exc.strerror or exc})"
        found.append((parts, InboxFile(to_text(directory), "", 0, reason)))
        return []
    # Hidden names: a transfer still in progress, or not meant for us.
    return [(e, (*parts, e.name)) for e in entries if not e.name.startswith(".")]


def _examine(path: str, root: str) -> InboxFile | None:
    """One non-directory entry: hashed, or its reason; None for a link to a directory inside."""
    try:
        info = os.lstat(path)
        if stat.S_ISLNK(info.st_mode) and os.path.isdir(resolve_inside(path, root)):
            return None
    except Unreadable as exc:
        return InboxFile(to_text(path), "", 0, f"discover: {exc}")
    except OSError as exc:
        return InboxFile(to_text(path), "", 0, f"discover: cannot read ({exc.strerror or exc})")
    return hash_file(path, root)


def hash_file(path: str, root: str | None = None) -> InboxFile:
    """The file's sha256 and size, read safely (`wirehouse.safe_read`); or why it cannot be."""
    digest = hashlib.sha256()
    size = 0
    try:
        fd, _info = open_regular(path, root)
        with os.fdopen(fd, "rb") as handle:
            while chunk := handle.read(_CHUNK):
                digest.update(chunk)
                size += len(chunk)
    except Unreadable as exc:
        return InboxFile(to_text(path), "", size, f"discover: {exc}")
    except OSError as exc:
        reason = f"discover: cannot read the file ({exc.strerror or exc})"
        return InboxFile(to_text(path), "", size, reason)
    return InboxFile(to_text(path), digest.hexdigest(), size)


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
