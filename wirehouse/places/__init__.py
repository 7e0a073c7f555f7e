"""Places on the map: LOC entities and datelines resolved against an offline gazetteer."""

from __future__ import annotations

from typing import Any

# Languages whose stories never get places from the gazetteer when their pipeline has no
# entity model (`wirehouse.nlp.gazetteer_places`): those with a model by default. Switched
# off (`"blank"`), they keep their dateline places only; German would not work anyway
# (every noun is capitalised). Here, not there, so the night's report reads it without spaCy.
GAZETTEER_PLACES_EXCLUDED = frozenset({"de", "en", "fr"})
# Languages written in scripts without capital letters (langdetect's codes): the finder
# looks for capitalised names, so it has nothing to look for there.
UNCASED_LANGUAGES = frozenset(
    {"ar", "fa", "ur", "he", "zh", "ja", "ko", "th", "hi", "bn", "ta", "te", "ml", "kn", "gu",
     "pa", "mr", "ne"}
)  # fmt: skip


def finds_gazetteer_places(lang: str) -> bool:
    """Whether stories in `lang` without an entity model get places from the gazetteer."""
    base = lang.split("-")[0].lower()
    return base not in GAZETTEER_PLACES_EXCLUDED and base not in UNCASED_LANGUAGES


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
