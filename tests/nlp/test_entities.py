"""Entity normalisation, document-level consistency, datelines and offsets."""

from __future__ import annotations

import pytest
from spacy.language import Language

from tests.nlp.conftest import make_doc
from wirehouse.nlp.entities import collect_mentions
from wirehouse.nlp.entity_rows import dateline_entities
from wirehouse.nlp.names import normalize_name
from wirehouse.nlp.records import article_records
from wirehouse.nlp.word_tests import common_compound


@pytest.mark.parametrize(
    ("text", "label", "expected"),
    [
        ("Putins", "PER", "Putin"),
        ("Russlands", "LOC", "Russland"),
        ("Kiews", "LOC", "Kiew"),
        ("der Vereinigten Arabischen Emirate", "LOC", "Vereinigte Arabische Emirate"),
        ("Wladimir Putins", "PER", "Wladimir Putin"),
        ("Merz’", "PER", "Merz"),
        ("Gates'", "PER", "Gates"),
        ("der Europäischen Union", "ORG", "Europäische Union"),
        ("den Vereinten Nationen", "ORG", "Vereinte Nationen"),
        ("Frankreichs", "LOC", "Frankreich"),
        ("Ursula von der Leyens", "PER", "Ursula von der Leyen"),
        # Nominatives that merely end in -s stay as they are.
        ("Thomas", "PER", "Thomas"),
        ("Paris", "LOC", "Paris"),
        ("Siemens", "ORG", "Siemens"),
        ("Markus Söder", "PER", "Markus Söder"),
        ("USA", "LOC", "USA"),
        ("Wales", "LOC", "Wales"),
    ],
)
def test_normalize_name(text: str, label: str, expected: str) -> None:
    assert normalize_name(text, label) == expected


def test_normalize_uses_story_evidence_and_lemmas() -> None:
    # A vowel before -s is ambiguous (Obamas vs. Thomas): the story decides.
    assert normalize_name("Obamas", "PER", forms={"Obama"}) == "Obama"
    assert normalize_name("Obamas", "PER") == "Obamas"
    # The lookup lemmatizer knows place genitives after a vowel.
    assert normalize_name("Moskaus", "LOC", lemmas=["Moskau"]) == "Moskau"
    # ...but is not trusted for persons (it maps Thomas → Thoma).
    assert normalize_name("Thomas", "PER", lemmas=["Thoma"]) == "Thomas"
    # A person named only with -s, several times, is not a genitive (Williams).
    assert normalize_name("Williams", "PER", counts={"Williams": 3}) == "Williams"


@pytest.mark.parametrize(
    ("text", "label", "lang", "expected"),
    [
        # No German genitive outside German: these names end in -s.
        ("Roberts", "PER", "en", "Roberts"),
        ("Brussels", "LOC", "en", "Brussels"),
        ("Reynolds", "PER", "en", "Reynolds"),
        ("Nicolas", "PER", "fr", "Nicolas"),
        ("Golden State Warriors", "ORG", "en", "Golden State Warriors"),
        # English possessives, lower-case articles and titles still go.
        ("Biden's", "PER", "en", "Biden"),
        ("Jones'", "PER", "en", "Jones"),
        ("the United States", "LOC", "en", "United States"),
        ("Mr. Smith", "PER", "en", "Smith"),
        ("M. Macron", "PER", "fr", "Macron"),
        ("Mme Borne", "PER", "fr", "Borne"),
        # A capitalised article belongs to the name.
        ("The Hague", "LOC", "en", "The Hague"),
    ],
)
def test_normalize_name_outside_german(text: str, label: str, lang: str, expected: str) -> None:
    assert normalize_name(text, label, lang=lang) == expected


def _norms(mentions: list) -> list[tuple[str, str, str]]:
    return [(m.text, m.label, m.norm) for m in mentions]


def test_norms_in_a_story(nlp_de: Language) -> None:
    text = (
        "Wladimir Putin empfing Gäste in Moskau. Putins Sprecher lobte die Rolle Russlands. "
        "Die Hauptstadt der Vereinigten Arabischen Emirate lud ein. Kiews Bürgermeister "
        "kritisierte Putin."
    )
    doc = make_doc(
        nlp_de,
        text,
        [
            ("Wladimir Putin", "PER"),
            ("Putins", "PER"),
            ("Putin", "PER"),
            ("Moskau", "LOC"),
            ("Russlands", "LOC"),
            ("Vereinigten Arabischen Emirate", "LOC"),
            ("Kiews", "LOC"),
        ],
    )
    got = _norms(collect_mentions([("body", doc)]))
    assert ("Putins", "PER", "Wladimir Putin") in got
    assert ("Putin", "PER", "Wladimir Putin") in got
    assert ("Russlands", "LOC", "Russland") in got
    assert ("Kiews", "LOC", "Kiew") in got
    assert ("Vereinigten Arabischen Emirate", "LOC", "Vereinigte Arabische Emirate") in got


def test_short_name_without_full_name_stays_short(nlp_de: Language) -> None:
    doc = make_doc(nlp_de, "Putin sprach in Moskau.", [("Putin", "PER"), ("Moskau", "LOC")])
    assert _norms(collect_mentions([("body", doc)]))[0] == ("Putin", "PER", "Putin")


def test_ambiguous_surname_goes_to_the_nearest_earlier_full_name(nlp_de: Language) -> None:
    text = "Donald Trump kam. Melania Trump folgte. Trump lachte."
    doc = make_doc(
        nlp_de, text, [("Donald Trump", "PER"), ("Melania Trump", "PER"), ("Trump", "PER")]
    )
    got = _norms(collect_mentions([("body", doc)]))
    assert got[-1] == ("Trump", "PER", "Melania Trump")


def test_consistency_labels_later_mentions(nlp_de: Language) -> None:
    text = (
        "Im Mittelpunkt standen laut Rustem Umjerow wirtschaftliche Fragen. "
        "Umjerow kündigte ein Treffen an. Später bestätigte Umjerows Büro den Termin."
    )
    # The model recognised the full name once and nothing else.
    doc = make_doc(nlp_de, text, [("Rustem Umjerow", "PER")])
    got = _norms(collect_mentions([("body", doc)]))
    assert got == [
        ("Rustem Umjerow", "PER", "Rustem Umjerow"),
        ("Umjerow", "PER", "Rustem Umjerow"),
        ("Umjerows", "PER", "Rustem Umjerow"),
    ]


def test_consistency_relabels_a_wrong_label(nlp_de: Language) -> None:
    text = "Rustem Umjerow reiste ab. Umjerow sprach in Genf."
    doc = make_doc(nlp_de, text, [("Rustem Umjerow", "PER"), ("Umjerow", "LOC"), ("Genf", "LOC")])
    got = _norms(collect_mentions([("body", doc)]))
    assert ("Umjerow", "PER", "Rustem Umjerow") in got
    assert ("Genf", "LOC", "Genf") in got


def test_consistency_spans_headline_and_body(nlp_de: Language) -> None:
    head = make_doc(nlp_de, "Selenskyj fordert Garantien", [])
    body = make_doc(
        nlp_de, "Präsident Wolodymyr Selenskyj sprach.", [("Wolodymyr Selenskyj", "PER")]
    )
    got = [(m.part, m.text, m.norm) for m in collect_mentions([("headline", head), ("body", body)])]
    assert got == [
        ("headline", "Selenskyj", "Wolodymyr Selenskyj"),
        ("body", "Wolodymyr Selenskyj", "Wolodymyr Selenskyj"),
    ]


def test_foreign_labels_are_mapped_and_non_names_dropped(nlp_de: Language) -> None:
    doc = make_doc(
        nlp_de,
        "Olaf Scholz sprach am Montag in Berlin über die Bundesliga.",
        [("Olaf Scholz", "PERSON"), ("Montag", "DATE"), ("Berlin", "GPE"), ("Bundesliga", "OTH")],
    )
    assert [(m.text, m.label) for m in collect_mentions([("body", doc)])] == [
        ("Olaf Scholz", "PER"),
        ("Berlin", "LOC"),
        ("Bundesliga", "MISC"),
    ]


def test_punctuation_is_trimmed_from_entity_edges(nlp_de: Language) -> None:
    text = "Er las „Die Zeit“ gestern."
    doc = nlp_de(text)
    span = doc.char_span(text.index("„"), text.index("“") + 1, label="ORG")
    assert span is not None
    doc.ents = [span]
    (m,) = collect_mentions([("body", doc)])
    assert m.text == "Die Zeit" and text[m.start : m.end] == "Die Zeit"


def test_dateline_convention() -> None:
    rows = dateline_entities(["KIEW", "Genf"], [])
    joined = "/".join(["KIEW", "Genf"])
    assert [(r["text"], r["norm"], r["part"], r["is_dateline"]) for r in rows] == [
        ("KIEW", "Kiew", "dateline", True),
        ("Genf", "Genf", "dateline", True),
    ]
    for r in rows:
        assert joined[r["start_char"] : r["end_char"]] == r["text"]
        assert r["label"] == "LOC"


def test_entity_rows_offsets_and_order(nlp_de: Language) -> None:
    headline = "Selenskyj fordert „echte Sicherheitsgarantien“"
    body = "Präsident Wolodymyr Selenskyj sprach in Kiew mit Vertretern der USA."
    h = make_doc(nlp_de, headline, [])
    b = make_doc(nlp_de, body, [("Wolodymyr Selenskyj", "PER"), ("Kiew", "LOC"), ("USA", "LOC")])
    rec = article_records("a1", "de", h, b, ["Kiew", "Genf"])
    sources = {"headline": headline, "body": body, "dateline": "Kiew/Genf"}
    assert [r["entity_index"] for r in rec.entities] == list(range(len(rec.entities)))
    assert [r["part"] for r in rec.entities] == [
        "headline",
        "dateline",
        "dateline",
        "body",
        "body",
        "body",
    ]
    for r in rec.entities:
        assert sources[r["part"]][r["start_char"] : r["end_char"]] == r["text"]
        assert r["label"] in ("PER", "LOC", "ORG", "MISC")
    for r in rec.sentences:
        assert sources[r["part"]][r["start_char"] : r["end_char"]] == r["text"]


def test_rule_mentions_find_names_the_model_missed(nlp_de: Language) -> None:
    text = (
        "Im Mittelpunkt standen laut Rustem Umjerow wirtschaftliche Fragen. Das Treffen "
        "soll in Abu Dhabi stattfinden, erklärte Umjerow. Es gab in Kraft getretene Regeln."
    )
    doc = make_doc(nlp_de, text, [])
    lexicon = {"Mittelpunkt", "Frage", "Treffen", "Kraft", "Regel", "Präsident"}
    got = _norms(collect_mentions([("body", doc)], lexicon=lexicon))
    assert got == [
        ("Rustem Umjerow", "PER", "Rustem Umjerow"),
        ("Abu Dhabi", "LOC", "Abu Dhabi"),
        ("Umjerow", "PER", "Rustem Umjerow"),
    ]
    # Without a word list there is no way to tell names from nouns: no guessing.
    assert collect_mentions([("body", doc)]) == []


def test_person_cut_after_first_name_is_extended(nlp_de: Language) -> None:
    # The model stopped after the first name; the unknown capitalised word after it is the
    # surname, a known noun after it is not (Präsident, Regierung).
    text = (
        "Am Donnerstag sagte Wolodymyr Selenskyj in Kiew, die Lage sei ernst. Später sprach "
        "Selenskyj mit Olena Regierung und Präsident."
    )
    doc = make_doc(nlp_de, text, [("Wolodymyr", "PER"), ("Olena", "PER"), ("Kiew", "LOC")])
    lexicon = {"Donnerstag", "Lage", "Regierung", "Präsident"}
    got = _norms(collect_mentions([("body", doc)], lexicon=lexicon))
    assert ("Wolodymyr Selenskyj", "PER", "Wolodymyr Selenskyj") in got
    assert ("Selenskyj", "PER", "Wolodymyr Selenskyj") in got
    assert ("Olena", "PER", "Olena") in got
    # Without a word list nothing is extended.
    assert ("Wolodymyr", "PER", "Wolodymyr") in _norms(collect_mentions([("body", doc)]))


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("Kriegsende", True),  # Kriegs|ende
        ("Blechschaden", True),
        ("Handfunkgeräten", True),  # Gerät + -en
        ("Pressebericht", True),
        ("Umjerow", False),
        ("Selenskyj", False),
        ("Magdeburg", False),  # a place-name ending, though Burg is a noun
        ("Hoffmann", False),
    ],
)
def test_common_compound(word: str, expected: bool) -> None:
    lexicon = {"Ende", "Schaden", "Gerät", "Bericht", "Burg", "Mann", "Row"}
    assert common_compound(word, lexicon) is expected


def test_rule_slots_skip_compounds_and_lower_case_words(nlp_de: Language) -> None:
    # "nach Kriegsende", "aus Kapazitätsgründen": the slot after in/aus/nach holds nouns too.
    text = "Nach Kriegsende zog er nach Norderstedt. Zudem erklärte Ketterer, es gehe."
    doc = make_doc(nlp_de, text, [])
    doc.vocab.lookups.add_table("lexeme_norm", {"zudem": "≈1"})
    try:
        got = _norms(collect_mentions([("body", doc)], lexicon={"Ende"}))
    finally:
        doc.vocab.lookups.remove_table("lexeme_norm")
    assert got == [("Norderstedt", "LOC", "Norderstedt"), ("Ketterer", "PER", "Ketterer")]


def test_person_is_not_extended_into_the_noun_after_a_genitive(nlp_de: Language) -> None:
    text = "Hitlers Vizekanzler Papen trat zurück."
    doc = make_doc(nlp_de, text, [("Hitlers", "PER")])
    got = _norms(collect_mentions([("body", doc)], lexicon={"Kanzler"}))
    assert ("Hitlers", "PER", "Hitler") in got


def test_legal_forms_make_and_complete_company_names(nlp_de: Language) -> None:
    text = (
        "Die Robert Bosch GmbH kauft Teile der Bilfinger Berger Projektentwicklung GmbH. "
        "Auch die Buhl-Alberti AG und Google Inc. bieten mit. Die AG selbst schweigt."
    )
    # The model's view: Bosch as a person, Bilfinger and Google without their legal forms.
    doc = make_doc(
        nlp_de, text, [("Robert Bosch GmbH", "PER"), ("Bilfinger Berger", "ORG"), ("Google", "ORG")]
    )
    got = _norms(collect_mentions([("body", doc)], lexicon={"Teil", "Projektentwicklung"}))
    assert got == [
        ("Robert Bosch GmbH", "ORG", "Robert Bosch GmbH"),
        (
            "Bilfinger Berger Projektentwicklung GmbH",
            "ORG",
            "Bilfinger Berger Projektentwicklung GmbH",
        ),
        ("Buhl-Alberti AG", "ORG", "Buhl-Alberti AG"),
        ("Google Inc.", "ORG", "Google Inc."),
    ]


def test_news_agencies_are_organisations(nlp_de: Language) -> None:
    text = (
        "Das sagte er der Deutschen Presse-Agentur (dpa), Reuters und der Agentur Interfax. "
        "Die ap-Taste klemmt."
    )
    # The model's view: the Russian agency taken for a place.
    doc = make_doc(nlp_de, text, [("Deutschen Presse-Agentur", "ORG"), ("Interfax", "LOC")])
    got = _norms(collect_mentions([("body", doc)], lexicon={"Taste"}))
    assert [(t, label) for t, label, _ in got] == [
        ("Deutschen Presse-Agentur", "ORG"),
        ("dpa", "ORG"),
        ("Reuters", "ORG"),
        ("Interfax", "ORG"),
    ]
    # A pipeline without entities (lexicon None) gets no rule mentions at all.
    assert collect_mentions([("body", make_doc(nlp_de, text, []))]) == []


def test_person_goes_on_over_name_particles(nlp_de: Language) -> None:
    text = (
        "Patrick von Brunn traf Joseph Victor von Scheffel und Ursula von der Leyen. "
        "Neil Armstrong betrat den Mond, Angela Merkel von der CDU blieb. "
        "Von der Leyen sprach mit Klaus Müller von der Bundesnetzagentur."
    )
    # The model's view: names cut before the particle, the family name taken for a place or
    # an organisation.
    doc = make_doc(
        nlp_de,
        text,
        [
            ("Patrick von", "PER"),
            ("Brunn", "LOC"),
            ("Joseph Victor", "PER"),
            ("Ursula", "PER"),
            ("Leyen", "ORG"),
            ("Neil Armstrong", "PER"),
            ("Angela Merkel", "PER"),
            ("CDU", "ORG"),
            ("Klaus Müller", "PER"),
            ("Bundesnetzagentur", "ORG"),
        ],
    )
    got = _norms(collect_mentions([("body", doc)], lexicon={"Mond", "Agentur"}))
    assert got == [
        ("Patrick von Brunn", "PER", "Patrick von Brunn"),
        ("Joseph Victor von Scheffel", "PER", "Joseph Victor von Scheffel"),
        ("Ursula von der Leyen", "PER", "Ursula von der Leyen"),
        ("Neil Armstrong", "PER", "Neil Armstrong"),
        ("Angela Merkel", "PER", "Angela Merkel"),
        ("CDU", "ORG", "CDU"),
        ("Von der Leyen", "PER", "Ursula von der Leyen"),
        ("Klaus Müller", "PER", "Klaus Müller"),
        ("Bundesnetzagentur", "ORG", "Bundesnetzagentur"),
    ]
    # Without the full name in the story, "von der" + noun stays what it is.
    alone = make_doc(nlp_de, "Die Rede von der Australierin kam an.", [])
    assert collect_mentions([("body", alone)], lexicon={"Rede"}) == []


def test_titles_acronyms_and_club_numbers(nlp_de: Language) -> None:
    text = "Sir George Carew sprach mit der UEFA über den 1. FC Nürnberg und den FC Schalke 04."
    # The model's view: the title inside the name, an acronym taken for a person, the clubs
    # without their numbers.
    doc = make_doc(
        nlp_de,
        text,
        [
            ("Sir George Carew", "PER"),
            ("UEFA", "PER"),
            ("FC Nürnberg", "ORG"),
            ("FC Schalke", "ORG"),
        ],
    )
    got = _norms(collect_mentions([("body", doc)], lexicon={"Sir"}))
    assert [(t, label) for t, label, _ in got] == [
        ("George Carew", "PER"),
        ("UEFA", "ORG"),
        ("1. FC Nürnberg", "ORG"),
        ("FC Schalke 04", "ORG"),
    ]


def test_a_shouted_headline_keeps_its_people(nlp_de: Language) -> None:
    doc = make_doc(nlp_de, "MERKEL TRIFFT MACRON IN PARIS", [("MERKEL", "PER")])
    got = _norms(collect_mentions([("headline", doc)], lexicon={"Sir"}))
    assert [(t, label) for t, label, _ in got] == [("MERKEL", "PER")]
