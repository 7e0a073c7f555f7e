"""A first name before a name-like word is a person (wirehouse/nlp/given_names.py)."""

from __future__ import annotations

import spacy
from spacy.language import Language

from tests.nlp.conftest import make_doc
from wirehouse.nlp.common_nouns import given_names
from wirehouse.nlp.entities import collect_mentions
from wirehouse.nlp.given_names import _first_name_classes, is_first_name
from wirehouse.settings import _default_pipelines


def _got(nlp: Language, text: str, ents: list[tuple[str, str]]) -> list[tuple[str, str]]:
    doc = make_doc(nlp, text, ents)
    return [(m.text, m.label) for m in collect_mentions([("body", doc)], lexicon={"Bericht"})]


def test_listed_first_names() -> None:
    assert {"Laura", "Stephan", "Anders"} <= given_names()
    assert is_first_name("Laura", None, frozenset())
    assert not is_first_name("Präsident", None, frozenset())


def test_first_name_and_unknown_word_is_a_person(nlp_de: Language) -> None:
    got = _got(nlp_de, "Den Bericht schrieb Laura Osswald aus Köln.", [("Köln", "LOC")])
    assert ("Laura Osswald", "PER") in got


def test_not_before_nouns_places_or_covered_words(nlp_de: Language) -> None:
    # An ordinary noun ("Laura Garten" is not a name here), a known place, and a word the
    # model already labelled are left alone.
    assert _got(nlp_de, "Laura Garten blüht.", []) == []
    assert _got(nlp_de, "Ludwig Paris mochte.", []) == []
    got = _got(nlp_de, "Stephan Siemens AG zahlt.", [("Siemens AG", "ORG")])
    assert got == [("Siemens AG", "ORG")]


def test_not_before_a_compound_of_nouns(nlp_de: Language) -> None:
    # "Art" is a first name and a noun: "eine Art Laser-Chirurgie" names nobody.
    assert _got(nlp_de, "Es ist eine Art Laser-Chirurgie.", []) == []


def test_not_in_other_languages(nlp_en: Language) -> None:
    doc = make_doc(nlp_en, "Laura Osswald wrote.", [])
    assert collect_mentions([("body", doc)], lexicon={"write"}, lang="en") == []


def test_brown_classes_of_the_shipped_model_hold_first_names() -> None:
    # de_wirehouse_news carries Brown-cluster norms: the classes dense in listed first names
    # extend the list to names it lacks.
    nlp = spacy.load(_default_pipelines()["de"], exclude=["ner", "tok2vec"])
    classes = _first_name_classes(nlp.vocab)
    assert 3 <= len(classes) <= 10
    norms = nlp.vocab.lookups.get_table("lexeme_norm")
    listed = [w for w in ("Kevin", "Holger", "Steffen") if norms.get(w) in classes]
    assert len(listed) >= 2
    assert norms.get("Merkel") not in classes
