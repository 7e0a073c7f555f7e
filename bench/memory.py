"""Does a night stream? Peak RSS of the flow's process tree at several inbox sizes.

    python -m bench.memory 1000 10000

Target: peak RSS at 10,000 files within 20 % of that at 1,000 (batches are processed and
let go one window at a time; nothing is held for the whole night). Writes
bench/results/memory.json and appends it to bench/results/history.jsonl.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
from datetime import UTC, datetime

from bench.generator import generate
from bench.run import BENCH_DIR, machine_info, prefect_server, run_flow


def main() -> None:
    sizes = [int(a) for a in sys.argv[1:] if a.isdigit()] or [1000, 10000]
    work = BENCH_DIR / "work"
    env = {k: v for k, v in os.environ.items() if k != "PREFECT_API_URL"}
    env["PREFECT_HOME"] = str(work / "prefect")
    (work / "prefect").mkdir(parents=True, exist_ok=True)
    peaks: dict[str, dict[str, float]] = {}
    with prefect_server(work / "prefect", env) as api_url:
        env["PREFECT_API_URL"] = api_url
        for files in sizes:
            inbox, warehouse_dir = work / f"inbox-{files}-20261125", work / "warehouse-memory"
            if not inbox.is_dir() or len(list(inbox.iterdir())) != files:
                shutil.rmtree(inbox, ignore_errors=True)
                generate(inbox, files, 20261125)
            shutil.rmtree(warehouse_dir, ignore_errors=True)
            print(f"bench.memory: {files} files …", flush=True)
            run = run_flow(inbox, warehouse_dir / "w.duckdb", work / "memory.json", env)
            peaks[str(files)] = {
                "peak_rss_mb": round(run["peak_rss_mb"]),
                "peak_rss_single_process_mb": round(run["peak_rss_single_process_mb"]),
                "seconds": round(run["wall_seconds"], 1),
            }
            print(f"  peak RSS {peaks[str(files)]}", flush=True)
    first, last = peaks[str(sizes[0])], peaks[str(sizes[-1])]
    result = {
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "kind": "memory",
        "peaks": peaks,
        "growth": round(last["peak_rss_mb"] / first["peak_rss_mb"] - 1, 3),
        "machine": {k: machine_info()[k] for k in ("cpu", "cores", "commit")},
    }
    results = BENCH_DIR / "results"
    results.mkdir(parents=True, exist_ok=True)
    (results / "memory.json").write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    with (results / "history.jsonl").open("a", encoding="utf-8") as history:
        history.write(json.dumps(result) + "\n")
    print(f"peak RSS {sizes[-1]} vs {sizes[0]} files: {result['growth']:+.1%} (target ≤ +20 %)")


if __name__ == "__main__":
    main()
