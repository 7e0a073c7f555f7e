"""The batch window without Prefect: `in_order` on plain futures (a thread pool and
hand-made ones), and `StepChain`'s result."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest

from wirehouse.batching import StepChain, in_order


class Done:
    """A finished future: its value, or the exception it ended with."""

    def __init__(self, value: Any = None, error: BaseException | None = None) -> None:
        self.value, self.error = value, error
        self.asked = False

    def result(self) -> Any:
        self.asked = True
        if self.error is not None:
            raise self.error
        return self.value


def test_results_come_in_submission_order_whatever_finishes_first() -> None:
    """The first batch waits until the third has finished: the results still come in order."""
    third_done = threading.Event()
    finished: list[int] = []

    def work(index: int) -> int:
        if index == 0:
            assert third_done.wait(timeout=30)
        finished.append(index)
        if index == 2:
            third_done.set()
        return index * 10

    with ThreadPoolExecutor(max_workers=3) as pool:
        out = list(in_order(range(5), lambda i: pool.submit(work, i), 3))
    assert out == [(i, i * 10) for i in range(5)]
    assert finished.index(2) < finished.index(0)


@pytest.mark.parametrize("window", [1, 2, 4])
def test_never_more_than_the_window_is_submitted_ahead_of_the_consumer(window: int) -> None:
    submitted: list[int] = []
    consumed: list[int] = []

    def submit(item: int) -> Done:
        assert len(submitted) - len(consumed) < window, "window exceeded"
        submitted.append(item)
        return Done(item)

    for item, _ in in_order(range(7), submit, window):
        # Nothing is submitted before the consumer asks for the next result.
        assert len(submitted) == min(len(consumed) + window, 7)
        consumed.append(item)
    assert consumed == list(range(7))


def test_a_window_of_one_finishes_each_item_before_the_next_starts() -> None:
    events: list[str] = []

    def submit(item: str) -> Done:
        events.append(f"submit {item}")
        return Done(item)

    for item, _ in in_order("abc", submit, 1):
        events.append(f"consume {item}")
    assert events == ["submit a", "consume a", "submit b", "consume b", "submit c", "consume c"]


def test_a_failed_item_raises_at_its_turn_and_nothing_more_is_submitted() -> None:
    futures = {
        i: Done(i, error=RuntimeError("batch 2 broke") if i == 2 else None) for i in range(6)
    }
    submitted: list[int] = []

    def submit(item: int) -> Done:
        submitted.append(item)
        return futures[item]

    seen: list[int] = []
    with pytest.raises(RuntimeError, match="batch 2 broke"):
        for item, _ in in_order(range(6), submit, 2):
            seen.append(item)
    assert seen == [0, 1]
    assert submitted == [0, 1, 2, 3]  # batch 3 was already in the window; 4 and 5 never start


def test_no_items_submit_nothing() -> None:
    assert list(in_order([], lambda item: Done(item), 3)) == []


def test_step_chain_is_the_first_and_the_last_steps_result() -> None:
    steps = [Done("parsed"), Done("detected"), Done("published")]
    assert StepChain(*steps).result() == ("parsed", "published")
    assert all(step.asked for step in steps)


def test_step_chain_raises_the_first_failure_not_the_unfinished_steps_after_it() -> None:
    class Unfinished(Done):
        def result(self) -> Any:
            raise AssertionError("a step after the failed one was asked")

    chain = StepChain(Done("parsed"), Done(error=ValueError("detect failed")), Unfinished())
    with pytest.raises(ValueError, match="detect failed"):
        chain.result()
