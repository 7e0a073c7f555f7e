"""Europarl test sets: out-of-domain figures for German and the English pipeline.

    python -m training.evaluate MODEL --europarl     (part of `make model-eval`)

Parliament proceedings, not news, annotated after the CoNLL 2002/2003 guidelines (whose MISC
includes nationality adjectives, so only PER/LOC/ORG are compared, micro-averaged):

- ``europarl_ner_de`` test (Faruqui & Padó 2010; 858 sentences): its *train* split is a
  training source of ``training/convert.py`` (``--sources ...,europarl``), its test split is
  never trained on;
- ``europarl_ner_ixa`` de and en (Agerri et al. 2018; the same 799 sentences in each language):
  evaluation only, never trained on. English runs through the pipeline the registry loads for
  ``en`` by default (``wirehouse.settings``: the official en_core_web_sm weights, trimmed to
  NER + sentencizer), so the figure is what the warehouse gets for English copy.

Every set is scored through the enrichment (raw text, entity rules, character spans; as
`evaluate.evaluate_enrichment`); the German sets also with the model alone on gold tokens.
"""

from __future__ import annotations

from typing import Any

from spacy.language import Language

from training import corpora, evaluate


def default_pipeline(lang: str) -> str:
    """The pipeline spec the warehouse uses for ``lang`` when nothing is configured."""
    from wirehouse.settings import _default_pipelines

    return _default_pipelines()[lang]


def europarl_scores(de_model: str, nlp: Language | None = None) -> dict[str, Any]:
    """PER/LOC/ORG scores on the Europarl test sets (see the module docstring)."""
    result: dict[str, Any] = {}
    sets = {
        "europarl_de_test": ("de", corpora.europarl(split="test")),
        "europarl_ixa_de": ("de", corpora.europarl_ixa("de")),
        "europarl_ixa_en": ("en", corpora.europarl_ixa("en")),
    }
    for name, (lang, units) in sets.items():
        spec = de_model if lang == "de" else default_pipeline(lang)
        scores = evaluate.evaluate_enrichment({lang: spec}, units=units, lang=lang)
        entry: dict[str, Any] = {"pipeline": spec if lang == "en" else "de model"}
        entry["enrichment"] = scores
        if lang == "de" and nlp is not None:
            entry["model"] = evaluate.evaluate_units(nlp, units)
        result[name] = entry
    return result


def format_europarl(result: dict[str, Any]) -> str:
    """One line per set: F (P/R) of PER/LOC/ORG through the enrichment, and the model alone."""
    lines = ["| test set | pipeline | enrichment P / R / F | model alone F |", "|---|---|---|---|"]
    for name, entry in result.items():
        s = entry["enrichment"]["PER/LOC/ORG"]
        model = entry.get("model", {}).get("PER/LOC/ORG", {}).get("f")
        lines.append(
            f"| {name} | {entry['pipeline']} | {s['p']:.3f} / {s['r']:.3f} / **{s['f']:.3f}** "
            f"| {'' if model is None else f'{model:.3f}'} |"
        )
    return "\n".join(lines)
