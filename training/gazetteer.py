"""Experiment: LER gazetteers as an ``entity_ruler`` after the NER (adds names the model missed).

    python -m training.gazetteer MODEL

Prints GermEval-dev scores for the model alone and with country / city rulers. Measured, not
shipped: see training/RESULTS.md.
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.lookups import load_lookups

from training import corpora, evaluate


def read_list(name: str, root: Path | None = None) -> list[str]:
    path = (root or corpora.corpora_dir()) / "ler" / name
    return sorted({line.strip() for line in path.open(encoding="utf-8") if line.strip()})


def city_names(root: Path | None = None) -> list[str]:
    """OSM city names minus variants ("Düren-Lendersdorf", "Friedberg (Hessen)") and entries
    that are also ordinary German words in spaCy's lemma table ("Essen", "Wald")."""
    common = load_lookups("de", ["lemma_lookup"]).get_table("lemma_lookup")
    return [
        c
        for c in read_list("gazetteers_stadtnamen.list", root)
        if re.fullmatch(r"[A-ZÄÖÜ][a-zäöüß]+(?: [A-ZÄÖÜ][a-zäöüß]+)?", c)
        and c not in common
        and c.lower() not in common
    ]


def add_ruler(nlp: Language, names: dict[str, list[str]]) -> None:
    ruler = nlp.add_pipe("entity_ruler", after="ner", config={"overwrite_ents": False})
    patterns = [{"label": label, "pattern": n} for label, ns in names.items() for n in ns]
    ruler.add_patterns(patterns)  # type: ignore[attr-defined]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("model", type=Path)
    args = ap.parse_args()
    units = corpora.germeval_dev()
    variants = {
        "model only": {},
        "+ countries": {"LOC": read_list("gazetteers_laendernamen.list")},
        "+ countries + cities": {"LOC": read_list("gazetteers_laendernamen.list") + city_names()},
    }
    for name, names in variants.items():
        nlp = spacy.load(args.model, exclude=["lemmatizer"])
        if names:
            add_ruler(nlp, names)
        docs = [spacy.tokens.Doc(nlp.vocab, words=u.words) for u in units]
        preds = list(nlp.pipe(docs))
        gold = [set(u.ents) for u in units]
        pred = [{(e.start, e.end, e.label_) for e in d.ents} for d in preds]
        scores = evaluate.score_spans(gold, pred)
        print(f"## {name}\n{evaluate.format_table(scores)}\n")


if __name__ == "__main__":
    main()
