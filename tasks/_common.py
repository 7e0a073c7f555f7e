"""What every task shares: no input hashing, and retries only where the outside is touched."""

from __future__ import annotations

from typing import Any, TypedDict

from prefect.cache_policies import NO_CACHE, CachePolicy

from wirehouse.errors import NightFailed


class _Defaults(TypedDict):
    cache_policy: CachePolicy
    persist_result: bool


class _Retries(TypedDict):
    retries: int
    retry_delay_seconds: list[float]
    retry_condition_fn: Any


def retry_unless_night_failed(task: Any, task_run: Any, state: Any) -> bool:
    """Retry a failed step unless the night itself failed (disk full, warehouse unreadable):
    that is the same ten seconds later, and the operator gets one line at once instead."""
    try:
        state.result()
    except NightFailed:
        return False
    except BaseException:
        return True
    return True


# Steps are idempotent by construction (outputs are keyed by batch and replaced atomically),
# so Prefect's result caching would only add hashing of large inputs.
TASK_DEFAULTS: _Defaults = {"cache_policy": NO_CACHE, "persist_result": False}
# Only steps that touch the outside world (the inbox, the lake's storage) retry, with backoff.
IO_RETRIES: _Retries = {
    "retries": 2,
    "retry_delay_seconds": [2.0, 10.0],
    "retry_condition_fn": retry_unless_night_failed,
}
