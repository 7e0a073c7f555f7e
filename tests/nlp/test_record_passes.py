"""The shortcuts of the record passes give what the word-by-word tests give: speech cues
picked by their forms, quote cues found once per part, legal forms in one set, the capitals
count of a story."""

from __future__ import annotations

import spacy
from spacy.language import Language

from tests.nlp.conftest import make_doc
from wirehouse.nlp.entities import _shouting, collect_mentions
from wirehouse.nlp.org_rules import legal_form
from wirehouse.nlp.quote_context import QuoteContext
from wirehouse.nlp.quote_cues import cue_kind, cue_kinds
from wirehouse.nlp.quotes import find_quote_spans
from wirehouse.nlp.tokens import token_table
from wirehouse.nlp.vocab import LEGAL_FORMS

_TEXTS = {
    "de": (
        "„Wir sind bereit“, sagte Scholz. Laut Umjerow ist die Lage ernst, so der Minister. "
        "Dem Bericht zufolge hatte sie erklärt, man werde reden. Er fügte hinzu: „Nie wieder.“ "
        "So sagen es die Leute. SAGTE er?"
    ),
    "en": (
        '"We are ready," said Biden. According to the report, she told reporters it was over. '
        "The Said family, according to him, says nothing. Added costs rose."
    ),
    "fr": (
        "« Nous sommes prêts », a déclaré Macron. Selon lui, il a fait savoir qu'il a fait des "
        "réformes. D'après le ministre, elle a dit non. Après la réunion, Dit-il ?"
    ),
    "es": "«Estamos listos», dijo Sánchez, según la agencia.",
}


def _nlp(lang: str) -> Language:
    nlp = spacy.blank(lang)
    nlp.add_pipe("sentencizer")
    if lang == "de":  # German cues also read the lemma (sagen, erklären)
        nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
        nlp.initialize()
    return nlp


def test_cue_kinds_match_cue_kind_on_every_token() -> None:
    for lang, text in _TEXTS.items():
        t = token_table(_nlp(lang)(text))
        for asked in (lang, "de", "en", "fr", "it", ""):
            expected = [cue_kind(t, i, asked) for i in range(len(t.words))]
            assert cue_kinds(t, asked) == expected, (lang, asked)
        assert any(cue_kinds(t, lang)) or lang == "es"


def test_quote_context_cues_are_those_outside_quotes_in_text_order(nlp_de: Language) -> None:
    text = _TEXTS["de"]
    doc = make_doc(nlp_de, text, [("Scholz", "PER"), ("Umjerow", "PER")])
    mentions = collect_mentions([("body", doc)])
    ctx = QuoteContext(doc, mentions, "de", True, find_quote_spans(text))
    kinds = cue_kinds(token_table(doc), "de")
    n = len(doc)
    for start in range(n + 1):
        for end in range(start, n + 1):
            expected = [
                (i, kinds[i])
                for i in range(start, end)
                if kinds[i] is not None and not ctx.in_quote[i]
            ]
            assert ctx.cues(start, end) == expected
    whole = ctx.cues(0, n)
    whole.sort(reverse=True)  # callers sort what they get: never the context's own list
    assert ctx.cues(0, n) == sorted(whole)


def test_legal_form_is_a_form_or_a_form_and_a_full_stop() -> None:
    def by_rule(word: str) -> bool:
        return word in LEGAL_FORMS or (word.endswith(".") and word[:-1] in LEGAL_FORMS)

    words = {"", ".", "Gmbh", "GmbH", "GmbH.", "Inc", "Inc.", "Inc..", "AG", "AG.", ".AG"}
    for form in LEGAL_FORMS:
        words |= {form, form + ".", form + "..", "." + form, form.lower(), form[:-1]}
    for word in words:
        assert legal_form(word) == by_rule(word), word


def test_shouting_is_most_letters_in_capitals() -> None:
    assert _shouting("KIEW (DPA) - DIE LAGE IST ernst")
    assert not _shouting("Kiew (dpa) - Die UEFA und die CIBJO tagen")
    assert not _shouting("") and not _shouting("2026 - 17:30")
