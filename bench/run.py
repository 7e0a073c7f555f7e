"""The throughput benchmark behind `make bench` (a benchmark, never a test).

    python -m bench.run [--files N] [--seed S] [--prefect server|ephemeral]

1. writes a synthetic inbox of N wire files (`bench.generator`; BENCH_FILES, default 5,000);
2. runs the real nightly flow into a fresh warehouse in a child process, as an operator's
   `wirehouse ingest` would, and measures wall time, words/s and the peak RSS of the whole
   process tree (flow process + spaCy workers), sampled every 0.2 s;
3. measures bare `nlp.pipe` over the same texts with the same pipelines and processes
   (`bench.bare`) and reports efficiency = end-to-end words/s ÷ bare words/s;
4. re-runs the flow on the unchanged inbox (nothing new) and times it;
5. re-measures places and same-story signatures on the run's data (`bench.derived`) and
   accounts for the run's CPU and wall time (`bench.costs`);
6. writes bench/results/latest.json and appends a line to bench/results/history.jsonl.

By default the flows report to a dedicated Prefect server the runner starts first (as in
production, where the temporary server would lose task runs); `--prefect ephemeral` measures
the temporary server `wirehouse ingest` starts on its own instead.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from typing import Any

import duckdb
import psutil

from bench import costs
from bench.bare import bare_nlp_seconds
from bench.generator import generate
from bench.process_tree import ProcessTree
from wirehouse.nlp.worker_context import effective_processes
from wirehouse.settings import PROJECT_ROOT, Settings
from wirehouse.sql import statement

BENCH_DIR = PROJECT_ROOT / "bench"
PYTHON = sys.executable


# ---------------------------------------------------------------------------------------------
# Measuring a child process


def run_flow(inbox: Path, warehouse: Path, out: Path, env: dict[str, str]) -> dict[str, Any]:
    """One flow run in a child process: its summary plus wall seconds and peak RSS."""
    started = time.perf_counter()
    child = subprocess.Popen(
        [PYTHON, "-m", "bench.flow_once", str(inbox), str(warehouse), str(out)],
        cwd=PROJECT_ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    with ProcessTree(child.pid) as tree:
        _, stderr = child.communicate()
    wall = time.perf_counter() - started
    if child.returncode != 0:
        sys.stderr.write(stderr[-4000:])
        raise SystemExit(f"the flow failed (exit {child.returncode}); its log is above")
    record = json.loads(out.read_text(encoding="utf-8"))
    record.update(
        wall_seconds=wall,
        peak_rss_mb=tree.peak_total / 2**20,
        peak_rss_single_process_mb=tree.peak_single / 2**20,
        processes=tree.peak_processes,
        cpu_seconds=tree.cpu_seconds,
        cpu_by_role=tree.cpu_by_role(),
        worker_busy=tree.worker_busy(),
    )
    return record


# ---------------------------------------------------------------------------------------------
# A dedicated Prefect server for the runs


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class ServerHandle:
    """The Prefect API server the flows report to (none: `--prefect ephemeral`)."""

    def __init__(self, url: str | None, pid: int | None) -> None:
        self.url, self.pid = url, pid

    def cpu_seconds(self) -> float:
        """CPU seconds the server's process tree has used so far. It shares the machine's
        cores with the run, so the run's idle cores are partly the server's work."""
        if self.pid is None:
            return 0.0
        try:
            root = psutil.Process(self.pid)
            total = 0.0
            for p in [root, *root.children(recursive=True)]:
                times = p.cpu_times()
                total += times.user + times.system
            return total
        except psutil.Error:
            return 0.0


@contextmanager
def prefect_server(home: Path, env: dict[str, str]):  # type: ignore[no-untyped-def]
    port = _free_port()
    server_env = {**env, "PREFECT_HOME": str(home), "PREFECT_SERVER_API_PORT": str(port)}
    server_env.pop("PREFECT_API_URL", None)
    log = (home / "server.log").open("w", encoding="utf-8")
    proc = subprocess.Popen(
        [str(Path(PYTHON).parent / "prefect"), "server", "start", "--host", "127.0.0.1"],
        env=server_env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}/api"
    try:
        deadline = time.monotonic() + 180
        while True:
            try:
                with urllib.request.urlopen(f"{url}/health", timeout=2) as response:
                    if response.status == 200:
                        break
            except OSError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                raise SystemExit(f"the Prefect server did not start; see {home / 'server.log'}")
            time.sleep(0.5)
        yield ServerHandle(url, proc.pid)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


# ---------------------------------------------------------------------------------------------
# Facts about the machine, recorded with every result


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def machine_info() -> dict[str, Any]:
    versions = {}
    for pkg in ("prefect", "prefect-dask", "spacy", "duckdb", "pyarrow", "langdetect"):
        try:
            versions[pkg] = metadata.version(pkg)
        except metadata.PackageNotFoundError:
            versions[pkg] = None
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=PROJECT_ROOT, capture_output=True, text=True
    ).stdout.strip()
    return {
        "host": platform.node(),
        "platform": platform.platform(),
        "cpu": _cpu_model(),
        "cores": os.cpu_count(),
        "memory_gb": round(psutil.virtual_memory().total / 2**30, 1),
        "python": platform.python_version(),
        "packages": versions,
        "commit": commit,
    }


def _load() -> list[float]:
    return [round(x, 2) for x in os.getloadavg()]


# ---------------------------------------------------------------------------------------------


def _warehouse_texts(warehouse: Path) -> tuple[list[Any], int, int]:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        texts = con.execute(statement("bench_warehouse_texts")).fetchall()
        words = con.execute(statement("bench_words")).fetchone()
        files = con.execute(statement("bench_loaded_files")).fetchone()
    return texts, int(words[0]) if words else 0, int(files[0]) if files else 0


def _languages(warehouse: Path) -> list[tuple[str, str, int, int]]:
    """(lang, pipeline and version, articles, words) per language, most articles first."""
    with duckdb.connect(str(warehouse), read_only=True) as con:
        rows = con.execute(statement("bench_languages")).fetchall()
    return [(lang, pipeline, int(n), int(words)) for lang, pipeline, n, words in rows]


def _gazetteer_cached() -> bool:
    """Whether the gazetteer index's cache file exists (else the run builds it)."""
    from wirehouse.places import index_file
    from wirehouse.places.gazetteer import MIN_CITY_POPULATION

    where = index_file.location(None, MIN_CITY_POPULATION)
    return where is not None and where[0].exists()


def derived_costs(warehouse: Path, env: dict[str, str]) -> dict[str, Any]:
    """`bench.derived` in a fresh process: places and signatures on the run's data."""
    done = subprocess.run(
        [PYTHON, "-m", "bench.derived", str(warehouse)],
        cwd=PROJECT_ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return dict(json.loads(done.stdout))


def main() -> None:
    parser = argparse.ArgumentParser(description="wirehouse end-to-end throughput benchmark")
    parser.add_argument("--files", type=int, default=int(os.environ.get("BENCH_FILES", 5000)))
    parser.add_argument("--seed", type=int, default=20261125)
    parser.add_argument("--workdir", type=Path, default=BENCH_DIR / "work")
    parser.add_argument("--results", type=Path, default=BENCH_DIR / "results")
    parser.add_argument("--prefect", choices=("server", "ephemeral"), default="server")
    parser.add_argument("--note", default="", help="free text kept with the result")
    args = parser.parse_args()

    settings = Settings()
    processes = effective_processes(settings.nlp_processes)
    work = args.workdir.resolve()
    inbox, warehouse_dir = work / f"inbox-{args.files}-{args.seed}", work / "warehouse"
    shutil.rmtree(warehouse_dir, ignore_errors=True)
    warehouse = warehouse_dir / "wirehouse.duckdb"
    load_before = _load()

    print(f"bench: generating {args.files} wire files (seed {args.seed}) in {inbox}", flush=True)
    shutil.rmtree(inbox, ignore_errors=True)
    started = time.perf_counter()
    generate(inbox, args.files, args.seed)
    generate_seconds = time.perf_counter() - started

    env = {k: v for k, v in os.environ.items() if k != "PREFECT_API_URL"}
    env["PREFECT_HOME"] = str(work / "prefect")
    (work / "prefect").mkdir(parents=True, exist_ok=True)
    with contextmanager_for(args.prefect, work / "prefect", env) as server:
        if server.url:
            env["PREFECT_API_URL"] = server.url
        print(f"bench: full run, {processes} NLP processes, load {_load()}", flush=True)
        index_cached = _gazetteer_cached()
        server_cpu_before = server.cpu_seconds()
        full = run_flow(inbox, warehouse, work / "full.json", env)
        server_cpu = server.cpu_seconds() - server_cpu_before
        print(f"bench: full run took {full['wall_seconds']:.1f} s; no-op re-run", flush=True)
        noop = run_flow(inbox, warehouse, work / "noop.json", env)
    texts, words, files = _warehouse_texts(warehouse)
    print(f"bench: bare nlp.pipe over {len(texts)} texts, {processes} processes", flush=True)
    bare = bare_nlp_seconds(texts, settings.pipelines, processes, settings.nlp_batch_size)
    print("bench: places and signatures on the run's data", flush=True)
    derived = derived_costs(warehouse, env)
    load_after = _load()
    languages = _languages(warehouse)

    e2e_wps = words / full["wall_seconds"]
    bare_wps = words / bare["seconds"]
    result = {
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "note": args.note,
        "files": files,
        "files_generated": args.files,
        "seed": args.seed,
        "articles": len(texts),
        "words": words,
        "e2e_seconds": round(full["wall_seconds"], 2),
        "e2e_files_per_s": round(files / full["wall_seconds"], 2),
        "e2e_words_per_s": round(e2e_wps),
        "bare_nlp_seconds": round(bare["seconds"], 2),
        "bare_nlp_words_per_s": round(bare_wps),
        "efficiency": round(e2e_wps / bare_wps, 3),
        # What this run's CPU allows: its CPU seconds spread perfectly over the machine's
        # cores cannot take less wall time than this, however well the steps overlap.
        "efficiency_cpu_bound": round(
            min(1.0, bare["seconds"] / (full["cpu_seconds"] / (os.cpu_count() or 1))), 3
        ),
        # The same workers turning Docs into records too: e2e ÷ this isolates everything
        # around the NLP (Prefect, parsing, langdetect, Parquet, DuckDB, pickling, warm-up).
        "nlp_with_records_words_per_s": round(words / bare["with_records_seconds"]),
        "efficiency_vs_nlp_with_records": round(
            bare["with_records_seconds"] / full["wall_seconds"], 3
        ),
        "noop_rerun_seconds": round(noop["wall_seconds"], 2),
        "noop_share_of_full": round(noop["wall_seconds"] / full["wall_seconds"], 3),
        "peak_rss_mb": round(full["peak_rss_mb"]),
        "peak_rss_single_process_mb": round(full["peak_rss_single_process_mb"]),
        # Detection's own CPU seconds over the CPU seconds of the whole run (every process):
        # its share of the machine's work. Its wall seconds overlap enrichment and include
        # waiting for a core, so their share of the wall time overstates it.
        "language_detection_share": round(
            full["stage_cpu_seconds"].get("detect_language", 0.0) / full["cpu_seconds"], 4
        ),
        "language_detection_wall_share": round(
            full["stage_seconds"].get("detect_language", 0.0) / full["wall_seconds"], 4
        ),
        "run_cpu_seconds": round(full["cpu_seconds"], 1),
        "run_cpu_seconds_by_process": {k: round(v, 1) for k, v in full["cpu_by_role"].items()},
        "worker_busy": None if full["worker_busy"] is None else round(full["worker_busy"], 3),
        # The dedicated Prefect API server's CPU during the run (0 with --prefect ephemeral,
        # whose server is the run's own child and counted above).
        "prefect_server_cpu_seconds": round(server_cpu, 1),
        "cpu_utilisation": round(
            full["cpu_seconds"] / (full["wall_seconds"] * (os.cpu_count() or 1)), 3
        ),
        "cpu_account": [[what, round(cpu, 2)] for what, cpu in costs.cpu_account(full, derived)],
        "places_clusters": {
            **costs.places_clusters(full, derived),
            # False: the run built the gazetteer index (~3 CPU-s in its enrich stage, once per
            # install or upgrade), which the re-measured places figure does not include.
            "gazetteer_index_cached_before_run": index_cached,
        },
        "wall_split": costs.wall_split(full),
        "stage_wall_share": costs.stage_wall_share(full),
        # Wall-clock unions per stage (overlapping) and each stage's threads' CPU seconds.
        "stage_seconds": {k: round(v, 2) for k, v in full["stage_seconds"].items()},
        "stage_cpu_seconds": {k: round(v, 2) for k, v in full["stage_cpu_seconds"].items()},
        "noop_stage_seconds": {k: round(v, 2) for k, v in noop["stage_seconds"].items()},
        "startup_seconds": round(full["import_seconds"], 2),
        "noop_flow_seconds": round(noop["flow_seconds"], 2),
        "nlp_processes": processes,
        "batch_size": settings.batch_size,
        "bare_worker_seconds": bare["worker_seconds"],
        "bare_language_seconds": bare["language_seconds"],
        "pipelines": {lang: f"{pipeline} ({n} articles)" for lang, pipeline, n, _ in languages},
        "languages": costs.languages(languages, bare, full.get("pipelines", [])),
        "prefect": args.prefect,
        "generate_seconds": round(generate_seconds, 2),
        "machine": {**machine_info(), "load_before": load_before, "load_after": load_after},
    }
    args.results.mkdir(parents=True, exist_ok=True)
    (args.results / "latest.json").write_text(
        json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    history_keys = (
        "when", "note", "files", "words", "e2e_seconds", "e2e_words_per_s",
        "bare_nlp_words_per_s", "efficiency", "noop_rerun_seconds", "peak_rss_mb",
        "language_detection_share", "nlp_processes", "prefect",
    )  # fmt: skip
    line = {k: result[k] for k in history_keys}
    line["places_clusters_cpu_share"] = result["places_clusters"]["cpu_share"]
    line["machine"] = {
        k: result["machine"][k] for k in ("cpu", "cores", "commit", "load_before", "load_after")
    }
    with (args.results / "history.jsonl").open("a", encoding="utf-8") as history:
        history.write(json.dumps(line, ensure_ascii=False) + "\n")
    print_report(result)


def contextmanager_for(mode: str, home: Path, env: dict[str, str]):  # type: ignore[no-untyped-def]
    if mode == "server":
        return prefect_server(home, env)
    return _no_server()


@contextmanager
def _no_server():  # type: ignore[no-untyped-def]
    yield ServerHandle(None, None)


def print_report(r: dict[str, Any]) -> None:
    print()
    print(f"files {r['files']}  articles {r['articles']}  words {r['words']:,}")
    print(
        f"end to end   {r['e2e_seconds']:8.1f} s  {r['e2e_files_per_s']:7.1f} files/s  "
        f"{r['e2e_words_per_s']:8,} words/s"
    )
    bare = r["bare_nlp_words_per_s"]
    print(f"bare spaCy   {r['bare_nlp_seconds']:8.1f} s  {'':15}  {bare:8,} words/s")
    print(f"efficiency   {r['efficiency']:.3f}   (target ≥ 0.80)")
    print(
        f"  the run's CPU on {os.cpu_count()} cores allows at most "
        f"{r['efficiency_cpu_bound']:.3f} (bare seconds ÷ run CPU-s per core)"
    )
    print(
        f"  spaCy + Doc→records in the same workers: {r['nlp_with_records_words_per_s']:,} "
        f"words/s; end to end is {r['efficiency_vs_nlp_with_records']:.3f} of that"
    )
    print(
        f"no-op re-run {r['noop_rerun_seconds']:8.1f} s  = {r['noop_share_of_full']:.1%} of the "
        "full run (target ≤ 5 %)"
    )
    print(f"peak RSS     {r['peak_rss_mb']:8,} MB (process tree), {r['nlp_processes']} NLP procs")
    print(
        f"langdetect   {r['language_detection_share']:.1%} of the run's CPU seconds "
        f"(target ≤ 5 %); its wall time {r['language_detection_wall_share']:.1%}, overlapped"
    )
    print(
        f"CPU          {r['run_cpu_seconds']:8.1f} s over all processes, "
        f"{r['cpu_utilisation']:.0%} of {r['machine']['cores']} cores for the run's wall time"
    )
    print(f"  and the Prefect API server {r['prefect_server_cpu_seconds']:.1f} s beside it")
    by_role = ", ".join(f"{k} {v:.1f}" for k, v in r["run_cpu_seconds_by_process"].items())
    busy = r["worker_busy"]
    print(
        f"  by process: {by_role}; spaCy workers busy "
        f"{'n/a' if busy is None else format(busy, '.0%')} of their lifetime"
    )
    costs.print_costs(r)
    m = r["machine"]
    print(f"machine: {m['cores']} × {m['cpu']}, load {m['load_before']} → {m['load_after']}")


if __name__ == "__main__":
    main()
