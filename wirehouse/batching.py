"""Where the batch steps run, and how many batches are in flight at once.

The nightly flow submits each batch's steps (parse → detect → enrich → publish) to its
task runner and loads the finished batches itself, in batch order: DuckDB has one writer, the
flow process. In this process the runner is Prefect's thread pool with two batches in flight;
given a Dask scheduler address it is a `DaskTaskRunner`, and a few batches run ahead on the
cluster while the flow loads the ones before them. The window
bounds memory: nothing is held for the whole night.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from typing import Any, Protocol, TypeVar, cast

from wirehouse.settings import Settings

T = TypeVar("T")
R = TypeVar("R", covariant=True)

DASK_BATCHES_IN_FLIGHT = 4
# Here, batches in flight let this process parse and detect ahead while the spaCy workers
# enrich: most of all while the fork server is still loading the pipelines (~20 s on a slow
# 2-core machine), when nothing can be enriched yet. Six: 129.6 s vs 145.1 s with two on
# 5,000 files (bench/README.md); each costs one batch of Parquet on disk and ~60 MB of RSS.
LOCAL_BATCHES_IN_FLIGHT = 6


class Future(Protocol[R]):
    def result(self) -> R: ...


class StepChain:
    """One batch's steps as one future: the first and the last step's results (what the load
    needs: the parsed files' outcomes and the published tables), or the exception of the
    first step that failed. (Prefect leaves the steps after a failed one "not ready", and
    asking those for a result says only that: `UnfinishedRun`, not what went wrong.)"""

    def __init__(self, *steps: Future[Any]) -> None:
        self.steps = steps

    def result(self) -> tuple[Any, Any]:
        for step in self.steps[:-1]:
            step.result()
        return self.steps[0].result(), self.steps[-1].result()


def no_futures(argument: T) -> T:
    """A task argument marked as holding no futures, so Prefect passes it as it is.

    Unmarked, Prefect walks every argument of every task run, object by object, to find
    futures in it, twice: ~9 ms per task run for a batch's list of 200 files, ~45 ms for a
    night's plan of 1,000, all on the flow process's CPU (bench/README.md, session 8).
    """
    from prefect.utilities.annotations import quote

    if dask_address_of_this_run():
        # Dask's client flattens the mark (a tuple) on its way to the worker: the task would
        # get a tuple. On Dask, Prefect's walk stays (half of it on the worker).
        return argument
    # The task receives the value itself: Prefect unwraps it before calling the function.
    return cast(T, quote(argument))


def in_flight(settings: Settings) -> int:
    if settings.batches_in_flight:
        return settings.batches_in_flight
    return DASK_BATCHES_IN_FLIGHT if settings.dask_address else LOCAL_BATCHES_IN_FLIGHT


def in_order(
    items: Iterable[T], submit: Callable[[T], Future[Any]], max_in_flight: int
) -> Iterator[tuple[T, Any]]:
    """Submit up to `max_in_flight` items ahead and yield (item, result) in submission order.

    The next item is submitted only when the consumer asks for the next result, so with a
    window of 1 each item is finished (and consumed) before the next one starts.
    """
    pending: deque[tuple[T, Future[Any]]] = deque()
    for item in items:
        pending.append((item, submit(item)))
        if len(pending) >= max_in_flight:
            done, future = pending.popleft()
            yield done, future.result()
    while pending:
        done, future = pending.popleft()
        yield done, future.result()


def dask_address_of_this_run() -> str | None:
    """The Dask scheduler the running flow's task runner sends batch steps to; None when it
    runs them here. What the settings say cannot change the runner once the flow runs."""
    from prefect.context import FlowRunContext

    context = FlowRunContext.get()
    runner = context.task_runner if context is not None else None
    return getattr(runner, "address", None)


def task_runner(dask_address: str | None = None) -> Any:
    """The Prefect task runner for the batch steps: Dask when an address is given or set in
    WIREHOUSE_DASK_ADDRESS, otherwise Prefect's thread pool in this process."""
    from wirehouse.settings import load_settings

    address = dask_address or load_settings().dask_address
    if address:
        from prefect_dask import DaskTaskRunner

        return DaskTaskRunner(address=address)
    from prefect.task_runners import ThreadPoolTaskRunner

    return ThreadPoolTaskRunner()
