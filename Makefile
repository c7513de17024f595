# Quick start:  make demo   (set up, analyse the sample corpus, open the dashboard)
#               make test   (set up, lint, run the tests)
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PORT ?= 8501

.PHONY: setup demo report test lint models fast-models wheel-check clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

setup: $(STAMP)

report: $(STAMP)
	$(BIN)/framing analyse framing/sample_corpus --actors sample --out reports/sample

demo: report
	$(BIN)/framing dashboard reports/sample --port $(PORT)

lint: $(STAMP)
	$(BIN)/ruff check framing tests benchmarks tools dashboard.py

test: lint
	$(BIN)/python -m pytest

models: $(STAMP)
	$(BIN)/framing train --defaults
	$(BIN)/python tools/train_names.py
	$(BIN)/python -m framing.classifiers.fast_files

# the prediction form of the shipped models as plain arrays (framing/models/*.fast.npz), from the skops files
fast-models: $(STAMP)
	$(BIN)/python -m framing.classifiers.fast_files

wheel-check: $(STAMP)
	rm -rf dist build/wheel-venv
	$(BIN)/python -m build --wheel --outdir dist . > /dev/null
	$(PYTHON) -m venv build/wheel-venv
	build/wheel-venv/bin/python -m pip install --quiet dist/*.whl
	cd build && wheel-venv/bin/framing analyse ../framing/sample_corpus --actors sample --out wheel-reports --quiet
	test -s build/wheel-reports/sentences.csv

clean:
	rm -rf reports build dist test-artifacts .pytest_cache .ruff_cache
