"""German common nouns are not places (wirehouse/nlp/common_nouns.py)."""

from __future__ import annotations

import pytest
from spacy.language import Language

from tests.nlp.conftest import make_doc
from wirehouse.nlp.common_nouns import common_nouns, is_common_noun, known_places
from wirehouse.nlp.entities import collect_mentions


def test_word_list_is_installed() -> None:
    # german-nouns is a dependency: without its CSV the rule would silently do nothing.
    assert len(common_nouns()) > 100_000


@pytest.mark.parametrize("word", ["Westen", "Land", "Sandstein", "Privatbesitz", "Einkaufszentren"])
def test_ordinary_nouns(word: str) -> None:
    assert is_common_noun(word)


@pytest.mark.parametrize(
    "word",
    [
        "Berlin",  # a toponym in the list
        "Müller",  # a family name
        "Chinas",  # also a noun (porcelain), but a known country, in the genitive
        "Bayern",  # a German state
        "Umjerow",  # not in the list at all
        "NATO",  # all capitals
        "westen",  # lower case
    ],
)
def test_names_and_known_places_are_not_common_nouns(word: str) -> None:
    assert not is_common_noun(word)


def test_known_places_have_german_names() -> None:
    places = known_places()
    assert {"Deutschland", "Frankreichs", "Niedersachsen", "Zürich"} <= places


def test_common_noun_places_are_dropped_in_german(nlp_de: Language) -> None:
    text = "Im Westen des Landes, in Sachsen, lebt Gerhard Storch im Land Brandenburg."
    doc = make_doc(
        nlp_de,
        text,
        [("Westen", "LOC"), ("Sachsen", "LOC"), ("Gerhard Storch", "PER"), ("Land", "LOC")],
    )
    got = [(m.text, m.label) for m in collect_mentions([("body", doc)], lexicon={"Land"})]
    # Only one-word places that are ordinary nouns go; people named with a noun stay.
    assert got == [("Sachsen", "LOC"), ("Gerhard Storch", "PER")]


def test_a_noun_caught_as_a_place_goes_under_every_label(nlp_de: Language) -> None:
    # The model called the noun a place once and a person once (real dpa copy did): both go.
    text = "Im Rechenzentrum sitzt Rechenzentren. Die Rechenzentren in Sachsen wachsen."
    doc = make_doc(nlp_de, text, [("1:Rechenzentren", "PER"), ("Rechenzentren", "LOC")])
    doc.ents = [*doc.ents, doc.char_span(text.index("Sachsen"), text.index(" wachsen"), "LOC")]
    got = [(m.text, m.label) for m in collect_mentions([("body", doc)], lexicon={"Land"})]
    assert got == [("Sachsen", "LOC")]


def test_other_languages_keep_their_places(nlp_en: Language) -> None:
    doc = make_doc(nlp_en, "Talks in the Westen ended.", [("Westen", "LOC")])
    got = collect_mentions([("body", doc)], lexicon={"talk"}, lang="en")
    assert [(m.text, m.label) for m in got] == [("Westen", "LOC")]
