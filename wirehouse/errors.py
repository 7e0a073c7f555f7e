"""Failures that belong to the night, said in one plain line.

A failure that belongs to one file quarantines that file (with the stage and the problem);
one that belongs to the night (a full disk, an inbox that cannot be listed) stops the run
with a `NightFailed` whose message is the line the operator reads. Nothing is half-written
(every step is atomic or one transaction) and the next run picks up where this one stopped.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

from wirehouse.paths import to_text


class NightFailed(RuntimeError):
    """The night cannot go on; the message is one plain line saying why and what to do."""


def is_no_space(exc: BaseException) -> bool:
    """A full disk (or quota), as an OSError or as a library's message about one."""
    if isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return True
    # DuckDB and pyarrow report the C library's message in their own exception types.
    message = str(exc).lower()
    return "no space left on device" in message or "disk quota exceeded" in message


def no_space(path: str | os.PathLike[str]) -> NightFailed:
    """The one line for a full disk: which device, by a path on it the operator knows."""
    return NightFailed(
        f"no space left on the device holding {to_text(Path(path))}; "
        "free some space and run again (nothing was half-written)"
    )


def night_failure(exc: BaseException, path: str | os.PathLike[str]) -> NightFailed | None:
    """The NightFailed `exc` amounts to when writing at `path`, or None if it is no such case."""
    if isinstance(exc, NightFailed):
        return exc
    if is_no_space(exc):
        return no_space(path)
    return None
