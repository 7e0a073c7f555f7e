"""Direct quotes and who said them."""

from __future__ import annotations

from spacy.language import Language

from tests.nlp.conftest import make_doc
from wirehouse.nlp.entities import collect_mentions
from wirehouse.nlp.quotes import find_quote_spans, quote_records


def _quotes(
    nlp: Language, text: str, ents: list[tuple[str, str]], lang: str = "de", has_ner: bool = True
) -> list[tuple[str, str | None, str | None]]:
    doc = make_doc(nlp, text, ents)
    mentions = collect_mentions([("body", doc)])
    rows = quote_records(doc, "a1", "body", mentions, lang, has_ner=has_ner)
    for r in rows:
        assert text[r["start_char"] : r["end_char"]] == r["quote"]
        assert r["quote_index"] == rows.index(r)
    return [(r["quote"], r["speaker"], r["speaker_norm"]) for r in rows]


def test_german_marks_with_sagte_after_the_quote(nlp_de: Language) -> None:
    text = "„Wir sind zu Gesprächen bereit“, sagte Bundeskanzler Olaf Scholz am Montag."
    assert _quotes(nlp_de, text, [("Olaf Scholz", "PER")]) == [
        ("Wir sind zu Gesprächen bereit", "Olaf Scholz", "Olaf Scholz")
    ]


def test_quote_after_the_speech_verb(nlp_de: Language) -> None:
    text = "Olaf Scholz sagte am Montag in Berlin: »Das ist ein guter Tag für Europa.«"
    assert _quotes(
        nlp_de, text, [("Olaf Scholz", "PER"), ("Berlin", "LOC"), ("Europa", "LOC")]
    ) == [("Das ist ein guter Tag für Europa.", "Olaf Scholz", "Olaf Scholz")]


def test_inverted_verb_before_the_quote_with_short_name(nlp_de: Language) -> None:
    text = (
        "Präsident Wolodymyr Selenskyj war in Kiew. Danach erklärte Selenskyj, nun müsse "
        '"alles, was erreicht wurde", finalisiert werden.'
    )
    assert _quotes(nlp_de, text, [("Wolodymyr Selenskyj", "PER"), ("Kiew", "LOC")]) == [
        ("alles, was erreicht wurde", "Selenskyj", "Wolodymyr Selenskyj")
    ]


def test_ascii_quotes_and_pronoun_pointing_back(nlp_de: Language) -> None:
    text = (
        'Umjerow kündigte ein Treffen in Abu Dhabi an. "Wir arbeiten am Abschluss der '
        'Parameter", schrieb er.'
    )
    assert _quotes(nlp_de, text, [("Umjerow", "PER"), ("Abu Dhabi", "LOC")]) == [
        ("Wir arbeiten am Abschluss der Parameter", "er", "Umjerow")
    ]


def test_pronoun_prefers_the_last_speaker_over_a_person_only_mentioned(
    nlp_de: Language,
) -> None:
    text = (
        '"Es geht um ein personalisiertes Regime", sagte Selenskyj mit Blick auf Putin. '
        'Putin stoppe seine Maschine nicht. "Die Welt muss bereit sein", sagte er.'
    )
    got = _quotes(nlp_de, text, [("Selenskyj", "PER"), ("Putin", "PER")])
    assert got[1] == ("Die Welt muss bereit sein", "er", "Selenskyj")


def test_pronoun_without_earlier_speaker_takes_last_person(nlp_de: Language) -> None:
    text = 'Angela Merkel besuchte Paris. "Wir bleiben Freunde", sagte sie.'
    got = _quotes(nlp_de, text, [("Angela Merkel", "PER"), ("Paris", "LOC")])
    assert got == [("Wir bleiben Freunde", "sie", "Angela Merkel")]


def test_age_noun_points_back_like_a_pronoun(nlp_de: Language) -> None:
    text = (
        'Dortmunds Trainer Niko Kovac war enttäuscht. "Das war zu wenig", sagte der 63-Jährige. '
        '"Wir müssen besser werden", sagte die 45-jährige Sprecherin des Vereins.'
    )
    got = _quotes(nlp_de, text, [("Niko Kovac", "PER")])
    assert got == [
        ("Das war zu wenig", "der 63-Jährige", "Niko Kovac"),
        # An age before a role noun introduces someone else: no guess.
        ("Wir müssen besser werden", None, None),
    ]


def test_laut_and_zufolge(nlp_de: Language) -> None:
    text = (
        'Wichtig seien laut Rustem Umjerow "langfristige Mechanismen zur Unterstützung". '
        'Dem Kreml-Sprecher Dmitri Peskow zufolge sei das "nicht akzeptabel für uns".'
    )
    got = _quotes(nlp_de, text, [("Rustem Umjerow", "PER"), ("Dmitri Peskow", "PER")])
    assert [g[2] for g in got] == ["Rustem Umjerow", "Dmitri Peskow"]


def test_continuation_quote_in_next_sentence_of_same_paragraph(nlp_de: Language) -> None:
    text = (
        "„Wir sind bereit“, sagte Olaf Scholz. „Wir werden das gemeinsam schaffen.“\n\n"
        "„Das ist ohne Sprecher ein Zitat.“"
    )
    got = _quotes(nlp_de, text, [("Olaf Scholz", "PER")])
    assert [g[2] for g in got] == ["Olaf Scholz", "Olaf Scholz", None]


def test_nested_single_quotes_are_part_of_the_quote(nlp_de: Language) -> None:
    text = "„Er nannte das ‚einen Skandal‘ und ging“, sagte Anna Lührmann."
    assert _quotes(nlp_de, text, [("Anna Lührmann", "PER")]) == [
        ("Er nannte das ‚einen Skandal‘ und ging", "Anna Lührmann", "Anna Lührmann")
    ]


def test_headline_colon_style(nlp_de: Language) -> None:
    text = "Scholz: „Wir liefern weiter Waffen“"
    assert _quotes(nlp_de, text, [("Scholz", "PER")]) == [
        ("Wir liefern weiter Waffen", "Scholz", "Scholz")
    ]


def test_english_said_and_according_to(nlp_en: Language) -> None:
    text = (
        '"We will not back down," said Keir Starmer on Monday. '
        'The plan is "dead on arrival", according to Kemi Badenoch. '
        'Ed Davey told reporters: "This is a disgrace for the country."'
    )
    got = _quotes(
        nlp_en,
        text,
        [("Keir Starmer", "PERSON"), ("Kemi Badenoch", "PERSON"), ("Ed Davey", "PERSON")],
        lang="en",
    )
    assert [g[2] for g in got] == ["Keir Starmer", "Kemi Badenoch", "Ed Davey"]


def test_english_without_ner_uses_capitalised_names(nlp_en: Language) -> None:
    text = '"We will not back down," said Keir Starmer. "It works," he said.'
    got = _quotes(nlp_en, text, [], lang="en", has_ner=False)
    assert got == [
        ("We will not back down,", "Keir Starmer", "Keir Starmer"),
        ("It works,", "he", "Keir Starmer"),
    ]


def test_find_quote_spans_rules() -> None:
    text = 'Ein "Wort" und "zwei Worte" und „offen\n„auch «so herum» gut“'
    spans = find_quote_spans(text)
    assert [text[qs:qe] for _, qs, qe, _ in spans] == ["zwei Worte", "auch «so herum» gut"]
