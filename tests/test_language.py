from hypothesis import given, settings
from hypothesis import strategies as st

from wirehouse.language import UNDETERMINED, detect_language


def test_detects_german_english_french() -> None:
    assert (
        detect_language("Die Bundesregierung hat am Dienstag neue Regeln beschlossen.")[0] == "de"
    )
    assert (
        detect_language("The government announced new rules for the railways on Tuesday.")[0]
        == "en"
    )
    assert (
        detect_language("Le gouvernement a annoncé mardi de nouvelles règles pour le rail.")[0]
        == "fr"
    )


def test_short_text_is_undetermined_not_an_error() -> None:
    assert detect_language("Hotel Europa") == (UNDETERMINED, None)
    assert detect_language("") == (UNDETERMINED, None)
    assert detect_language("12345 67890 !!! ???") == (UNDETERMINED, None)


def test_is_deterministic() -> None:
    text = "Hotel Europa am Bahnhof bleibt geschlossen, teilte die Stadt mit."
    assert len({detect_language(text) for _ in range(20)}) == 1


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_never_raises(text: str) -> None:
    lang, prob = detect_language(text)
    assert lang == UNDETERMINED or len(lang) == 2
    assert prob is None or 0.0 <= prob <= 1.0
