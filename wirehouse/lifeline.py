"""Child processes die with the process that started them, however it dies.

A `kill -9` of a run must not leave its temporary Prefect server or its spaCy workers behind.
On Linux the kernel sends a signal when the parent dies (PR_SET_PDEATHSIG); a watchdog thread
notices a changed parent pid everywhere else, and makes sure the child is gone a few seconds
after a signal it handled slowly (uvicorn's graceful shutdown).

PR_SET_PDEATHSIG fires when the *thread* that started the child ends, so only children started
by a thread that lives as long as the process may use it (see the callers).
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys
import threading
import time

_PR_SET_PDEATHSIG = 1


def die_with_parent(
    parent_pid: int, *, also_with: int | None = None, grace_seconds: float = 10.0
) -> None:
    """Call first thing in a child: end this process when `parent_pid` (its parent) ends, or
    `also_with` (say, the run's process, when the parent is a fork server) does."""
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(_PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0)
        except (OSError, AttributeError):  # no prctl: the watchdog below still works
            pass
    if os.getppid() != parent_pid:  # the parent died before the line above
        os._exit(1)
    threading.Thread(
        target=_watch, args=(parent_pid, also_with, grace_seconds), name="lifeline", daemon=True
    ).start()


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # exists, owned by someone else
        return True
    return True


def _watch(parent_pid: int, also_with: int | None, grace_seconds: float) -> None:
    while os.getppid() == parent_pid and (also_with is None or _alive(also_with)):
        time.sleep(0.5)
    os.kill(os.getpid(), signal.SIGTERM)  # a clean stop first, where the child handles it
    time.sleep(grace_seconds)
    os._exit(1)


# Set by a process before it starts a child that cannot be given arguments (the NLP fork
# server): the pid that child must not outlive.
PARENT_ENV = "WIREHOUSE_LIFELINE_PARENT"


def watch_parent(grace_seconds: float = 10.0) -> None:
    """The watchdog alone, for a child whose starting thread may end before the process it
    belongs to (so PR_SET_PDEATHSIG would fire too early): the NLP fork server. The parent
    comes from PARENT_ENV, so a parent that died before this line is noticed too."""
    parent = int(os.environ.get(PARENT_ENV) or os.getppid())
    threading.Thread(
        target=_watch, args=(parent, None, grace_seconds), name="lifeline", daemon=True
    ).start()
