"""Console logging for people: the night's story, without the engine's chatter or tracebacks."""

from __future__ import annotations

import logging
import os

from prefect.logging.formatters import PrefectFormatter

_RUN_LOGGERS = ("prefect.flow_runs", "prefect.task_runs")
_CHATTER = ("Finished in state Completed()", "Beginning flow run", "Created task run", "View at ")


class ConsoleStoryFilter(logging.Filter):
    """Keep flow/task run messages and anything at WARNING or above; drop engine chatter.

    Everything still reaches the Prefect API (and so the UI) through its own handler.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        if record.exc_info and _is_explained(record.exc_info[1]):
            return False  # the CLI prints these in one line of its own
        if record.name.startswith(_RUN_LOGGERS):
            message = record.getMessage()
            if message.startswith("Finished in state Failed") and _names_explained(message):
                return False  # the same failure, said once by the CLI
            if message.startswith("Finished in state NotReady"):
                return False  # a step after a failed one: the failure itself is what counts
            return (
                not any(message.startswith(c) for c in _CHATTER)
                or record.levelno >= logging.WARNING
            )
        if record.name.startswith("prefect") and record.levelno < logging.WARNING:
            return False
        # The temporary server's own shutdown noise is not the user's business.
        return not record.name.startswith(("prefect.server", "uvicorn", "prefect._internal"))


class ConsoleFormatter(PrefectFormatter):
    """Prefect's console format, one line per event: tracebacks only with WIREHOUSE_DEBUG=1.
    The UI keeps them: the API handler sends the record before the console formats it."""

    def format(self, record: logging.LogRecord) -> str:
        if os.environ.get("WIREHOUSE_DEBUG") or not (record.exc_info or record.stack_info):
            return super().format(record)
        # Another handler may have cached the traceback text on the record already.
        saved = record.exc_info, record.exc_text, record.stack_info
        record.exc_info, record.exc_text, record.stack_info = None, None, None
        try:
            return super().format(record)
        finally:
            record.exc_info, record.exc_text, record.stack_info = saved


def _explained() -> tuple[type[BaseException], ...]:
    from wirehouse.errors import NightFailed
    from wirehouse.night_report import DataChecksFailed
    from wirehouse.settings import SettingsInvalid

    return (NightFailed, DataChecksFailed, SettingsInvalid)


def _is_explained(exc: BaseException | None) -> bool:
    return isinstance(exc, _explained())


def _names_explained(message: str) -> bool:
    names: set[str] = set()
    pending: list[type] = list(_explained())
    while pending:
        cls = pending.pop()
        names.add(cls.__name__)
        pending.extend(cls.__subclasses__())
    return any(f"{name}:" in message or f"{name}(" in message for name in names)
