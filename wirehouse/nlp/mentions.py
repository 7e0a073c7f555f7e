"""The entity mention record the record builders pass between them."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(slots=True)
class Mention:
    """One entity mention inside one part (headline or body)."""

    part: str
    tok_start: int
    tok_end: int
    start: int
    end: int
    text: str
    label: str
    norm: str
    words: tuple[str, ...]
    propagated: bool = False
    promoted: bool = False
