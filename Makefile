# Two commands for a fresh machine: `make site` builds the example, `make test` runs every test.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1

.PHONY: site test check lint bench clean

$(BIN)/journeys: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

site: $(BIN)/journeys
	$(BIN)/journeys build

test: $(BIN)/journeys
	$(BIN)/ruff check plugins site_tests benchmarks
	$(BIN)/mypy
	$(BIN)/pytest

check: $(BIN)/journeys
	$(BIN)/journeys check

bench: $(BIN)/journeys
	$(BIN)/python benchmarks/pages.py

clean:
	rm -rf site $(VENV)
