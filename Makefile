# One entry point for developer commands. `make help` lists them.
SHELL := /bin/bash
PYTHON ?= python3
UV_VERSION := 0.13.9
TOOLS := .tools
UV := $(TOOLS)/bin/uv
VENV := .venv
BIN := $(VENV)/bin
export UV_PROJECT_ENVIRONMENT := $(VENV)

.DEFAULT_GOAL := help
.PHONY: help setup demo test test-quick lint format clean

help: ## List the targets
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/^([a-z-]+):.*## /\1\t/' | column -t -s $$'\t'

$(UV):
	$(PYTHON) -m venv $(TOOLS)
	$(TOOLS)/bin/pip install -qq uv==$(UV_VERSION)

# --compile-bytecode: where PYTHONDONTWRITEBYTECODE is set (it is on our machines and CI),
# Python never caches bytecode, and every process of a run (flow, fork server, Prefect
# server, tests) would compile Prefect, spaCy and pydantic from source again: ~1.6 of the
# flow's 3 CPU-seconds of imports, ~2.5 of the fork server's.
$(BIN)/wirehouse: $(UV) pyproject.toml uv.lock
	$(UV) sync --frozen --quiet --compile-bytecode
	@touch $@

setup: $(BIN)/wirehouse ## Create .venv with the locked dependencies (idempotent)

demo: setup ## Set up, then run the nightly flow on seeds/ into warehouse/wirehouse.duckdb
	$(BIN)/wirehouse ingest seeds

test: setup lint chromium ## Set up, lint, then run every test (what CI runs)
	$(BIN)/pytest

test-quick: setup ## Set up, then every test but the slow ones (a few minutes): the edit loop
	$(BIN)/pytest -m "not slow"

lint: setup ## ruff, ruff format, mypy, sqlfluff
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/sqlfluff lint sql

format: setup ## Apply ruff's fixes and formatting
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

clean: ## Remove the demo warehouse and local Prefect state (keeps .venv)
	rm -rf warehouse/wirehouse.duckdb* warehouse/lake warehouse/staging .prefect

# The other targets, one file per concern: make/ops.mk, make/bench.mk, make/model.mk.
include make/*.mk
