"""Fallback for any other text file: optional short first line as headline, then paragraphs."""

from __future__ import annotations

from wirehouse.model import Article, SkippedItem, WireParseError
from wirehouse.readers.text import decode_bytes, join_paragraphs, split_paragraphs, strip_controls

FORMAT = "plain_text"
_MAX_HEADLINE_CHARS = 200


def read(data: bytes) -> list[Article | SkippedItem]:
    paragraphs = split_paragraphs(strip_controls(decode_bytes(data)))
    if not paragraphs:
        raise WireParseError("the file has no text")
    headline = None
    first = paragraphs[0]
    if len(paragraphs) > 1 and len(first) <= _MAX_HEADLINE_CHARS and first[-1:] not in ".:;,":
        headline, paragraphs = first, paragraphs[1:]
    return [
        Article(
            format=FORMAT,
            headline=headline,
            body=join_paragraphs(paragraphs),
            pubstatus="usable",
        )
    ]
