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


def _worth_retrying(_task: object, _task_run: object, state: Any) -> bool:
    """Retry, unless the night itself failed (a full disk, an inbox that cannot be listed):
    that fails the same way seconds later, and the operator should read it at once."""
    return not isinstance(state.data, NightFailed)


# Steps are idempotent by construction (outputs are keyed by batch and replaced atomically),
# so Prefect's result caching would only add hashing of large inputs.
TASK_DEFAULTS: _Defaults = {"cache_policy": NO_CACHE, "persist_result": False}
# Only steps that touch the outside world (the inbox, the lake's storage) retry, with backoff.
IO_RETRIES: _Retries = {
    "retries": 2,
    "retry_delay_seconds": [2.0, 10.0],
    "retry_condition_fn": _worth_retrying,
}
