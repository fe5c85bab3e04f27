# Quick start: `make run` opens the lab, `make test` runs the tests.
# Both create the virtual environment on first use; only Python 3.11+ and make are needed.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.simlab-installed

.PHONY: run test lint bench i18n clean

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "simlab richiede Python 3.11 o successivo")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
	@touch $(STAMP)

run: $(STAMP)
	$(BIN)/simlab

# The layer rules first (docs/architecture.md): a broken contract names the import at fault.
test: $(STAMP)
	$(BIN)/lint-imports --no-cache
	$(BIN)/python -m pytest -n 2

lint: $(STAMP)
	$(BIN)/ruff check simlab tests benchmarks
	$(BIN)/lint-imports --no-cache

bench: $(STAMP)
	$(BIN)/python benchmarks/whole_process.py
	$(BIN)/python benchmarks/engine_vs_simpy.py
	$(BIN)/python benchmarks/scenario_scaling.py
	$(BIN)/python benchmarks/startup.py

i18n: $(STAMP)
	$(BIN)/python -m simlab.i18n_tools update

clean:
	rm -rf $(VENV) build *.egg-info
