"""Fallback for any other text file: optional short first line as headline, then paragraphs."""

from __future__ import annotations

import re

from wirehouse.model import Article, SkippedItem, WireParseError, count_words
from wirehouse.readers.not_story import not_a_story
from wirehouse.readers.text import decode_bytes, join_paragraphs, split_paragraphs, strip_controls

FORMAT = "plain_text"
_MAX_HEADLINE_CHARS = 200
_LETTER_WORD = re.compile(r"[^\W\d_]{2,}")


def read(data: bytes) -> list[Article | SkippedItem]:
    text = strip_controls(decode_bytes(data))
    kind = not_a_story(text)
    if kind:
        raise WireParseError(f"not a wire story: {kind}")
    paragraphs = split_paragraphs(text)
    if not paragraphs:
        raise WireParseError("the file has no text")
    text = " ".join(paragraphs)
    if len(_LETTER_WORD.findall(text)) < max(2, count_words(text) // 5):
        # A story needs words: a number, a row of symbols or stray codes are not an article.
        raise WireParseError("the file has no words of text (only numbers, symbols or codes)")
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
