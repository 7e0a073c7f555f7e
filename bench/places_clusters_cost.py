"""What places and story clusters cost the night, on synthetic stories (bench/generator.py).

    python -m bench.places_clusters_cost [--stories N]

Measures CPU seconds (`time.process_time`) of: getting the gazetteer index, in a fresh
interpreter each, once cold (built from the packages' data and written to an empty cache
directory: the first night after an install or upgrade) and once warm (read back from that
file: every other night); resolving the stories' place mentions (the generator's cities and
invented towns, each story's dateline city first); computing the MinHash signatures (done in
the spaCy workers); and assigning clusters for one night of N new stories against two
earlier nights (2 N stored signatures in the window). Compare with the night's CPU:
`--night-cpu` (default 120.1 CPU-s for 5,000 files, bench/README.md session 3; `make bench`
now reports the night's own figure).
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
import time
from datetime import timedelta

from bench.generator import make_story
from bench.lexicon import LEXICONS
from wirehouse.clusters.assign import Story, assign
from wirehouse.clusters.signatures import signature_record
from wirehouse.places.gazetteer import gazetteer
from wirehouse.places.resolve import Mention, resolve_story
from wirehouse.settings import PROJECT_ROOT

NIGHT_CPU_5000 = 120.1  # bench/README.md, session 3: run CPU for 5,000 files
SEED = 20261125
_TOWN = re.compile(
    r"\b(?:Neu|Alt|Ober|Unter|Klein|Groß|Bad |Nieder)\w*"
    r"(?:stadt|dorf|hausen|feld|burg|heim|brück|kirchen)\b"
)


# Run in a fresh interpreter: CPU seconds and peak-RSS growth of getting the index. The peak
# is the process's own high-water mark (VmHWM; ru_maxrss would start at the parent's).
_GET_INDEX = """
import json, sys, time
from pathlib import Path
from wirehouse.places.gazetteer import gazetteer
def hwm():
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0
rss, cpu = hwm(), time.process_time()
index = gazetteer(Path(sys.argv[1]))
print(json.dumps({"cpu": time.process_time() - cpu, "names": len(index), "mb": hwm() - rss}))
"""


def index_cost(cache_dir: str) -> dict[str, float]:
    done = subprocess.run(
        [sys.executable, "-c", _GET_INDEX, cache_dir],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return dict(json.loads(done.stdout))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--stories", type=int, default=3000)
    parser.add_argument("--night-cpu", type=float, default=NIGHT_CPU_5000)
    args = parser.parse_args()
    n, night_cpu = args.stories, args.night_cpu
    stories = [make_story(i, SEED) for i in range(3 * n)]
    city_pattern = re.compile(
        r"\b(?:" + "|".join(sorted({re.escape(c) for lex in LEXICONS.values() for c in lex.cities},
                                   key=len, reverse=True)) + r")\b"
    )  # fmt: skip
    tonight = stories[2 * n :]

    with tempfile.TemporaryDirectory() as cache_dir:
        cold, warm = index_cost(cache_dir), index_cost(cache_dir)
    index = gazetteer()

    # The mentions first (what NER finds in the night), so that only resolving is timed: the
    # regex over hundreds of city names once cost more than the resolving.
    stories_mentions = []
    for s in tonight:
        text = "\n".join(s.paragraphs)
        names = [s.city, *city_pattern.findall(text), *_TOWN.findall(text)]
        stories_mentions.append(
            [Mention("body", i, name, name, i == 0) for i, name in enumerate(names)]
        )
    mentions = sum(len(found) for found in stories_mentions)
    cpu = time.process_time()
    for found in stories_mentions:
        resolve_story(index, found, "dpa")
    resolve_cpu = time.process_time() - cpu

    cpu = time.process_time()
    records = [signature_record(str(s.index), s.headline, "\n".join(s.paragraphs)) for s in stories]
    signature_cpu = (time.process_time() - cpu) / 3  # per night: one third of them

    def as_story(s, r):  # type: ignore[no-untyped-def]
        return Story(r["article_id"], r["article_id"], r["minhash"], r["shingles"], s.sent_at)

    all_stories = [as_story(s, r) for s, r in zip(stories, records, strict=True)]
    window = timedelta(days=3)
    earlier = assign([], {}, all_stories[: 2 * n], window=window)
    cluster_of = {m.article_id: m.cluster_id for m in earlier}
    known = [(s, cluster_of[s.article_id]) for s in all_stories[: 2 * n]]
    firsts = {
        s.article_id: s for s in all_stories[: 2 * n] if cluster_of[s.article_id] == s.article_id
    }
    cpu = time.process_time()
    memberships = assign(known, firsts, all_stories[2 * n :], window=window)
    cluster_cpu = time.process_time() - cpu
    joined = sum(m.cluster_id != m.article_id for m in memberships)

    per_story = (resolve_cpu + signature_cpu + cluster_cpu) / n
    night = warm["cpu"] + per_story * 5000
    clusters = len({m.cluster_id for m in memberships})
    lines = [
        f"{n:,} stories tonight, {2 * n:,} earlier in the window, "
        f"{mentions / n:.1f} place mentions per story",
        f"gazetteer build  {cold['cpu']:6.2f} CPU-s, +{cold['mb']:.0f} MB peak RSS, "
        f"{cold['names']:,.0f} names (cold: built and written to the cache)",
        f"gazetteer load   {warm['cpu']:6.2f} CPU-s, +{warm['mb']:.0f} MB peak RSS "
        "(warm: read from the cache file, once per process)",
        f"resolve places   {resolve_cpu:6.2f} CPU-s "
        f"({resolve_cpu / mentions * 1e6:.0f} µs a mention)",
        f"signatures       {signature_cpu:6.2f} CPU-s ({signature_cpu / n * 1e3:.2f} ms a story)",
        f"cluster assign   {cluster_cpu:6.2f} CPU-s ({cluster_cpu / n * 1e3:.2f} ms a story; "
        f"{joined} joined an earlier story, {clusters} clusters)",
        f"a 5,000-file night: {night:.1f} CPU-s (warm index) = {100 * night / night_cpu:.1f} % "
        f"of {night_cpu} CPU-s; {100 * (night - warm['cpu'] + cold['cpu']) / night_cpu:.1f} % "
        "on the night that builds the index",
    ]
    print("\n".join(lines))


if __name__ == "__main__":
    main()
