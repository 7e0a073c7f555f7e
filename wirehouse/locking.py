"""One writer at a time: a run holds the warehouse's lock file for its whole duration."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from filelock import FileLock, Timeout

from wirehouse.errors import NightFailed


class WarehouseBusy(NightFailed):
    """Another run holds the warehouse; the message says which file and how long we waited."""


def lock_path(warehouse: Path) -> Path:
    return warehouse.with_name(warehouse.name + ".run-lock")


def run_in_progress(warehouse: Path) -> bool:
    """Whether a run holds the warehouse's lock right now (a probe, released at once)."""
    path = lock_path(warehouse)
    if not path.exists():
        return False
    lock = FileLock(path)
    try:
        lock.acquire(timeout=0)
    except Timeout:
        return True
    lock.release()
    return False


@contextmanager
def warehouse_run_lock(warehouse: Path, timeout_seconds: float) -> Iterator[None]:
    path = lock_path(warehouse)
    path.parent.mkdir(parents=True, exist_ok=True)
    lock = FileLock(path)
    try:
        lock.acquire(timeout=timeout_seconds)
    except Timeout:
        raise WarehouseBusy(
            f"another wirehouse run is writing {warehouse} (lock {path}); "
            f"waited {timeout_seconds:g} s — try again when it has finished"
        ) from None
    try:
        yield
    finally:
        lock.release()
