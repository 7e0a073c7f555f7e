"""Where a bench run's time and CPU went, in tables that add up.

Since batches run in flight (issue 15), a stage's wall seconds are the union of its batches'
intervals: stages overlap each other, so wall seconds per stage cannot be subtracted from the
flow's time. The additive account is CPU: the process tree's CPU seconds (sampled by the
runner) split by process, the flow process's further by the CPU of the threads that ran each
stage; what no stage's thread spent is listed as such. Places and same-story signatures are
re-measured on the run's own data (`bench.derived`), because they run inside other stages.
"""

from __future__ import annotations

from typing import Any

TARGET_PLACES_CLUSTERS = 0.10  # issue 17: places and clustering ≤ 10 % of the night's CPU


def cpu_account(full: dict[str, Any], derived: dict[str, Any]) -> list[tuple[str, float]]:
    """(what, CPU seconds) rows; the top-level rows (no leading space) add up to the run's."""
    by_process = full["cpu_by_role"]
    stages = full["stage_cpu_seconds"]
    flow = by_process.get("flow", 0.0)
    workers = by_process.get("workers", 0.0)
    rows: list[tuple[str, float]] = [
        ("spaCy workers (nlp.pipe, Doc → records, pickling)", workers),
        ("  of which MinHash signatures (re-measured)", derived["signature_cpu_seconds"]),
        ("fork server (imports, loading the pipelines)", by_process.get("fork_server", 0.0)),
    ]
    for stage, cpu in stages.items():
        rows.append((f"flow: {stage.replace('_', ' ')}", cpu))
        if stage == "enrich":
            rows.append(("  of which places (re-measured)", derived["places_cpu_seconds"]))
    rows.append(
        ("flow: outside the stages (imports, Prefect, other threads)", flow - sum(stages.values()))
    )
    other = sum(v for k, v in by_process.items() if k not in {"flow", "workers", "fork_server"})
    if other:
        rows.append(("other processes", other))
    return rows


def places_clusters(full: dict[str, Any], derived: dict[str, Any]) -> dict[str, Any]:
    """Places + signatures + clustering: CPU seconds and their share of the run's CPU, and the
    wall time they can have added (clustering runs alone after the loads; places run in the
    flow's enrich thread while the workers enrich the next batch, so that is an upper bound)."""
    cluster_cpu = full["stage_cpu_seconds"].get("cluster", 0.0)
    cluster_wall = full["stage_seconds"].get("cluster", 0.0)
    cpu = {
        "places": derived["places_cpu_seconds"],
        "signatures": derived["signature_cpu_seconds"],
        "cluster": cluster_cpu,
    }
    total = sum(cpu.values())
    return {
        "cpu_seconds": {k: round(v, 2) for k, v in cpu.items()},
        "cpu_seconds_total": round(total, 2),
        "cpu_share": round(total / full["cpu_seconds"], 4),
        "gazetteer_index_cpu_seconds": derived["index_cpu_seconds"],
        "place_mentions": derived["place_mentions"],
        "cluster_wall_seconds": round(cluster_wall, 2),
        "wall_share_at_most": round(
            (derived["places_cpu_seconds"] + cluster_wall) / full["wall_seconds"], 4
        ),
    }


def wall_split(full: dict[str, Any]) -> dict[str, float]:
    """The run's wall time in parts that add up: startup, the flow, exit."""
    wall = full["wall_seconds"]
    return {
        "startup (interpreter, imports)": round(full["import_seconds"] / wall, 4),
        "flow (first task to summary)": round(full["flow_seconds"] / wall, 4),
        "exit": round((wall - full["import_seconds"] - full["flow_seconds"]) / wall, 4),
    }


def stage_wall_share(full: dict[str, Any]) -> dict[str, float]:
    """Per stage: the share of the run's wall time during which it was running. Overlapping:
    these do not add up, and nothing can be subtracted from them."""
    wall = full["wall_seconds"]
    return {k: round(v / wall, 4) for k, v in full["stage_seconds"].items()}


def languages(
    rows: list[tuple[str, str, int, int]], bare: dict[str, Any], report: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    """Per language: pipeline, articles and words (warehouse), entities (the run's report),
    and bare `nlp.pipe` seconds of the workers with words per worker-second."""
    entities = {r["lang"]: int(r["entities"]) for r in report}
    no_model = {r["lang"] for r in report if r["no_entity_model"]}
    seconds = bare.get("language_seconds", {})
    total = sum(seconds.values()) or 1.0
    out = []
    for lang, pipeline, articles, words in rows:
        secs = seconds.get(lang)
        out.append(
            {
                "lang": lang,
                "pipeline": pipeline,
                "entity_model": lang not in no_model,
                "articles": articles,
                "words": words,
                "entities": entities.get(lang, 0),
                "bare_worker_seconds": secs,
                "words_per_worker_second": round(words / secs) if secs else None,
                "share_of_bare": round(secs / total, 4) if secs else None,
            }
        )
    return out


def print_costs(r: dict[str, Any]) -> None:
    total = r["run_cpu_seconds"]
    print(f"where the run's {total:.1f} CPU-s went (process tree; rows without indent add up):")
    for what, cpu in r["cpu_account"]:
        print(f"  {what:58} {cpu:7.1f} s {cpu / total:6.1%}")
    pc = r["places_clusters"]
    parts = ", ".join(f"{k} {v:.1f}" for k, v in pc["cpu_seconds"].items())
    print(
        f"places + clusters {pc['cpu_seconds_total']:.1f} CPU-s = {pc['cpu_share']:.1%} of the "
        f"run's CPU (target ≤ {TARGET_PLACES_CLUSTERS:.0%}): {parts}; gazetteer index "
        f"{pc['gazetteer_index_cpu_seconds']:.2f} of the places; wall ≤ "
        f"{pc['wall_share_at_most']:.1%} (cluster stage {pc['cluster_wall_seconds']:.1f} s)"
    )
    if pc.get("gazetteer_index_cached_before_run") is False:
        print(
            "  this run built the gazetteer index (no cache file yet: ~3 CPU-s once per install "
            "or upgrade, in its enrich stage); the places figure is a night with the cache"
        )
    print("per language (bare nlp.pipe seconds summed over the workers):")
    for row in r["languages"]:
        secs = row["bare_worker_seconds"]
        speed = row["words_per_worker_second"]
        print(
            f"  {row['lang']:3} {row['pipeline'][:34]:34} {row['articles']:6,} articles "
            f"{row['words']:9,} words {row['entities']:7,} entities  "
            + (f"{secs:6.1f} s  {speed:7,} words/s" if secs and speed else "(not in bare)")
        )
    print("wall time, adding up: " + ", ".join(f"{k} {v:.1%}" for k, v in r["wall_split"].items()))
    print("wall time each stage was running (union over its batches; stages overlap):")
    for stage, share in sorted(r["stage_wall_share"].items(), key=lambda kv: -kv[1]):
        print(f"  {stage:32} {share:6.1%}")
