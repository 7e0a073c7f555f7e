"""What every task shares: no input hashing, and per-stage timing."""

from __future__ import annotations

from prefect.cache_policies import NO_CACHE

# Steps are idempotent by construction (outputs are keyed by batch and replaced atomically),
# so Prefect's result caching would only add hashing of large inputs.
TASK_DEFAULTS = {"cache_policy": NO_CACHE, "persist_result": False}
# Only steps that touch the outside world (the inbox, the lake's storage) retry.
IO_RETRIES = {"retries": 2, "retry_delay_seconds": [2, 10]}
