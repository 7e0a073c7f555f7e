"""Sentence records."""

from __future__ import annotations

from typing import Any

from spacy.tokens import Doc

from wirehouse.nlp.tokens import token_table


def sentence_records(doc: Doc, article_id: str, part: str) -> list[dict[str, Any]]:
    """One record per sentence; whitespace-only sentences (paragraph breaks) are skipped."""
    rows: list[dict[str, Any]] = []
    text = token_table(doc).text
    for start, end in _sentence_char_spans(doc):
        rows.append(
            {
                "article_id": article_id,
                "part": part,
                "sentence_index": len(rows),
                "start_char": start,
                "end_char": end,
                "text": text[start:end],
            }
        )
    return rows


def sentence_token_spans(doc: Doc) -> list[tuple[int, int]]:
    """Token ranges of sentences with whitespace tokens trimmed from both edges."""
    return token_table(doc).sents


def _sentence_char_spans(doc: Doc) -> list[tuple[int, int]]:
    t = token_table(doc)
    return [(t.idx[s], t.idx[e - 1] + len(t.words[e - 1])) for s, e in t.sents]
