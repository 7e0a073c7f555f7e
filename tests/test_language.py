from concurrent.futures import ThreadPoolExecutor

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wirehouse import language
from wirehouse.language import FULL_TRIALS, SHORT_SAMPLE_CHARS, UNDETERMINED, detect_language


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


def test_short_samples_always_get_all_trials() -> None:
    # Fewer trials only where the sample is long enough for one draw of n-grams to decide.
    short = "Het kabinet wil de regels voor huurwoningen aanscherpen."
    assert len(short) < SHORT_SAMPLE_CHARS
    assert detect_language(short, trials=1) == detect_language(short, trials=FULL_TRIALS)


def test_fewer_trials_same_label_on_full_samples() -> None:
    lead = {
        "de": "Die Bundesregierung will die Regeln für Mietwohnungen verschärfen. Nach dem "
        "Entwurf des Justizministeriums sollen Mieterhöhungen in angespannten Märkten auf "
        "zehn Prozent in drei Jahren begrenzt werden, teilte ein Sprecher am Dienstag mit.",
        "nl": "Het kabinet wil de regels voor huurwoningen aanscherpen. Volgens het ontwerp "
        "van het ministerie mogen huurverhogingen in krappe markten niet meer dan tien "
        "procent in drie jaar bedragen, zei een woordvoerder dinsdag in Den Haag.",
        "pt": "O governo quer endurecer as regras para os arrendamentos. Segundo o projeto do "
        "ministério, os aumentos das rendas nos mercados mais pressionados ficarão limitados "
        "a dez por cento em três anos, disse um porta-voz na terça-feira em Lisboa.",
    }
    for lang, text in lead.items():
        assert len(text[:300]) >= SHORT_SAMPLE_CHARS
        assert detect_language(text, trials=1)[0] == lang
        assert detect_language(text, trials=FULL_TRIALS)[0] == lang


def test_threads_share_one_detector_factory(monkeypatch: pytest.MonkeyPatch) -> None:
    # Batches in flight detect in parallel threads; the 55 profiles load once, not per thread.
    monkeypatch.setattr(language, "_FACTORY", [])
    with ThreadPoolExecutor(max_workers=6) as pool:
        factories = list(pool.map(lambda _: language._factory(), range(12)))
    assert len({id(f) for f in factories}) == 1


def test_short_traditional_chinese_is_never_korean() -> None:
    """langdetect alone labels this `ko` (bench/script_check.py); Han without Hangul is not."""
    text = "台灣央行宣布維持利率不變，市場反應平淡\n\n香港立法會通過新預算案，增加醫療開支。"
    assert detect_language(text, script_check=False)[0] == "ko"
    assert detect_language(text)[0] == "zh"


def test_by_script() -> None:
    assert language.by_script("ko", "台灣央行宣布維持利率不變") == "zh"
    assert language.by_script("ko", "日銀が金融政策決定会合で") == "ja"
    assert language.by_script("ko", "한국은행 기준금리 동결") == "ko"
    assert language.by_script("zh", "한국은행 기준금리 동결 決定") == "ko"
    assert language.by_script("zh", "台灣央行宣布維持利率不變") == "zh"
    assert language.by_script("de", "台灣") == "de"


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet=st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF), min_size=20))
def test_han_without_hangul_is_never_korean(text: str) -> None:
    assert detect_language(text)[0] != "ko"


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet=st.characters(min_codepoint=0xAC00, max_codepoint=0xD7A3), min_size=20))
def test_hangul_is_never_chinese(text: str) -> None:
    assert detect_language(text)[0] != "zh"
