"""The same-story labelled pairs, and the choice of shingle size and threshold on them.

    python -m bench.same_story

Pairs come from tests/fixtures/clusters/events.json (invented stories of our own): per event an
original, another agency's rewrite, a correction and a re-send derived from the original
(same story, 6 pairs), and a different story about the same event (4 pairs that must not
match). Prints precision and recall per shingle size and overlap threshold.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path

from wirehouse.clusters.assign import overlap
from wirehouse.clusters.signatures import minhash, shingles, story_text

EVENTS = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "clusters" / "events.json"
_NUMBER = re.compile(r"\d+")


@dataclass(frozen=True)
class Text:
    key: str
    agency: str
    headline: str
    body: str


def correction(text: Text, lang: str) -> Text:
    """The original with its first number corrected and a correction note, as agencies send."""
    body = _NUMBER.sub(lambda m: str(int(m.group()) + 1), text.body, count=1)
    if lang == "de":
        return Text(text.key + "/corr", text.agency, "(Korrektur) " + text.headline,
                    body + " (Berichtigt wird die Zahl im ersten Absatz.)")  # fmt: skip
    return Text(text.key + "/corr", text.agency, "CORRECTED-" + text.headline,
                body + " (Corrects figure in first paragraph.)")  # fmt: skip


def resend(text: Text, lang: str) -> Text:
    """The original again under a new id, marked as a repeat."""
    mark = "(Wiederholung)" if lang == "de" else "(REPEAT)"
    return Text(text.key + "/resend", text.agency, f"{text.headline} {mark}", text.body)


def event_texts() -> list[tuple[str, str, list[Text], Text]]:
    """(event, lang, versions of the same story, a different story about the event)."""
    out = []
    for event in json.loads(EVENTS.read_text(encoding="utf-8"))["events"]:
        key, lang = event["id"], event["lang"]
        original = Text(f"{key}/original", **event["original"])
        rewrite = Text(f"{key}/rewrite", **event["rewrite"])
        other = Text(f"{key}/other", **event["other"])
        versions = [original, rewrite, correction(original, lang), resend(original, lang)]
        out.append((key, lang, versions, other))
    return out


def labelled_pairs() -> list[tuple[Text, Text, bool]]:
    pairs: list[tuple[Text, Text, bool]] = []
    for _key, _lang, versions, other in event_texts():
        pairs.extend((a, b, True) for a, b in combinations(versions, 2))
        pairs.extend((v, other, False) for v in versions)
    return pairs


def scores(size: int) -> list[tuple[float, bool]]:
    out = []
    for a, b, same in labelled_pairs():
        sa, sb = (
            shingles(story_text(a.headline, a.body), size),
            shingles(story_text(b.headline, b.body), size),
        )
        out.append((overlap(minhash(sa), len(sa), minhash(sb), len(sb)), same))
    return out


def precision_recall(scored: list[tuple[float, bool]], threshold: float) -> tuple[float, float]:
    predicted = [same for score, same in scored if score >= threshold]
    positives = sum(same for _, same in scored)
    true = sum(predicted)
    return (true / len(predicted) if predicted else 1.0, true / positives if positives else 1.0)


def main() -> None:
    pairs = labelled_pairs()
    print(f"{len(pairs)} pairs: {sum(p[2] for p in pairs)} same story, "
          f"{sum(not p[2] for p in pairs)} different stories about the same event")  # fmt: skip
    for size in (1, 2, 3, 4, 5):
        scored = scores(size)
        worst_same = min(s for s, same in scored if same)
        best_other = max(s for s, same in scored if not same)
        line = [f"k={size}: lowest same {worst_same:.2f}, highest different {best_other:.2f};"]
        for threshold in (0.1, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5):
            p, r = precision_recall(scored, threshold)
            line.append(f"t={threshold}: P {p:.2f} R {r:.2f}")
        print(" ".join(line))


if __name__ == "__main__":
    main()
