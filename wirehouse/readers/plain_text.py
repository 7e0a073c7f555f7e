"""Fallback for any other text file: optional short first line as headline, then paragraphs.

A message in telex framing (`ZCZC` … `NNNN`) is read without the framing and its routing codes.
"""

from __future__ import annotations

import re

from wirehouse.model import Article, SkippedItem, WireParseError, count_words
from wirehouse.readers.fields import make_article
from wirehouse.readers.not_story import not_a_story
from wirehouse.readers.text import decode_bytes, split_paragraphs, strip_controls

FORMAT = "plain_text"
_MAX_HEADLINE_CHARS = 200
_LETTER_WORD = re.compile(r"[^\W\d_]{2,}")


def read(data: bytes) -> list[Article | SkippedItem]:
    text = _strip_teleprinter_framing(strip_controls(decode_bytes(data)))
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
    # Through the one assembly every format uses: a dateline, byline, credit line, sign-off
    # or end mark in a text file is what it is in any other format.
    return [make_article(FORMAT, paragraphs, headline=headline, pubstatus="usable")]


# Telex-era framing agencies still send (AAP's Medianet): `ZCZC` opens the message and is
# followed by routing and format codes (`%MNETALL MFI MGD`, `$J`, `:`, `*X`); `NNNN` closes it.
_OPENING = re.compile(r"^\s*ZCZC\b")
_ROUTING = re.compile(r"^[%$:*#][^\n]{0,60}$")
_CLOSING = re.compile(r"^\s*NNNN\s*$")


def _strip_teleprinter_framing(text: str) -> str:
    lines = text.split("\n")
    start = next((i for i, line in enumerate(lines) if line.strip()), len(lines))
    if start == len(lines) or not _OPENING.match(lines[start]):
        return text
    start += 1
    while start < len(lines) and (not lines[start].strip() or _ROUTING.match(lines[start].strip())):
        start += 1
    end = len(lines)
    while end > start and (not lines[end - 1].strip() or _CLOSING.match(lines[end - 1])):
        end -= 1
    return "\n".join(lines[start:end])
