# Two commands for a fresh machine: `make site` builds the example, `make test` runs every test.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1

.PHONY: site test test-oldest check lint bench clean

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
	$(BIN)/lint-imports
	$(BIN)/pytest
	$(MAKE) test-oldest

# The oldest Material we support (pyproject: mkdocs-material>=9.5): the builds, versions, fences and the fenced
# internals run against it too. Zensical needs a newer pymdown-extensions than Material 9.5.0 takes, so its test
# is left to the main suite.
OLDEST := .venv-oldest
$(OLDEST)/bin/journeys: pyproject.toml
	$(PYTHON) -m venv $(OLDEST)
	$(OLDEST)/bin/python -m pip install --quiet --upgrade pip
	$(OLDEST)/bin/python -m pip install --quiet -e '.[test]'
	$(OLDEST)/bin/python -m pip uninstall --quiet --yes zensical
	$(OLDEST)/bin/python -m pip install --quiet 'mkdocs-material==9.5.0'
	touch $@

test-oldest: $(OLDEST)/bin/journeys
	$(OLDEST)/bin/pytest -p no:cacheprovider -k 'not zensical' site_tests/test_build.py site_tests/test_versions.py \
		site_tests/test_internals.py site_tests/test_fences.py site_tests/test_engines.py site_tests/test_sources.py

check: $(BIN)/journeys
	$(BIN)/journeys check

# The large-estate benchmark (benchmarks/estate.py): 100 and 500 journeys side by side, earlier targets included;
# e.g. `make bench BENCH_ARGS='--journeys 100 --quick'`.
bench: $(BIN)/journeys
	$(BIN)/python benchmarks/estate.py $(BENCH_ARGS)

clean:
	rm -rf site $(VENV) $(OLDEST)
