"""Stories that fail after parsing (language detection, enrichment) quarantined one by one.

The parse step decided each file's outcome; a story that later fails costs only itself. When
some stories of a file fail, the file stays loaded with fewer articles and each failed story
becomes a `skipped_items` row ('quarantined at enrich: …'); when all of them fail, the file
is quarantined with the reason. The parse step's files are never rewritten: the corrected
outcomes go to new staging files, so running a step again gives the same result.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import pyarrow as pa

from wirehouse.schema import FILE_OUTCOMES, SKIPPED_ITEMS


def apply_failures(
    failures: dict[str, str],
    articles: pa.Table,
    outcomes: pa.Table,
    skipped: pa.Table,
) -> tuple[pa.Table, pa.Table]:
    """Outcomes and skipped items of a batch with its failed stories (`articles`: PARSED rows
    of at least the failed ones) taken out of their files' counts."""
    if not failures:
        return outcomes, skipped
    failed_by_file: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in articles.select(
        ["article_id", "guid", "source_file", "source_sha256", "item_index"]
    ).to_pylist():
        if row["article_id"] in failures:
            failed_by_file[row["source_file"]].append(row)
    new_outcomes = outcomes.to_pylist()
    new_skipped = skipped.to_pylist()
    for outcome in new_outcomes:
        failed = failed_by_file.get(outcome["path"])
        if not failed or outcome["status"] != "loaded":
            continue
        reasons = [failures[row["article_id"]] for row in failed]
        if len(failed) >= outcome["articles"]:
            more = len(failed) - 1
            suffix = f" (and {more} more stories of the file)" if more else ""
            outcome.update(status="quarantined", reason=reasons[0] + suffix, articles=0)
            continue
        outcome["articles"] -= len(failed)
        new_skipped.extend(
            {
                "source_file": row["source_file"],
                "source_sha256": row["source_sha256"],
                "item_index": row["item_index"],
                "guid": row["guid"],
                "item_type": "article",
                "reason": f"quarantined at {reason}",
                "run_id": outcome["run_id"],
            }
            for row, reason in zip(failed, reasons, strict=True)
        )
    return (
        pa.Table.from_pylist(new_outcomes, schema=FILE_OUTCOMES),
        pa.Table.from_pylist(new_skipped, schema=SKIPPED_ITEMS),
    )
