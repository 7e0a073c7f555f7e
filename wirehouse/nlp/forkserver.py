"""Imported by the enrichment pool's fork server, and by nothing else.

The fork server is the clean, single-threaded process every spaCy worker is forked from
(`wirehouse.nlp.worker_context`). Importing this module there loads the pipelines of the
settings in force (`WIREHOUSE_PIPELINES` or the defaults) and the usual wire languages once;
every worker then starts with them, shared copy-on-write, instead of loading its own. A pool
configured with other pipelines still works: its workers load what is missing themselves.
"""

from __future__ import annotations

import logging

from wirehouse.lifeline import watch_parent

# The server ends by itself once the run's process has, but only after this preload, which
# takes seconds to a minute: a killed run must not leave it loading pipelines for nobody.
watch_parent()

# The workers' entry points live in `pool`: imported here, every worker forks with it loaded.
import wirehouse.nlp.pool  # noqa: E402,F401
from wirehouse.nlp.enrich import load_pipelines  # noqa: E402
from wirehouse.settings import load_settings  # noqa: E402

try:
    load_pipelines(load_settings().pipelines)
except Exception:  # the workers load (and report) for themselves; never kill the server
    logging.getLogger(__name__).debug("fork server could not preload pipelines", exc_info=True)
