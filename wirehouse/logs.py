"""Console logging for people: the night's story, without the engine's chatter."""

from __future__ import annotations

import logging

_RUN_LOGGERS = ("prefect.flow_runs", "prefect.task_runs")
_CHATTER = ("Finished in state Completed()", "Beginning flow run", "Created task run")


class ConsoleStoryFilter(logging.Filter):
    """Keep flow/task run messages and anything at WARNING or above; drop engine chatter.

    Everything still reaches the Prefect API (and so the UI) through its own handler.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        if record.exc_info and _is_explained(record.exc_info[1]):
            return False  # the CLI prints these in one line of its own
        if record.name.startswith(_RUN_LOGGERS):
            message = record.getMessage()
            return (
                not any(message.startswith(c) for c in _CHATTER)
                or record.levelno >= logging.WARNING
            )
        if record.name.startswith("prefect") and record.levelno < logging.WARNING:
            return False
        # The temporary server's own shutdown noise is not the user's business.
        return not record.name.startswith(("prefect.server", "uvicorn", "prefect._internal"))


def _is_explained(exc: BaseException | None) -> bool:
    from wirehouse.errors import NightFailed
    from wirehouse.locking import WarehouseBusy
    from wirehouse.report import DataChecksFailed
    from wirehouse.warehouse import WarehouseUnavailable

    return isinstance(exc, WarehouseBusy | WarehouseUnavailable | DataChecksFailed | NightFailed)
