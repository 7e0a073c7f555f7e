# Operations targets (docs/operations.md), included by the Makefile (`include make/*.mk`).
.PHONY: ui serve chromium test-browser

ui: setup ## Start the local Prefect server + UI on 127.0.0.1:4200 (WIREHOUSE_PREFECT_PORT)
	$(BIN)/wirehouse ui

serve: setup ## Run the nightly schedule (02:00 Europe/Berlin) from this one process
	$(BIN)/wirehouse serve

# Debian's packages, never a browser download. Not root: say so and go on, so `make test`
# may depend on this; the browser test then skips, saying why.
chromium: ## Install Debian's chromium + chromium-driver for the browser test (root, idempotent)
	@if command -v chromium >/dev/null 2>&1 && command -v chromedriver >/dev/null 2>&1; then \
		echo "chromium: $$(command -v chromium) (installed)"; \
	elif [ "$$(id -u)" != 0 ]; then \
		echo "chromium: not installed and not root; as root: apt-get install -y chromium chromium-driver" >&2; \
	else \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
			chromium chromium-driver; \
	fi

test-browser: setup chromium ## The browser test: headless Chromium against a real Prefect server
	@command -v chromium >/dev/null 2>&1 || { echo "test-browser: chromium is missing" >&2; exit 1; }
	$(BIN)/pytest -m browser
