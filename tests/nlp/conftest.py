"""Shared helpers: a blank German pipeline (sentences + lookup lemmas) and Docs whose
entities are set by hand, so the record logic is tested without a trained model."""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span

from wirehouse.settings import PROJECT_ROOT

SHARED = PROJECT_ROOT.parent / "shared"
MODEL_DIR = PROJECT_ROOT / "models" / "de_wirehouse_news"


def _blank(lang: str, lemmas: bool) -> Language:
    nlp = spacy.blank(lang)
    nlp.add_pipe("sentencizer")
    if lemmas:
        nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
        nlp.initialize()
    return nlp


@pytest.fixture(scope="session")
def nlp_de() -> Language:
    return _blank("de", lemmas=True)


@pytest.fixture(scope="session")
def nlp_en() -> Language:
    return _blank("en", lemmas=False)


def make_doc(nlp: Language, text: str, ents: Sequence[tuple[str, str]]) -> Doc:
    """Doc with entities at EVERY occurrence of each (surface, label) that fits the tokens.

    Entries whose surface starts with '1:' label only the first occurrence (to simulate a
    model that recognised a name once).
    """
    doc = nlp(text)
    spans: list[Span] = []
    taken: set[int] = set()
    for surface, label in ents:
        first_only = surface.startswith("1:")
        needle = surface[2:] if first_only else surface
        for m in re.finditer(r"(?<!\w)" + re.escape(needle) + r"(?!\w)", text):
            span = doc.char_span(m.start(), m.end(), label=label)
            if span is None or any(i in taken for i in range(span.start, span.end)):
                continue
            spans.append(span)
            taken.update(range(span.start, span.end))
            if first_only:
                break
    doc.ents = sorted(spans, key=lambda s: s.start)
    return doc


def shared_path(*parts: str) -> Path:
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} not present (the shared data folder is absent on this machine)")
    return path
