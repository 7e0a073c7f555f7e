"""The reusable pool of spaCy worker processes: one per pipelines and size, its workers
forked from a server that preloaded the pipelines, started ahead of the run's first batch
and stopped at exit."""

from __future__ import annotations

import atexit
import logging
import os
import threading
from concurrent.futures import ProcessPoolExecutor
from functools import partial
from typing import Any

from wirehouse.nlp.enrich import enrich_texts, load_pipelines
from wirehouse.nlp.isolation import enrich_isolated
from wirehouse.nlp.registry import PipelineRegistry
from wirehouse.nlp.texts import ArticleText
from wirehouse.nlp.worker_context import start_fork_server, worker_context
from wirehouse.settings import Settings

_worker_registry: PipelineRegistry | None = None
_POOLS: dict[tuple[tuple[tuple[str, str], ...], int], ProcessPoolExecutor] = {}
_POOLS_LOCK = threading.Lock()


def _init_worker(pipelines: dict[str, str], run_pid: int) -> None:
    global _worker_registry
    from wirehouse.lifeline import die_with_parent

    # A worker's parent is the fork server, which ends when the run's process does; the
    # worker ends with either, so a killed run leaves no spaCy process behind.
    die_with_parent(os.getppid(), also_with=run_pid)
    logging.basicConfig(level=logging.WARNING)
    # Pipelines the fork server loaded (wirehouse.nlp.forkserver) come with the fork and cost
    # nothing here; any others load now, while the parent is still parsing (see start_pool),
    # rather than inside the first chunk.
    _worker_registry = load_pipelines(pipelines)


def _ready() -> None:
    """A no-op task: submitting one per worker makes the pool start them all."""


def enrich_chunk(
    rows: list[tuple[Any, ...]], *, batch_size: int, keywords_per_article: int
) -> dict[str, Any]:
    if _worker_registry is None:  # pragma: no cover - the initializer always runs first
        raise RuntimeError("worker registry not initialised")
    texts = [ArticleText.from_tuple(r) for r in rows]
    enrich = partial(
        enrich_texts,
        registry=_worker_registry,
        batch_size=batch_size,
        keywords_per_article=keywords_per_article,
    )
    return enrich_isolated(texts, enrich).to_dict()


def get_pool(settings: Settings, processes: int) -> ProcessPoolExecutor:
    """The pool for these pipelines and size, started once and reused by later calls."""
    key = (tuple(sorted(settings.pipelines.items())), processes)
    with _POOLS_LOCK:
        pool = _POOLS.get(key)
        if pool is None:
            pool = new_pool(settings, processes)
            _POOLS[key] = pool
        return pool


_STARTERS: list[tuple[threading.Thread, threading.Event]] = []


def new_pool(settings: Settings, processes: int) -> ProcessPoolExecutor:
    # Started here unless the run started it earlier; either way it watches this process.
    start_fork_server()
    return ProcessPoolExecutor(
        max_workers=processes,
        mp_context=worker_context(),
        initializer=_init_worker,
        initargs=(dict(settings.pipelines), os.getpid()),
    )


def discard_pool(pool: ProcessPoolExecutor) -> None:
    """Forget a broken pool (a worker died), so the next `get_pool` starts a fresh one.
    Batches in flight that shared it find their chunks broken too and retry them."""
    with _POOLS_LOCK:
        for key, known in list(_POOLS.items()):
            if known is pool:
                del _POOLS[key]
    pool.shutdown(wait=False, cancel_futures=True)


def start_pool(settings: Settings, processes: int) -> None:
    """Start the pool's workers in the background (they load their pipelines as they start),
    so the first `enrich_parallel` of a run does not wait for them. Returns at once: starting
    the fork server (it imports spaCy) takes seconds the caller spends parsing instead.
    The run calls `finish_starting_pools` before it ends."""
    if processes > 1:
        cancelled = threading.Event()
        starter = threading.Thread(
            target=_start_workers,
            args=(settings, processes, cancelled),
            name="start-nlp-pool",
            daemon=True,
        )
        with _POOLS_LOCK:
            _STARTERS.append((starter, cancelled))
        starter.start()


def _start_workers(settings: Settings, processes: int, cancelled: threading.Event) -> None:
    pool = get_pool(settings, processes)
    for _ in range(processes):
        if cancelled.is_set():  # the run is over: no worker it would not use
            return
        try:
            pool.submit(_ready)
        except RuntimeError:
            # Cancelled between the check and the submit, and the interpreter is shutting
            # down: it refuses new work, which is what the run wanted anyway.
            if cancelled.is_set():
                return
            raise


def finish_starting_pools() -> None:
    """Stop starting workers (at the end of every run). Does not wait for a worker being
    started: a run shorter than the pool's start (one story) would wait for nothing.

    Without this, such a run ends while its starter still submits, and the interpreter's
    shutdown refuses that submit with a traceback on the console.
    """
    with _POOLS_LOCK:
        starters = list(_STARTERS)
        _STARTERS.clear()
    for _starter, cancelled in starters:
        cancelled.set()


def shutdown_pools() -> None:
    """Stop every worker pool of this process (at exit; `serve` keeps them between runs)."""
    finish_starting_pools()
    with _POOLS_LOCK:
        pools = list(_POOLS.values())
        _POOLS.clear()
    for pool in pools:
        pool.shutdown(wait=True, cancel_futures=True)


atexit.register(shutdown_pools)
