"""What the Doc → records step costs next to bare `nlp.pipe`, on the same texts, in one process.

    python -m bench.records_cost [--pipeline PATH_OR_NAME] [--stories N] CORPUS.tsv

A quick look at the record builders (`wirehouse.nlp.records`) while changing them, without the
flow around them: `make bench` measures the whole night.

CORPUS is a GermEval-style TSV (token per line, blank line between sentences); sentences are
grouped into stories of about 14 sentences so the tokenizer meets varied, unseen words.
Without --pipeline the stand-in is blank German + sentencizer + an untrained tok2vec/NER +
lookup lemmatizer, which costs about what the trained pipeline costs.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import spacy
from spacy.language import Language

from wirehouse.model import count_words
from wirehouse.nlp.enrich import ArticleText, enrich_texts, pipeline_lexicon
from wirehouse.nlp.records import article_records
from wirehouse.nlp.registry import PipelineRegistry


def read_tsv(path: Path) -> tuple[list[str], set[tuple[str, str]]]:
    """Sentences and the gold (name, label) pairs of a GermEval-style TSV."""
    sentences: list[str] = []
    names: set[tuple[str, str]] = set()
    words: list[str] = []
    current: list[str] = []
    label = ""
    for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        if line.startswith("#"):
            continue
        cols = line.split("\t")
        if len(cols) >= 3 and cols[0].isdigit():
            words.append(cols[1])
            tag = cols[2]
            if tag.startswith("I-") and current:
                current.append(cols[1])
                continue
            if current and label in _GERMEVAL_LABELS:
                names.add((" ".join(current), _GERMEVAL_LABELS[label]))
            current, label = ([cols[1]], tag[2:]) if tag.startswith("B-") else ([], "")
        elif words:
            if current and label in _GERMEVAL_LABELS:
                names.add((" ".join(current), _GERMEVAL_LABELS[label]))
            current, label = [], ""
            sentences.append(" ".join(words))
            words = []
    return sentences, names


_GERMEVAL_LABELS = {"PER": "PER", "LOC": "LOC", "ORG": "ORG", "OTH": "MISC"}


def stories_from_tsv(path: Path, n_stories: int, per_story: int = 14) -> list[ArticleText]:
    sentences, _ = read_tsv(path)
    texts: list[ArticleText] = []
    for i in range(n_stories):
        chunk = sentences[i * per_story : (i + 1) * per_story]
        if len(chunk) < 2:
            break
        texts.append(ArticleText(f"b{i}", "de", chunk[0], " ".join(chunk[1:]), ["Berlin"]))
    return texts


def stand_in_pipeline(names: set[tuple[str, str]] = frozenset()) -> Language:  # type: ignore[assignment]
    """Untrained tok2vec+NER for the cost, then the corpus's gold names (entity_ruler) so the
    post-processing sees a realistic entity density."""
    nlp = spacy.blank("de")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("tok2vec")
    ner: Any = nlp.add_pipe("ner")
    for label in ("PER", "LOC", "ORG", "MISC"):
        ner.add_label(label)
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    nlp.initialize()
    if names:
        ruler: Any = nlp.add_pipe("entity_ruler", after="ner", config={"overwrite_ents": True})
        ruler.add_patterns([{"label": lab, "pattern": name} for name, lab in sorted(names)])
    return nlp


def measure(
    texts: Sequence[ArticleText], nlp: Language, *, batch_size: int = 64, repeats: int = 3
) -> dict[str, float]:
    """Best-of-`repeats` CPU seconds of this process (other tenants of the machine do not
    count) for bare nlp.pipe, for the records built from those Docs, and for enrich_texts."""
    registry = PipelineRegistry({})
    registry._by_lang["de"] = (nlp, "bench", "0")  # a pipeline built here, not loaded by name
    strings = [s for t in texts for s in ((t.headline,) if t.headline else ()) + (t.body,)]
    n_words = sum(count_words(s) for s in strings)
    lexicon = pipeline_lexicon(nlp)
    bare, post, full = float("inf"), float("inf"), float("inf")
    for _ in range(repeats):
        t0 = time.process_time()
        docs = list(nlp.pipe(strings, batch_size=batch_size))
        bare = min(bare, time.process_time() - t0)
        it = iter(docs)
        t0 = time.process_time()
        for t in texts:
            head = next(it) if t.headline else None
            article_records(
                t.article_id, t.lang, head, next(it), t.dateline_places, lexicon=lexicon
            )
        post = min(post, time.process_time() - t0)
        del docs, it
        t0 = time.process_time()
        out = enrich_texts(texts, registry, batch_size=batch_size)
        full = min(full, time.process_time() - t0)
    return {
        "words": n_words,
        "bare_cpu_s": bare,
        "records_cpu_s": post,
        "enrich_cpu_s": full,
        "bare_words_per_s": n_words / bare,
        "enrich_words_per_s": n_words / full,
        "enrich_vs_bare": bare / full,
        "post_share": post / (bare + post),
        "entities": len(out.entities),
        "quotes": len(out.quotes),
        "keywords": len(out.keywords),
    }


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--pipeline", default=None)
    parser.add_argument("--stories", type=int, default=300)
    args = parser.parse_args(argv)
    nlp = (
        spacy.load(args.pipeline) if args.pipeline else stand_in_pipeline(read_tsv(args.corpus)[1])
    )
    texts = stories_from_tsv(args.corpus, args.stories)
    result = measure(texts, nlp)
    for key, value in result.items():
        print(f"{key:>20}: {value:,.3f}" if isinstance(value, float) else f"{key:>20}: {value}")


if __name__ == "__main__":
    main()
