"""Opening wire files safely: regular files only, never outside the inbox, never hanging.

- A symbolic link is followed only to a file inside the inbox; the check is made on the file
  actually opened (the descriptor's own path), so a link swapped in between the check and the
  open (TOCTOU) cannot lead outside either.
- Only regular files are read: a FIFO, a device or a socket is refused without being read
  (opened non-blocking, so a FIFO with no writer cannot hang the night or `wirehouse parse`).
"""

from __future__ import annotations

import errno
import os
import stat

from wirehouse.paths import to_text

_FLAGS = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_NOCTTY", 0)
_CHUNK = 1 << 20


class Unreadable(Exception):
    """The file cannot be read as a wire file; the message is the quarantine reason."""


def kind_of(mode: int) -> str:
    for test, kind in (
        (stat.S_ISDIR, "a directory"),
        (stat.S_ISFIFO, "a named pipe (FIFO)"),
        (stat.S_ISSOCK, "a socket"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISLNK, "a symbolic link"),
    ):
        if test(mode):
            return kind
    return "not a regular file"


def inside(path: str, root: str) -> bool:
    """Whether the resolved `path` is `root` or below it (both already resolved)."""
    return path == root or path.startswith(root.rstrip(os.sep) + os.sep)


def resolve_inside(path: str, root: str) -> str:
    """The real path of `path`, which must lie inside the resolved inbox `root`."""
    try:
        target = os.path.realpath(path, strict=True)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise Unreadable("the symbolic link loops back on itself") from None
        if exc.errno == errno.ENOENT:
            raise Unreadable("the symbolic link leads nowhere (its target is missing)") from None
        raise Unreadable(f"cannot follow the path ({exc.strerror or exc})") from None
    if not inside(target, root):
        raise Unreadable(
            f"the symbolic link leads outside the inbox (to {to_text(target)}); "
            "wirehouse never reads outside the inbox"
        )
    return target


def _opened_path(fd: int) -> str | None:
    """The path the kernel has for an open descriptor (Linux), or None where it cannot say."""
    try:
        return os.readlink(f"/proc/self/fd/{fd}")
    except OSError:
        return None


def open_regular(path: str, root: str | None = None) -> tuple[int, os.stat_result]:
    """Open `path` for reading: a regular file, inside `root` (resolved) when given.

    Returns the descriptor and its stat; the caller closes it.
    """
    target = resolve_inside(path, root) if root is not None else path
    try:
        # Refuse a device or a FIFO before opening it: opening some devices has effects.
        before = os.stat(target)
        if not stat.S_ISREG(before.st_mode):
            raise Unreadable(f"not a regular file: it is {kind_of(before.st_mode)}")
        # O_NOFOLLOW: the resolved name must not have become a link since it was resolved.
        fd = os.open(target, _FLAGS | (os.O_NOFOLLOW if root is not None else 0))
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise Unreadable("the file was replaced by a symbolic link while being read") from None
        raise Unreadable(f"cannot read the file ({exc.strerror or exc})") from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise Unreadable(f"not a regular file: it is {kind_of(info.st_mode)}")
        if root is not None:
            opened = _opened_path(fd)
            if opened is None:  # no /proc: the resolved name must still be this very file
                check = os.stat(os.path.realpath(target))
                same = (check.st_dev, check.st_ino) == (info.st_dev, info.st_ino)
                opened = target if same else ""
            if not inside(opened, root):
                raise Unreadable("the file moved outside the inbox while being read")
        os.set_blocking(fd, True)
    except BaseException:
        os.close(fd)
        raise
    return fd, info


def read_regular(path: str, root: str | None = None, limit: int | None = None) -> bytes:
    """The bytes of a regular file (see `open_regular`); at most `limit` + 1 bytes are read."""
    fd, _info = open_regular(path, root)
    chunks: list[bytes] = []
    size = 0
    with os.fdopen(fd, "rb") as handle:
        while chunk := handle.read(_CHUNK):
            chunks.append(chunk)
            size += len(chunk)
            if limit is not None and size > limit:
                break
    return b"".join(chunks)
