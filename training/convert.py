"""Convert the corpora to spaCy DocBin files.

    python -m training.convert --out models/training/corpus [--sources germeval,smartdata,ler]

Writes ``train/ner.spacy`` (NER training units), ``dev.spacy`` (held-out 10 % of GermEval
*test*, used for early stopping) and, for the senter experiment, ``senter/train.spacy`` /
``senter/dev.spacy`` (UD GSD dev / test; copy ``senter/train.spacy`` into ``train/`` to train a
senter that shares the tok2vec). GermEval *dev* is the evaluation set and is never written here.
"""

from __future__ import annotations

import argparse
import json
import random
from collections import Counter
from pathlib import Path

import spacy
from spacy.tokens import Doc, DocBin

from training import corpora
from training.corpora import Annotated

SEED = 13
ALL_SOURCES = ("germeval", "smartdata", "ler", "europeana", "europarl")


# NORM is left out: a stored norm would override the pipeline's own (the Brown-cluster norms
# of training/clusters.py), so training would see other norms than the pipeline at run time.
_STORED_ATTRS = (
    "ORTH", "TAG", "HEAD", "DEP", "ENT_IOB", "ENT_TYPE", "ENT_KB_ID", "ENT_ID", "LEMMA",
    "MORPH", "POS", "SENT_START",
)  # fmt: skip


def _docbin(docs: list[Doc]) -> DocBin:
    db = DocBin(attrs=_STORED_ATTRS, store_user_data=False)
    for doc in docs:
        db.add(doc)
    return db


def replace_mentions(
    units: list[Annotated], pool: list[Annotated], copies: int, rng: random.Random
) -> list[Annotated]:
    """Mention replacement: copies of ``units`` whose names are swapped for other names of the
    same label drawn from ``pool`` ("Merkel sagte in Paris" → "Kowalski sagte in Lissabon").

    The corpora are small, so the model sees each name in few contexts and learns names more
    than contexts; recall on unseen names is its weakest point. Units with unknown ranges are
    left out (their offsets would have to move too).
    """
    mentions: dict[str, list[tuple[str, ...]]] = {}
    for u in pool:
        for s, e, label in u.ents:
            mentions.setdefault(label, []).append(tuple(u.words[s:e]))
    for label in mentions:
        mentions[label] = sorted(set(mentions[label]))
    out: list[Annotated] = []
    for _ in range(copies):
        for u in units:
            if not u.ents or u.missing:
                continue
            words: list[str] = []
            ents: list[tuple[int, int, str]] = []
            pos = 0
            for s, e, label in sorted(u.ents):
                words += u.words[pos:s]
                new = list(rng.choice(mentions[label])) if label in mentions else u.words[s:e]
                ents.append((len(words), len(words) + len(new), label))
                words += new
                pos = e
            words += u.words[pos:]
            out.append(Annotated(words, ents, source=f"{u.source}+mr"))
    return out


def build(
    out: Path,
    sources: tuple[str, ...] = ("germeval", "smartdata", "ler"),
    ler_negatives: float = 0.1,
    dev_fraction: float = 0.1,
    root: Path | None = None,
    germeval_copies: int = 1,
    mention_copies: int = 0,
    train_on_holdout: bool = False,
) -> dict[str, int]:
    nlp = spacy.blank("de")
    rng = random.Random(SEED)
    germeval = corpora.germeval_test(root)
    rng.shuffle(germeval)
    n_dev = int(len(germeval) * dev_fraction)
    dev = germeval[:n_dev]
    # The final model is trained on the early-stopping split too, for a number of steps fixed
    # beforehand: then dev.spacy only monitors training, it no longer selects a checkpoint.
    germeval_train = germeval if train_on_holdout else germeval[n_dev:]
    # GermEval is the closest to the target annotation style: optionally repeat it.
    train = germeval_train * germeval_copies if "germeval" in sources else []
    news = list(germeval_train) if "germeval" in sources else []
    if "smartdata" in sources:
        smartdata = corpora.smartdata(nlp.vocab, root)
        train += smartdata
        news += smartdata
    if mention_copies:
        train += replace_mentions(news, news, mention_copies, random.Random(SEED + 1))
    if "ler" in sources:
        # Most LER sentences are legal boilerplate without names: keep all sentences with a
        # name and a sample of the rest.
        for unit in corpora.ler(root):
            if unit.ents or rng.random() < ler_negatives:
                train.append(unit)
    if "europeana" in sources:
        train += corpora.europeana(root)
    if "europarl" in sources:
        train += corpora.europarl(root, "train")  # its test split is evaluation only
    rng.shuffle(train)
    (out / "train").mkdir(parents=True, exist_ok=True)
    _docbin([u.to_doc(nlp.vocab) for u in train]).to_disk(out / "train" / "ner.spacy")
    _docbin([u.to_doc(nlp.vocab) for u in dev]).to_disk(out / "dev.spacy")
    stats: Counter[str] = Counter()
    for u in train:
        stats[f"units:{u.source}"] += 1
        for _, _, label in u.ents:
            stats[f"ents:{label}"] += 1
    stats["dev_units"] = len(dev)
    write_senter(out, root)
    return dict(sorted(stats.items()))


def write_senter(out: Path, root: Path | None = None) -> None:
    """UD GSD dev → senter training, UD GSD test → senter evaluation."""
    vocab = spacy.blank("de").vocab
    base = (root or corpora.corpora_dir()) / "ud_german_gsd"
    (out / "senter").mkdir(parents=True, exist_ok=True)
    for split, name in (("dev", "senter/train"), ("test", "senter/dev")):
        docs = [
            Doc(vocab, words=w, spaces=s, sent_starts=st)
            for w, s, st in corpora.read_conllu_docs(base / f"de_gsd-ud-{split}.conllu")
        ]
        _docbin(docs).to_disk(out / f"{name}.spacy")


def write_raw_text(path: Path, root: Path | None = None) -> int:
    """Raw text (JSONL) for ``spacy pretrain``: every corpus except GermEval dev."""
    nlp = spacy.blank("de")
    units = [
        *corpora.germeval_test(root),
        *corpora.smartdata(nlp.vocab, root),
        *corpora.ler(root),
        *corpora.europeana(root),
    ]
    base = (root or corpora.corpora_dir()) / "ud_german_gsd"
    for split in ("dev", "test"):
        for words, _, _ in corpora.read_conllu_docs(base / f"de_gsd-ud-{split}.conllu", 1):
            units.append(corpora.Annotated(words))
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as fh:
        for u in units:
            fh.write(json.dumps({"text": " ".join(u.words)}, ensure_ascii=False) + "\n")
    return len(units)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--sources", default="germeval,smartdata,ler")
    ap.add_argument("--ler-negatives", type=float, default=0.1)
    ap.add_argument("--germeval-copies", type=int, default=1)
    ap.add_argument(
        "--mention-copies",
        type=int,
        default=0,
        help="add this many mention-replaced copies of the GermEval/SmartData units",
    )
    ap.add_argument(
        "--train-on-holdout",
        action="store_true",
        help="train on all of GermEval test, the early-stopping 10 %% included (final model)",
    )
    ap.add_argument("--raw", type=Path, help="also write raw text JSONL for spacy pretrain")
    args = ap.parse_args()
    sources = tuple(s for s in args.sources.split(",") if s)
    unknown = set(sources) - set(ALL_SOURCES)
    if unknown:
        raise SystemExit(f"unknown sources {sorted(unknown)}; choose from {ALL_SOURCES}")
    print(f"corpora: {corpora.corpora_dir()}")
    for key, value in build(
        args.out,
        sources,
        args.ler_negatives,
        germeval_copies=args.germeval_copies,
        mention_copies=args.mention_copies,
        train_on_holdout=args.train_on_holdout,
    ).items():
        print(f"  {key}: {value}")
    if args.raw:
        print(f"  raw units: {write_raw_text(args.raw)}")


if __name__ == "__main__":
    main()
