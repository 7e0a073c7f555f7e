"""Rows of the ENTITIES table from an article's mentions (`entities.collect_mentions`) and
its dateline places, in reading order: headline, dateline, body."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from wirehouse.nlp.mentions import Mention


def dateline_entities(places: Sequence[str], mentions: Sequence[Mention]) -> list[dict[str, Any]]:
    """LOC entities for the dateline places (not part of the body text).

    Convention: `part` = 'dateline' and `start_char`/`end_char` index into the dateline places
    joined with '/', e.g. 'Kiew/Genf' → Kiew 0..4, Genf 5..9. The norm reuses a place's norm
    from the story when one matches case-insensitively (KIEW → Kiew), else the place itself
    (title-cased when it is all capitals).
    """
    by_lower: dict[str, str] = {}
    for m in mentions:
        if m.label == "LOC":
            by_lower.setdefault(m.norm.casefold(), m.norm)
            by_lower.setdefault(m.text.casefold(), m.norm)
    rows: list[dict[str, Any]] = []
    offset = 0
    for place in places:
        if place:
            norm = by_lower.get(place.casefold())
            if norm is None:
                norm = _title_place(place) if place.isupper() else place
            rows.append(
                {
                    "part": "dateline",
                    "text": place,
                    "label": "LOC",
                    "start_char": offset,
                    "end_char": offset + len(place),
                    "norm": norm,
                    "is_dateline": True,
                }
            )
        offset += len(place) + 1
    return rows


def _title_place(place: str) -> str:
    return "-".join(
        " ".join(w.capitalize() for w in chunk.split(" ")) for chunk in place.split("-")
    )


def entity_records(
    article_id: str, mentions: Sequence[Mention], dateline_places: Sequence[str] = ()
) -> list[dict[str, Any]]:
    """Rows of ENTITIES in reading order: headline, dateline, body."""
    rows: list[dict[str, Any]] = []
    ordered = [m for m in mentions if m.part == "headline"]
    rest = [m for m in mentions if m.part != "headline"]
    for m in ordered:
        rows.append(_mention_row(article_id, m))
    for row in dateline_entities(dateline_places, mentions):
        rows.append({"article_id": article_id, **row})
    for m in rest:
        rows.append(_mention_row(article_id, m))
    for i, row in enumerate(rows):
        row["entity_index"] = i
    return rows


def _mention_row(article_id: str, m: Mention) -> dict[str, Any]:
    return {
        "article_id": article_id,
        "part": m.part,
        "text": m.text,
        "label": m.label,
        "start_char": m.start,
        "end_char": m.end,
        "norm": m.norm,
        "is_dateline": False,
    }
