# The throughput benchmark (bench/README.md), included by the Makefile. A benchmark, not a
# test: it prints and records figures, it never fails on them.
BENCH_FILES ?= 5000
BENCH_ARGS ?=

.PHONY: bench bench-memory

bench: setup ## End to end vs bare spaCy on BENCH_FILES synthetic wire files (default 5000)
	$(BIN)/python -m bench.run --files $(BENCH_FILES) $(BENCH_ARGS)

bench-memory: setup ## Peak RSS of the night at 1,000 vs 10,000 files (streaming check)
	$(BIN)/python -m bench.memory 1000 10000 $(BENCH_ARGS)
