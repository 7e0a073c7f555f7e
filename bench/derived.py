"""What places and same-story signatures cost, re-measured on a finished bench warehouse.

    python -m bench.derived WAREHOUSE   (prints JSON)

The night resolves places in the flow process (inside the enrich stage) and computes the
MinHash signatures in the spaCy workers, beside other work that the run's own timers cannot
split off. So, as `bench.bare` does for spaCy, this repeats exactly that work on the same data
in a fresh process, and times it: getting the gazetteer index (from the cache file the run
left, as every night but the first after an install does), resolving every LOC mention
story by story with its agency, and one signature per article. CPU seconds of this process.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import Any

import duckdb

from wirehouse.sql import statement


def measure(warehouse: Path) -> dict[str, Any]:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        cursor = con.execute(statement("bench_loc_entities"))
        columns = [d[0] for d in cursor.description or []]
        entities = [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]
        agencies = dict(con.execute(statement("bench_article_agencies")).fetchall())
        texts = con.execute(statement("bench_article_texts")).fetchall()
    from wirehouse.clusters.signatures import signature_record
    from wirehouse.places.gazetteer import gazetteer
    from wirehouse.places.resolve import resolve_entities

    cpu = time.process_time()
    index = gazetteer()
    index_cpu = time.process_time() - cpu
    cpu = time.process_time()
    places = resolve_entities(index, entities, agencies)
    resolve_cpu = time.process_time() - cpu
    cpu = time.process_time()
    for article_id, headline, body in texts:
        signature_record(article_id, headline, body)
    signature_cpu = time.process_time() - cpu
    return {
        "index_cpu_seconds": round(index_cpu, 3),
        "resolve_cpu_seconds": round(resolve_cpu, 3),
        "places_cpu_seconds": round(index_cpu + resolve_cpu, 3),
        "place_mentions": len(places),
        "signature_cpu_seconds": round(signature_cpu, 3),
        "articles": len(texts),
    }


if __name__ == "__main__":
    print(json.dumps(measure(Path(sys.argv[1]))))
