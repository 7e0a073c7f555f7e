"""One run of the real nightly flow, as `wirehouse ingest` runs it, with its summary as JSON.

    python -m bench.flow_once INBOX WAREHOUSE OUT.json

The benchmark runs this in a child process so that the time and memory it measures are the
flow's own (interpreter start, Prefect, the pool of spaCy workers), not the runner's.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path


def main() -> None:
    started = time.perf_counter()
    inbox, warehouse, out = (Path(a) for a in sys.argv[1:4])
    from wirehouse import prefect_env

    prefect_env.configure()
    from flows.nightly import nightly_ingest

    imported = time.perf_counter()
    summary = nightly_ingest(inbox=str(inbox), warehouse=str(warehouse))
    finished = time.perf_counter()
    record = {
        "import_seconds": imported - started,
        "flow_seconds": finished - imported,
        "stage_seconds": summary.stage_seconds,
        "stage_cpu_seconds": summary.stage_cpu_seconds,
        "pipelines": summary.pipelines,  # the report's per-language pipelines
        "run": {k: v for k, v in summary.run.items() if isinstance(v, int | float | str | None)},
    }
    out.write_text(json.dumps(record, indent=2, default=str), encoding="utf-8")


if __name__ == "__main__":
    main()
