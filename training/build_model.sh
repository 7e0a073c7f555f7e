#!/usr/bin/env bash
# Convert the corpora, pretrain the tok2vec, train, evaluate on GermEval dev and package
# models/de_wirehouse_news.  ~55 min on one core (pretrain ~35, train ~15, package ~2).
# Usage (from anywhere): training/build_model.sh
#   WIREHOUSE_CORPORA   corpora folder (default: ../shared/corpora next to the repo)
#   WIREHOUSE_TRAIN_DIR scratch folder (default: models/training, git-ignored)
set -euo pipefail
cd "$(dirname "$0")/.."
PY="${PYTHON:-.venv/bin/python}"
WORK="${WIREHOUSE_TRAIN_DIR:-models/training}"
# One core: the other one belongs to the rest of the team.
export OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1 PYTHONHASHSEED=0

# 1. corpora -> DocBin (GermEval dev is never written) + raw text for pretraining
"$PY" -m training.convert --out "$WORK/corpus" \
    --sources germeval,smartdata,ler,europeana --germeval-copies 2 --raw "$WORK/raw.jsonl"
# 2. pretrain the tok2vec on raw corpus text (characters objective, [pretraining] max_epochs)
rm -rf "$WORK/pretrain"
"$PY" -m spacy pretrain training/config.cfg "$WORK/pretrain" --code training/clusters.py \
    --paths.raw_text "$WORK/raw.jsonl"
LAST="$(ls "$WORK"/pretrain/model*.bin | sort -V | tail -n 1)"
# 3. train tok2vec + ner (early stopping on 10 % of GermEval test); the Brown-cluster norms
#    (training/clusters.py) are built into the pipeline's vocab at initialisation
rm -rf "$WORK/run"
"$PY" -m spacy train training/config.cfg --code training/clusters.py --output "$WORK/run" \
    --paths.train "$WORK/corpus/train" --paths.dev "$WORK/corpus/dev.spacy" \
    --paths.init_tok2vec "$LAST"
# 4. evaluate + package + checksum manifest
"$PY" -m training.package "$WORK/run/model-best" --out models/de_wirehouse_news \
    --notes training/RESULTS.md
