"""Failures that belong to the night, not to one file: how they are told and recognised.

A full disk, an unreadable warehouse or a held lock cannot be fixed by skipping a file or by
retrying a step two seconds later. Such a failure raises `NightFailed` (or a subclass) with
one plain line saying what happened where; the run stops, nothing is half-written (every
batch is one transaction, every file is written atomically), and the next run recovers by
itself. Prefect does not retry these (`tasks._common.retry_unless_night_failed`) and the CLI
prints the line instead of a traceback.
"""

from __future__ import annotations

import errno
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from wirehouse.paths import to_text


class NightFailed(RuntimeError):
    """The night cannot go on; the message is one line for the operator."""


class StorageFailed(NightFailed):
    """The storage holding the warehouse, the lake or the staging files refused a write."""


# Errors of the storage itself: the same on a retry, the same for every file of the night.
STORAGE_ERRNOS = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EFBIG})


def storage_errno(exc: BaseException) -> int | None:
    """The storage errno behind `exc` (or its causes), also when a library only put
    the error's text in its message (pyarrow, DuckDB); None for any other error."""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        code = getattr(current, "errno", None)
        if code in STORAGE_ERRNOS:
            return int(code)
        message = str(current)
        for candidate in STORAGE_ERRNOS:
            if os.strerror(candidate) in message:
                return candidate
        current = current.__cause__ or current.__context__
    return None


def describe_os_error(exc: BaseException, path: Path | str) -> str:
    """One line for an error of the storage at `path`: what happened, where."""
    code = storage_errno(exc)
    if code is None:
        code = getattr(exc, "errno", None)
    if code == errno.ENOSPC:
        return (
            f"no space left on the device holding {path}; "
            "free some space and run again (nothing was half-written)"
        )
    if code == errno.EDQUOT:
        return f"the disk quota is used up on the device holding {path}"
    if code == errno.EROFS:
        return f"the file system holding {path} is read-only"
    if code == errno.EFBIG:
        return f"a file under {path} grew beyond what its file system allows"
    if code in (errno.EACCES, errno.EPERM):
        return f"no permission to write {path}"
    text = str(exc).strip()
    reason = getattr(exc, "strerror", None) or (text.splitlines()[0] if text else "")
    return f"cannot write {path}: {reason or type(exc).__name__}"


@contextmanager
def writing(path: Path) -> Iterator[None]:
    """Run a block that writes under `path`; a storage failure ends the night in one line."""
    try:
        yield
    except NightFailed:
        raise
    except Exception as exc:
        if storage_errno(exc) is None:
            raise
        raise StorageFailed(describe_os_error(exc, path)) from exc


def is_no_space(exc: BaseException) -> bool:
    """A full disk (or quota), as an OSError or as a library's message about one."""
    return storage_errno(exc) in (errno.ENOSPC, errno.EDQUOT)


def no_space(path: str | os.PathLike[str]) -> NightFailed:
    """The one line for a full disk: which device, by a path on it the operator knows."""
    return StorageFailed(describe_os_error(OSError(errno.ENOSPC, "full"), to_text(Path(path))))


def night_failure(exc: BaseException, path: str | os.PathLike[str]) -> NightFailed | None:
    """The NightFailed `exc` amounts to when writing at `path`, or None if it is no such case."""
    if isinstance(exc, NightFailed):
        return exc
    if storage_errno(exc) is not None:
        return StorageFailed(describe_os_error(exc, to_text(Path(path))))
    return None
