# Two commands on a fresh machine with python3 and make:
#   make run    install into .venv, migrate the database, load the catalog, serve on HOST:PORT
#               (loading is idempotent: an unchanged catalog makes no new version)
#   make test   install into .venv (with the test tools) and axe-core (npm), then lint,
#               type-check and test
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
WORKERS ?= 1
PIP := $(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt
# axe-core, pinned by its package-lock.json, for the accessibility check of the client pages.
AXE_DIR := tests/service/web/axe
AXE := $(AXE_DIR)/node_modules/axe-core/axe.min.js
# openapi-python-client (a test generates a client with it) cannot share the service's
# environment: it requires an older typer. It gets one of its own.
OPENAPI_CLIENT := .venv-openapi-client

.PHONY: run test lint typecheck pytest axe bench clean client-models

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed-run: pyproject.toml constraints.txt | $(BIN)/python
	$(PIP) -e ".[service]"
	touch $@

$(VENV)/.installed-dev: pyproject.toml constraints.txt | $(BIN)/python $(OPENAPI_CLIENT)/.installed
	$(PIP) -e ".[service,dev]"
	touch $@ $(VENV)/.installed-run

$(OPENAPI_CLIENT)/.installed: constraints-openapi-client.txt
	$(PYTHON) -m venv $(OPENAPI_CLIENT)
	$(OPENAPI_CLIENT)/bin/python -m pip install --quiet --disable-pip-version-check \
		-r constraints-openapi-client.txt
	touch $@

run: $(VENV)/.installed-run
	$(BIN)/shortlist migrate
	$(BIN)/shortlist catalog load
	$(BIN)/shortlist serve --host $(HOST) --port $(PORT) --workers $(WORKERS)

test: lint typecheck pytest

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(VENV)/.installed-dev
	$(BIN)/mypy

pytest: $(VENV)/.installed-dev axe
	@test -x /usr/bin/chromium || echo "Chromium is not installed (/usr/bin/chromium): the browser end-to-end test will be SKIPPED. Install it with: apt-get install chromium"
	$(BIN)/pytest

$(AXE): $(AXE_DIR)/package.json $(AXE_DIR)/package-lock.json
	npm ci --prefix $(AXE_DIR) --no-audit --no-fund --ignore-scripts
	touch $@

axe:
	@if command -v npm >/dev/null 2>&1; then $(MAKE) -s --no-print-directory $(AXE); else echo "npm is not installed: the accessibility check (axe-core) will be SKIPPED. Install it with: apt-get install npm"; fi

bench: $(VENV)/.installed-dev
	$(BIN)/python -m bench.bench_smaa
	$(BIN)/python -m bench.bench_evaluation
	$(BIN)/python -m bench.bench_exports
	$(BIN)/python -m bench.bench_api
	$(BIN)/python -m bench.bench_batch
	$(BIN)/python -m bench.bench_queue
	$(BIN)/python -m bench.bench_budget
	$(BIN)/python -m bench.bench_uploads

# The Python client's models, generated from the OpenAPI document (commit the result).
client-models: $(VENV)/.installed-dev
	$(BIN)/python -m service.client_codegen

clean:
	rm -rf $(VENV) $(OPENAPI_CLIENT) .mypy_cache .ruff_cache .pytest_cache .hypothesis $(AXE_DIR)/node_modules
