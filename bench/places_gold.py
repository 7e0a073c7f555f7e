"""Precision and recall of place resolution on the hand-checked mentions of our own.

    python -m bench.places_gold [-v]

tests/fixtures/places/gold.json holds invented German and English stories with every place
mention and what it must resolve to (a country, a region, a city, or nothing). A resolution
counts as correct when it names the expected place; precision is over the mentions resolved,
recall over the mentions that are places.
"""

from __future__ import annotations

import json
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from wirehouse.places.gazetteer import Gazetteer, Place, gazetteer
from wirehouse.places.resolve import Mention, Resolution, resolve_story

GOLD = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "places" / "gold.json"


@dataclass(frozen=True)
class Outcome:
    story: str
    mention: str
    expected: str | None
    resolution: Resolution

    @property
    def correct(self) -> bool:
        return matches(self.resolution.place, self.expected)


def matches(place: Place | None, expected: str | None) -> bool:
    if expected is None or place is None:
        return expected is None and place is None
    if "/" in expected:
        country, name = expected.split("/", 1)
        return place.feature == "city" and place.country_code == country and place.name == name
    if "-" in expected:
        return place.feature == "region" and place.admin1 == expected
    return place.feature == "country" and place.country_code == expected


def evaluate(index: Gazetteer) -> list[Outcome]:
    outcomes: list[Outcome] = []
    for story in json.loads(GOLD.read_text(encoding="utf-8"))["stories"]:
        mentions = [
            Mention(
                "dateline" if text in story["dateline"] else "body",
                i,
                text,
                norm or text,
                text in story["dateline"] and i < len(story["dateline"]),
            )
            for i, (text, norm, _expected) in enumerate(story["mentions"])
        ]
        for m, (_text, _norm, expected), r in zip(
            mentions,
            story["mentions"],
            resolve_story(index, mentions, story["agency"]),
            strict=True,
        ):
            outcomes.append(Outcome(story["id"], m.text, expected, r))
    return outcomes


def scores(outcomes: list[Outcome]) -> tuple[float, float, int, int]:
    resolved = [o for o in outcomes if o.resolution.place is not None]
    places = [o for o in outcomes if o.expected is not None]
    right = [o for o in resolved if o.correct]
    return len(right) / len(resolved), len(right) / len(places), len(outcomes), len(places)


def main() -> None:
    started = time.perf_counter()
    index = gazetteer()
    loaded = time.perf_counter() - started
    outcomes = evaluate(index)
    precision, recall, total, places = scores(outcomes)
    print(f"gazetteer: {len(index):,} names, ready in {loaded:.1f} s")
    print(f"{total} mentions ({places} places): precision {precision:.3f}, recall {recall:.3f}")
    if "-v" in sys.argv:
        for o in outcomes:
            if not o.correct:
                p = o.resolution.place
                got = f"{p.feature} {p.country_code} {p.name} {p.admin1}" if p else "—"
                print(f"  {o.story}: {o.mention!r} expected {o.expected}, got {got} "
                      f"({o.resolution.method})")  # fmt: skip


if __name__ == "__main__":
    main()
