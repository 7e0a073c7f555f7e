"""Places on the map: LOC entities and datelines resolved against an offline gazetteer."""

from __future__ import annotations

from typing import Any


def resolve_places(
    entities: list[dict[str, Any]], agencies: dict[str, str | None]
) -> list[dict[str, Any]]:
    """PLACES rows for a batch's entity rows. The gazetteer is loaded (from its cache file,
    or built) on first use per process, and only when the batch has a place to look up."""
    if not any(row["label"] == "LOC" for row in entities):
        return []
    from wirehouse.places.gazetteer import gazetteer
    from wirehouse.places.resolve import resolve_entities

    return resolve_entities(gazetteer(), entities, agencies)
