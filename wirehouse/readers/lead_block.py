"""The block some agencies set above a story's first line: notes, summary bullets, then a byline.

Reuters' updated copy opens so, in every format it comes in:

```
(Adds comments, detail)                    what changed since the last version: the ednote
* Spot gold may edge up to $1,205 …        the summary, one bullet per point: the abstract
By Arpan Varghese                          the byline (`bylines.settle_byline` takes it)
Jan 30 (Reuters) - Gold rose on Tuesday …  the story, from its dateline
```
ANP's notice of a new version (`N i e u w bericht, vervangt: …`) is a note too. The block is
cut only when a byline or a dateline follows it: a story that merely opens with
a bracket (`(Rote Karte) …`) or a list keeps them.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from wirehouse.readers.bylines import opens_with_byline

_NOTE = re.compile(r"^\((?:[^()]|\([^()]*\)){2,200}\)$")
# ANP announces a new version over the story, letter-spaced: `N i e u w bericht, vervangt: …`.
_REPLACES = re.compile(r"^(?:N ?i ?e ?u ?w ?bericht|Gecorrigeerd bericht),? vervangt:\s*\S", re.I)
_BULLET = re.compile(r"^[*•]\s+(?P<point>\S.*)$")


def take_lead_block(
    paragraphs: list[str], opens_story: Callable[[str], bool]
) -> tuple[list[str], list[str]]:
    """(notes, summary points) cut off the top of `paragraphs` (changed in place)."""
    notes: list[str] = []
    points: list[str] = []
    index = 0
    for paragraph in paragraphs:
        text = " ".join(paragraph.split())
        bullet = _BULLET.match(text)
        if bullet:
            points.append(bullet.group("point"))
        elif _NOTE.match(text) and not points:
            notes.append(text[1:-1].strip())
        elif _REPLACES.match(text) and not points:
            notes.append(text)
        else:
            break
        index += 1
    if index == 0 or index == len(paragraphs):
        return [], []
    following = paragraphs[index]
    if not (opens_with_byline(following) or opens_story(following)):
        return [], []
    del paragraphs[:index]
    return notes, points
