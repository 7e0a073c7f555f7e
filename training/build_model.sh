#!/usr/bin/env bash
# Convert the corpora, train, evaluate on GermEval dev and package models/de_wirehouse_news.
# Usage (from anywhere): training/build_model.sh
#   WIREHOUSE_CORPORA  corpora folder (default: ../shared/corpora next to the repo)
#   WIREHOUSE_TRAIN_DIR scratch folder (default: models/training, git-ignored)
set -euo pipefail
cd "$(dirname "$0")/.."
PY="${PYTHON:-.venv/bin/python}"
WORK="${WIREHOUSE_TRAIN_DIR:-models/training}"
# One core: the other one belongs to the rest of the team.
export OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1 PYTHONHASHSEED=0

"$PY" -m training.convert --out "$WORK/corpus"
"$PY" -m spacy train training/config.cfg --output "$WORK/run" \
    --paths.train "$WORK/corpus/train.spacy" --paths.dev "$WORK/corpus/dev.spacy"
"$PY" -m training.package "$WORK/run/model-best" --out models/de_wirehouse_news \
    --notes training/RESULTS.md
