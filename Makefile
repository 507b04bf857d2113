# Two commands on a fresh machine with python3 and make:
#   make run    install into .venv, migrate the database, load the catalog, serve on HOST:PORT
#               (loading is idempotent: an unchanged catalog makes no new version)
#   make test   install into .venv (with the test tools), then lint, type-check and test
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
WORKERS ?= 1
PIP := $(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt

.PHONY: run test lint typecheck pytest bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed-run: pyproject.toml constraints.txt | $(BIN)/python
	$(PIP) -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml constraints.txt | $(BIN)/python
	$(PIP) -e ".[dev]"
	touch $@ $(VENV)/.installed-run

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

pytest: $(VENV)/.installed-dev
	@test -x /usr/bin/chromium || echo "Chromium is not installed (/usr/bin/chromium): the browser end-to-end test will be SKIPPED. Install it with: apt-get install chromium"
	$(BIN)/pytest

bench: $(VENV)/.installed-dev
	$(BIN)/python -m bench.bench_smaa
	$(BIN)/python -m bench.bench_evaluation
	$(BIN)/python -m bench.bench_exports
	$(BIN)/python -m bench.bench_api
	$(BIN)/python -m bench.bench_batch
	$(BIN)/python -m bench.bench_queue
	$(BIN)/python -m bench.bench_budget
	$(BIN)/python -m bench.bench_uploads

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache .hypothesis
