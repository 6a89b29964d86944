# One entry point: `make test` and `make demo` work on a fresh machine with Python 3.11+ and Node.js.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
NODE_DIR := tests/contract/node

.PHONY: install test lint demo clean

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

$(NODE_DIR)/node_modules/.installed: $(NODE_DIR)/package.json
	cd $(NODE_DIR) && npm install --no-audit --no-fund --silent
	touch $@

install: $(BIN)/.installed

lint: install
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/mypy
	$(BIN)/lint-imports --no-cache

test: install $(NODE_DIR)/node_modules/.installed lint
	$(BIN)/pytest

demo: install
	$(BIN)/mogul demo

clean:
	rm -rf $(VENV) $(NODE_DIR)/node_modules
