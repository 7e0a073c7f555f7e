"""Exact-span NER evaluation on GermEval 2014 dev (never trained on), plus a speed benchmark.

    python -m training.evaluate models/de_wirehouse_news [--json out.json] [--speed]

The model is run on GermEval's own tokens (the usual protocol for this data set); scores are
per label and micro-averaged over PER/LOC/ORG (the figure the quality floor test checks).
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from training import corpora


def prf(tp: int, n_pred: int, n_gold: int) -> dict[str, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": round(p, 4), "r": round(r, 4), "f": round(f, 4), "support": n_gold}


def score_spans(
    gold: Sequence[set[tuple[int, int, str]]],
    pred: Sequence[set[tuple[int, int, str]]],
    labels: Iterable[str] = corpora.LABELS,
    overall: Iterable[str] = corpora.EVAL_LABELS,
) -> dict[str, dict[str, float]]:
    """Exact-match P/R/F per label and micro-averaged over ``overall``."""
    labels, overall = tuple(labels), tuple(overall)
    result: dict[str, dict[str, float]] = {}
    for name, keep in [*((lab, (lab,)) for lab in labels), ("PER/LOC/ORG", overall)]:
        g = [{s for s in doc if s[2] in keep} for doc in gold]
        p = [{s for s in doc if s[2] in keep} for doc in pred]
        tp = sum(len(a & b) for a, b in zip(g, p, strict=True))
        result[name] = prf(tp, sum(map(len, p)), sum(map(len, g)))
    return result


def evaluate_units(nlp: Language, units: Sequence[corpora.Annotated]) -> dict[str, Any]:
    """Run ``nlp`` on the units' gold tokens and score its entities."""
    docs = [Doc(nlp.vocab, words=u.words, spaces=u.spaces) for u in units]
    disabled = [n for n in nlp.pipe_names if n not in ("tok2vec", "ner")]
    with nlp.select_pipes(disable=disabled):
        preds = list(nlp.pipe(docs, batch_size=256))
    gold = [set(u.ents) for u in units]
    pred = [{(e.start, e.end, e.label_) for e in d.ents} for d in preds]
    return score_spans(gold, pred)


def evaluate_germeval_dev(nlp: Language, root: Path | None = None) -> dict[str, Any]:
    return evaluate_units(nlp, corpora.germeval_dev(root))


def evaluate_enrichment(
    pipelines: dict[str, str],
    root: Path | None = None,
    units: Sequence[corpora.Annotated] | None = None,
    lang: str = "de",
) -> dict[str, dict[str, float]]:
    """What the warehouse gets: GermEval dev sentences (or ``units``) as German article bodies
    through the enrichment the flow runs (`enrich_texts`: the registry's pipeline on raw
    text, then the entity rules: trimming, name extension, rule mentions, consistency, label
    vote), scored on exact character spans of the `entities` rows."""
    from wirehouse.nlp.enrich import ArticleText, enrich_texts
    from wirehouse.nlp.registry import PipelineRegistry

    if units is None:
        units = corpora.germeval_dev(root)
    texts, gold = [], []
    for i, u in enumerate(units):
        starts = [0]
        for w in u.words[:-1]:
            starts.append(starts[-1] + len(w) + 1)
        texts.append(ArticleText(f"g{i}", lang, None, " ".join(u.words), []))
        gold.append({(starts[s], starts[e - 1] + len(u.words[e - 1]), lab) for s, e, lab in u.ents})
    rows = enrich_texts(texts, PipelineRegistry(pipelines)).entities
    pred: list[set[tuple[int, int, str]]] = [set() for _ in units]
    for row in rows:
        if row["part"] == "body":
            pred[int(row["article_id"][1:])].add((row["start_char"], row["end_char"], row["label"]))
    return score_spans(gold, pred)


def sentence_scores(nlp: Language, root: Path | None = None) -> dict[str, float]:
    """Sentence-boundary P/R/F on UD German GSD test, running the pipeline on raw text."""
    from spacy.scorer import Scorer
    from spacy.training import Example

    base = (root or corpora.corpora_dir()) / "ud_german_gsd" / "de_gsd-ud-test.conllu"
    gold = [
        Doc(nlp.vocab, words=w, spaces=s, sent_starts=st)
        for w, s, st in corpora.read_conllu_docs(base)
    ]
    examples = [
        Example(pred, g) for pred, g in zip(nlp.pipe(g.text for g in gold), gold, strict=True)
    ]
    scores = Scorer.score_spans(examples, "sents")
    return {k: round(float(v), 4) for k, v in scores.items() if isinstance(v, float)}


def speed(nlp: Language, root: Path | None = None, sents_per_doc: int = 20) -> dict[str, float]:
    """Words/s of the full pipeline on raw text: GermEval dev sentences joined into docs."""
    units = corpora.germeval_dev(root)
    texts = [
        " ".join(" ".join(u.words) for u in units[i : i + sents_per_doc])
        for i in range(0, len(units), sents_per_doc)
    ]
    nlp = spacy.load(nlp.path) if getattr(nlp, "path", None) else nlp  # fresh vocab
    start = time.process_time()
    wall = time.perf_counter()
    n_words = sum(len(doc) for doc in nlp.pipe(texts, batch_size=64))
    cpu = time.process_time() - start
    return {
        "words": n_words,
        "cpu_seconds": round(cpu, 2),
        "words_per_cpu_second": round(n_words / cpu),
        "wall_words_per_second": round(n_words / (time.perf_counter() - wall)),
    }


def format_table(scores: dict[str, dict[str, float]]) -> str:
    lines = ["| label | P | R | F | gold |", "|---|---|---|---|---|"]
    for name, s in scores.items():
        lines.append(f"| {name} | {s['p']:.3f} | {s['r']:.3f} | {s['f']:.3f} | {s['support']} |")
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("model", type=Path)
    ap.add_argument("--json", type=Path)
    ap.add_argument("--speed", action="store_true")
    ap.add_argument(
        "--enrichment",
        action="store_true",
        help="also score the full enrichment (raw text, entity rules) with this model for de",
    )
    ap.add_argument(
        "--holdout",
        action="store_true",
        help="with --enrichment, also score it on the held-out 10 %% of GermEval test",
    )
    ap.add_argument(
        "--europarl",
        action="store_true",
        help="also score the Europarl test sets (de: this model; en: the default pipeline)",
    )
    args = ap.parse_args()
    nlp = spacy.load(args.model)
    result: dict[str, Any] = {"germeval_dev": evaluate_germeval_dev(nlp)}
    print(format_table(result["germeval_dev"]))
    if args.enrichment:
        result["germeval_dev_enrichment"] = evaluate_enrichment({"de": str(args.model)})
        print("enrichment (raw text, entity rules, character spans):")
        print(format_table(result["germeval_dev_enrichment"]))
        if args.holdout:
            result["germeval_holdout_enrichment"] = evaluate_enrichment(
                {"de": str(args.model)}, units=corpora.germeval_holdout()
            )
            print("enrichment on the held-out 10 % of GermEval test:")
            print(format_table(result["germeval_holdout_enrichment"]))
    if args.europarl:
        from training.europarl_eval import europarl_scores, format_europarl

        result["europarl"] = europarl_scores(str(args.model), nlp)
        print("Europarl test sets (PER/LOC/ORG):")
        print(format_europarl(result["europarl"]))
    result["ud_gsd_test_sentences"] = sentence_scores(nlp)
    print("sentences (UD GSD test):", result["ud_gsd_test_sentences"])
    if args.speed:
        result["speed"] = speed(nlp)
        print(result["speed"])
    if args.json:
        args.json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
