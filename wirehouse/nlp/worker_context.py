"""How the spaCy workers are started, importable without spaCy: the multiprocessing context
of the worker pool (`wirehouse.nlp.pool`), and `start_fork_server`, which starts the process
they fork from as early as a run knows it will need them."""

from __future__ import annotations

import multiprocessing
import os
from multiprocessing.context import BaseContext


def worker_context() -> BaseContext:
    """forkserver where the platform has it, else spawn."""
    # Never fork: forking after Prefect's test harness can hang (Prefect issue 19112).
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context("forkserver")
    # Workers fork from a server that imported spaCy and our NLP code and loaded the
    # configured pipelines once (wirehouse.nlp.forkserver), instead of each doing it as it
    # starts: ~10 CPU-seconds per worker for five languages, mostly lemma tables.
    context.set_forkserver_preload(["__main__", "wirehouse.nlp.forkserver"])
    return context


def start_fork_server() -> None:
    """Start the fork server now, if it is not running: it imports spaCy and loads the
    pipelines (~10 CPU-s) on its own core while this process goes on, where otherwise it
    would start only when the pool starts its first worker (after this process has imported
    spaCy itself, ~1 CPU-s on the night's critical path). Idempotent; returns at once."""
    if worker_context().get_start_method() != "forkserver":
        return
    from multiprocessing import forkserver

    from wirehouse.lifeline import PARENT_ENV

    # The fork server inherits this: it watches this process, not its own parent at the
    # moment it gets round to looking (this process may be dead by then).
    os.environ[PARENT_ENV] = str(os.getpid())
    forkserver.ensure_running()


def effective_processes(configured: int) -> int:
    """`Settings.nlp_processes` semantics: 0 means one per core."""
    return configured if configured > 0 else (os.cpu_count() or 1)
