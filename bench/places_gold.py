"""Precision and recall of place resolution on the hand-checked mentions of our own.

    python -m bench.places_gold [-v] [--set tuned|heldout]

tests/fixtures/places/gold.json ("tuned") holds invented German and English stories with every
place mention and what it must resolve to (a country, a region, a city, or nothing); the rules
were tuned on it. tests/fixtures/places/heldout.json ("heldout") is a second such set, written
later from new stories and never used to choose or tune a rule: its figures are the honest
ones. A resolution counts as correct when it names the expected place; precision is over the
mentions resolved, recall over the mentions that are places.
"""

from __future__ import annotations

import argparse
import json
import time
from dataclasses import dataclass
from pathlib import Path

from wirehouse.places.gazetteer import Gazetteer, Place, gazetteer
from wirehouse.places.resolve import Mention, Resolution, resolve_story

FIXTURES = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "places"
GOLD = FIXTURES / "gold.json"
HELDOUT = FIXTURES / "heldout.json"
SETS = {"tuned": GOLD, "heldout": HELDOUT}


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


def evaluate(index: Gazetteer, gold: Path = GOLD) -> list[Outcome]:
    outcomes: list[Outcome] = []
    for story in json.loads(gold.read_text(encoding="utf-8"))["stories"]:
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
    parser = argparse.ArgumentParser()
    parser.add_argument("-v", "--verbose", action="store_true", help="list every error")
    parser.add_argument("--set", choices=sorted(SETS), default="tuned")
    args = parser.parse_args()
    started = time.perf_counter()
    index = gazetteer()
    loaded = time.perf_counter() - started
    outcomes = evaluate(index, SETS[args.set])
    precision, recall, total, places = scores(outcomes)
    print(f"gazetteer: {len(index):,} names, ready in {loaded:.1f} s")
    print(
        f"{args.set}: {total} mentions ({places} places): precision {precision:.3f}, "
        f"recall {recall:.3f}"
    )
    if args.verbose:
        for o in outcomes:
            if not o.correct:
                p = o.resolution.place
                got = f"{p.feature} {p.country_code} {p.name} {p.admin1}" if p else "—"
                print(f"  {o.story}: {o.mention!r} expected {o.expected}, got {got} "
                      f"({o.resolution.method})")  # fmt: skip


if __name__ == "__main__":
    main()
