"""Which spaCy pipeline serves which language, loaded lazily and at most once per process.

A configured pipeline that cannot be loaded (path missing, package not installed) is not an
error: the language falls back to a blank pipeline with sentence boundaries, a warning is
logged once, and the pipeline name records what really ran (`blank:de`). A language whose
blank pipeline cannot be built either (spaCy's Japanese, Korean, Thai and Vietnamese
tokenizers need packages we do not install: SudachiPy, mecab-ko, PyThaiNLP, pyvi) or that
spaCy has no class for gets the multilingual one (`blank:xx`). The registry never fails a
batch. Nothing is ever downloaded.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Mapping
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.util import get_lang_class

logger = logging.getLogger(__name__)

# Factories whose output the records use (or that those depend on: tok2vec feeds ner,
# attribute_ruler maps tags to POS for keywords). Everything else is disabled.
_USED_FACTORIES = frozenset(
    {
        "tok2vec",
        "transformer",
        "ner",
        "beam_ner",
        "entity_ruler",
        "span_ruler",
        "senter",
        "sentencizer",
        "lemmatizer",
        "trainable_lemmatizer",
        "tagger",
        "morphologizer",
        "attribute_ruler",
    }
)
_SENTENCE_FACTORIES = frozenset({"senter", "sentencizer", "parser", "beam_parser"})
# Only German records read POS and lemmas (norms, the word list of the name rules). Elsewhere
# they feed nothing but keyword candidates, at half the throughput of the official English and
# French pipelines (bench/official_pipelines.py): those keep NER and a sentencizer, and a
# tok2vec only while a kept component listens to it (their NER has its own).
_TAGGING_FACTORIES = frozenset(
    {"tagger", "morphologizer", "attribute_ruler", "trainable_lemmatizer", "senter"}
)
_READS_TAGS = frozenset({"de"})

# Keyed by the configured spec (path or package name): one load per process, even when
# several registries are built (tests, a pool worker's initializer).
_CACHE: dict[str, tuple[Language, str, str]] = {}
_WARNED: set[str] = set()
_LOCK = threading.RLock()


def base_language(lang: str | None) -> str:
    """'de-AT' → 'de'; empty, 'und' or unknown stays as given (lower-cased)."""
    if not lang:
        return "und"
    return lang.replace("_", "-").split("-")[0].strip().lower() or "und"


class PipelineRegistry:
    """Language → (nlp, pipeline name, pipeline version)."""

    def __init__(self, pipelines: Mapping[str, str] | None = None) -> None:
        # `blank` (settings.BLANK_PIPELINE) switches a default language off: not configured.
        self.pipelines: dict[str, str] = {
            base_language(k): v for k, v in (pipelines or {}).items() if v != "blank"
        }
        self._by_lang: dict[str, tuple[Language, str, str]] = {}

    @classmethod
    def from_settings(cls, settings: object) -> PipelineRegistry:
        return cls(getattr(settings, "pipelines", {}))

    def key(self, lang: str | None) -> str:
        """The cache key a language resolves to (texts with equal keys share a pipeline)."""
        base = base_language(lang)
        if base in self.pipelines:
            return base
        return base if _spacy_knows(base) else "xx"

    def get(self, lang: str | None) -> tuple[Language, str, str]:
        key = self.key(lang)
        with _LOCK:
            found = self._by_lang.get(key)
            if found is None:
                spec = self.pipelines.get(key)
                found = _load(spec, key) if spec else _blank(key)
                self._by_lang[key] = found
            return found


def _spacy_knows(lang: str) -> bool:
    if lang in ("und", "xx", "mul"):
        return False
    try:
        get_lang_class(lang)
    except Exception:  # spaCy raises ImportError/KeyError variants for unknown codes
        return False
    return True


def _load(spec: str, lang: str) -> tuple[Language, str, str]:
    with _LOCK:
        if spec in _CACHE:
            return _CACHE[spec]
        looks_like_path = "/" in spec or spec.startswith(".") or Path(spec).exists()
        if looks_like_path and not Path(spec).exists():
            _warn_once(spec, f"spaCy pipeline for {lang!r} not found at {spec}; using blank:{lang}")
            return _blank(lang)
        try:
            nlp = spacy.load(spec)
        except Exception as exc:  # not installed, incompatible: degrade, never crash the night
            _warn_once(
                spec,
                f"cannot load spaCy pipeline {spec!r} for {lang!r} ({exc}); using blank:{lang}",
            )
            return _blank(lang)
        _trim(nlp, lang)
        meta_lang, meta_name = nlp.meta.get("lang", lang), nlp.meta.get("name", "pipeline")
        # Package names are '<lang>_<name>'; some metas already carry the prefix.
        name = meta_name if meta_name.startswith(f"{meta_lang}_") else f"{meta_lang}_{meta_name}"
        found = (nlp, name, str(nlp.meta.get("version", "0.0.0")))
        logger.info(
            "loaded spaCy pipeline %s %s for %r with %s", name, found[2], lang, nlp.pipe_names
        )
        _CACHE[spec] = found
        return found


def _trim(nlp: Language, lang: str = "de") -> None:
    """Disable components we never read and make sure something sets sentence boundaries."""
    factories = {name: nlp.get_pipe_meta(name).factory for name in nlp.component_names}
    if lang not in _READS_TAGS:
        factories = _without_tagging(nlp, factories)
    has_senter = any(f in ("senter", "sentencizer") for f in factories.values())
    for name, factory in factories.items():
        if factory in _USED_FACTORIES:
            if name in nlp.disabled and (factory == "senter" or factory not in _SENTENCE_FACTORIES):
                nlp.enable_pipe(name)
            continue
        # A parser is the only sentence splitter of some pipelines: keep it then.
        if factory in ("parser", "beam_parser") and not has_senter:
            continue
        if name not in nlp.disabled:
            nlp.disable_pipe(name)
    if not any(factories[n] in _SENTENCE_FACTORIES for n in nlp.pipe_names):
        nlp.add_pipe("sentencizer", first=True)


def _without_tagging(nlp: Language, factories: dict[str, str]) -> dict[str, str]:
    """Disable the tagging components (and a rule lemmatizer, which needs their POS), the
    parser, and a tok2vec nothing kept listens to; the other components' factories."""
    drop = {n for n, f in factories.items() if f in _TAGGING_FACTORIES or f in _PARSERS}
    drop |= {
        n
        for n, f in factories.items()
        if f == "lemmatizer" and getattr(nlp.get_pipe(n), "mode", "lookup") != "lookup"
    }
    kept = [n for n in factories if n not in drop and factories[n] not in _EMBEDDERS]
    listened = any("Listener" in str(nlp.get_pipe_config(n).get("model", "")) for n in kept)
    if not listened:
        drop |= {n for n, f in factories.items() if f in _EMBEDDERS}
    for name in drop:
        if name not in nlp.disabled:
            nlp.disable_pipe(name)
    return {n: f for n, f in factories.items() if n not in drop}


_PARSERS = frozenset({"parser", "beam_parser"})
_EMBEDDERS = frozenset({"tok2vec", "transformer"})


def _blank(lang: str) -> tuple[Language, str, str]:
    code = lang if _spacy_knows(lang) else "xx"
    key = f"blank:{code}"
    with _LOCK:
        if key in _CACHE:
            return _CACHE[key]
        try:
            nlp = spacy.blank(code)
        except Exception as exc:  # a tokenizer needing a package we lack: ImportError mostly
            if code == "xx":
                raise
            # Expected every night a story in such a language arrives: information, not a
            # warning. Logged once per process (the result is cached under the key).
            logger.info(
                "no blank spaCy pipeline for %r (%s: %s); using blank:xx",
                code,
                type(exc).__name__,
                _first_line(exc),
            )
            found = _blank("xx")
            _CACHE[key] = found
            return found
        nlp.add_pipe("sentencizer")
        _add_lookup_lemmatizer(nlp)
        found = (nlp, key, spacy.__version__)
        _CACHE[key] = found
        return found


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0][:100] if text else ""


def _add_lookup_lemmatizer(nlp: Language) -> None:
    """Lookup lemmas when spacy-lookups-data has a table for the language (they help norms
    and keywords); languages without a table simply go without."""
    try:
        nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
        nlp.initialize()
    except Exception:
        if "lemmatizer" in nlp.pipe_names:
            nlp.remove_pipe("lemmatizer")


def _warn_once(spec: str, message: str) -> None:
    if spec not in _WARNED:
        _WARNED.add(spec)
        logger.warning(message)


def clear_cache() -> None:
    """Forget loaded pipelines (tests only; a process normally keeps them for its lifetime)."""
    with _LOCK:
        _CACHE.clear()
        _WARNED.clear()
