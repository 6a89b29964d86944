# One entry point: `make test` and `make demo` work on a fresh machine with Python 3.11+, Node.js and
# Chromium at /usr/bin/chromium (the dashboard's browser tests).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
NODE_DIR := tests/contract/node
BROWSER_DIR := tests/browser

.PHONY: install test lint demo clean

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

$(NODE_DIR)/node_modules/.installed: $(NODE_DIR)/package.json
	cd $(NODE_DIR) && npm install --no-audit --no-fund --silent
	touch $@

# axe-core, which the dashboard's browser tests inject into each page
$(BROWSER_DIR)/node_modules/.installed: $(BROWSER_DIR)/package.json
	cd $(BROWSER_DIR) && npm install --no-audit --no-fund --silent
	touch $@

install: $(BIN)/.installed

lint: install
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/mypy
	$(BIN)/lint-imports --no-cache

test: install $(NODE_DIR)/node_modules/.installed $(BROWSER_DIR)/node_modules/.installed lint
	$(BIN)/pytest

demo: install
	$(BIN)/mogul demo

clean:
	rm -rf $(VENV) $(NODE_DIR)/node_modules $(BROWSER_DIR)/node_modules
