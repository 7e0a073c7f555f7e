"""Pipeline registry: lazy, cached, and never failing for a language."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from wirehouse.nlp import registry as reg
from wirehouse.nlp.registry import PipelineRegistry, base_language


def test_missing_path_falls_back_with_one_warning(caplog: pytest.LogCaptureFixture) -> None:
    reg.clear_cache()
    caplog.set_level(logging.WARNING, logger="wirehouse.nlp.registry")
    missing = "/nonexistent/models/de_wirehouse_news"
    r1 = PipelineRegistry({"de": missing})
    nlp, name, version = r1.get("de")
    assert name == "blank:de" and version
    assert "sentencizer" in nlp.pipe_names
    assert r1.get("de-AT")[0] is nlp  # cached, region subtags share the pipeline
    PipelineRegistry({"de": missing}).get("de")  # another registry: no second warning
    warnings = [r for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 1 and missing in warnings[0].getMessage()


def test_missing_package_falls_back() -> None:
    _, name, _ = PipelineRegistry({"fr": "fr_not_installed_pipeline"}).get("fr")
    assert name == "blank:fr"


def test_language_without_pipeline_is_blank_with_sentences() -> None:
    nlp, name, _ = PipelineRegistry({}).get("en")
    assert name == "blank:en"
    doc = nlp("One sentence. Another one.")
    assert len(list(doc.sents)) == 2 and not doc.ents


@pytest.mark.parametrize("lang", ["und", "", "tlh", "zz-Latn"])
def test_undetermined_and_unknown_languages_get_multilingual_blank(lang: str) -> None:
    nlp, name, _ = PipelineRegistry({}).get(lang)
    assert name == "blank:xx" and "sentencizer" in nlp.pipe_names


def test_base_language() -> None:
    assert base_language("de_CH") == "de"
    assert base_language(None) == "und"
    assert base_language("EN-gb") == "en"


def test_real_pipeline_loads_once_with_used_components_only() -> None:
    from tests.nlp.conftest import MODEL_DIR

    if not (MODEL_DIR / "meta.json").exists():
        pytest.skip(f"trained pipeline not present at {MODEL_DIR}")
    nlp, name, version = PipelineRegistry({"de": str(MODEL_DIR)}).get("de")
    assert name == "de_wirehouse_news" and version
    assert {"ner", "lemmatizer"} <= set(nlp.pipe_names)
    assert any(p in nlp.pipe_names for p in ("sentencizer", "senter"))
    assert PipelineRegistry({"de": str(MODEL_DIR)}).get("de")[0] is nlp


def _langdetect_codes() -> list[str]:
    from langdetect import detector_factory

    return sorted(p.name for p in Path(detector_factory.PROFILES_DIRECTORY).iterdir())


def test_langdetect_knows_55_languages() -> None:
    assert len(_langdetect_codes()) == 55


@pytest.mark.parametrize(
    "lang", [*_langdetect_codes(), "und", "", "xx", "zz", "klingon", "123", "de-XX-ü", "ko_KR"]
)
def test_every_language_langdetect_can_return_gets_a_pipeline(lang: str) -> None:
    """ja, ko, th and vi need tokenizer packages we do not install: they fall back to the
    multilingual blank pipeline instead of failing the batch with an ImportError."""
    nlp, name, version = PipelineRegistry({}).get(lang)
    assert name.startswith("blank:") and version
    assert any(f in nlp.pipe_names for f in ("sentencizer", "senter"))
    doc = nlp("Erster Satz hier. 第二句。 Третье предложение!")
    assert len(list(doc.sents)) >= 2


@pytest.mark.parametrize("lang", ["ja", "ko", "th", "vi"])
def test_languages_whose_tokenizer_needs_packages_fall_back_to_xx(lang: str) -> None:
    assert PipelineRegistry({}).get(lang)[1] == "blank:xx"


def test_pipelines_setting_overrides_per_language_and_keeps_the_other_defaults(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from wirehouse.settings import Settings, check_runnable

    defaults = Settings().pipelines
    assert set(defaults) == {"de", "en", "fr"}
    # A regional code replaces its language's default rather than sitting beside it.
    assert Settings(pipelines={"de-AT": "/opt/at"}).pipelines == {
        "en": defaults["en"],
        "fr": defaults["fr"],
        "de-AT": "/opt/at",
    }
    monkeypatch.setenv("WIREHOUSE_PIPELINES", '{"es": "es_core_news_sm", "fr": "blank"}')
    merged = Settings().pipelines
    assert merged == {
        "de": defaults["de"],
        "en": defaults["en"],
        "fr": "blank",
        "es": "es_core_news_sm",
    }
    # A copy with CLI overrides merges again and changes nothing.
    assert Settings().with_overrides(batch_size=5).pipelines == merged
    # One variable per language, the same merge.
    monkeypatch.delenv("WIREHOUSE_PIPELINES")
    monkeypatch.setenv("WIREHOUSE_PIPELINES__en", "blank")
    assert Settings().pipelines == {**defaults, "en": "blank"}
    monkeypatch.delenv("WIREHOUSE_PIPELINES__en")
    # `blank` needs no package: the settings check passes it.
    check_runnable(Settings(pipelines={"de": "blank", "en": "blank", "fr": "blank"}))


def test_blank_switches_a_default_language_off() -> None:
    registry = PipelineRegistry({"en": "blank", "fr": "fr_not_installed_pipeline"})
    assert registry.get("en")[1] == "blank:en"
    assert registry.key("en") == "en"
