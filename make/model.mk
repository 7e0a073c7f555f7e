# The German model (training/README.md), included by the Makefile: `make model` rebuilds
# models/de_wirehouse_news from ../shared/corpora (or $WIREHOUSE_CORPORA).
.PHONY: model model-eval model-verify

model: setup ## Rebuild models/de_wirehouse_news from the open corpora (../shared/corpora)
	PYTHON=.venv/bin/python training/build_model.sh

model-eval: setup ## Evaluate the shipped German model on GermEval 2014 dev (model and enrichment), with speed
	OMP_NUM_THREADS=1 .venv/bin/python -m training.evaluate models/de_wirehouse_news --speed --enrichment --holdout --europarl

model-verify: ## Check the shipped model against its SHA-256 manifest
	cd models && sha256sum -c --quiet de_wirehouse_news.sha256
