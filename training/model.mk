# Included by the main Makefile: `make model` rebuilds models/de_wirehouse_news from
# ../shared/corpora (or $WIREHOUSE_CORPORA). See training/README.md.
.PHONY: model model-eval model-verify

model:
	PYTHON=.venv/bin/python training/build_model.sh

model-eval:
	OMP_NUM_THREADS=1 .venv/bin/python -m training.evaluate models/de_wirehouse_news --speed

model-verify:
	cd models && sha256sum -c --quiet de_wirehouse_news.sha256
