# The README's commands: `make demo` and `make test`. The Makefile finds Python 3.12+ itself
# (scripts/find-python) and keeps its own virtual environment in .venv.
VENV    := .venv
PY      := $(VENV)/bin/python
STAMP   := $(VENV)/.installed
PYTEST_ARGS ?=

.PHONY: demo test lint typecheck check-imports bench clean venv

venv: $(STAMP)

$(STAMP): pyproject.toml scripts/find-python
	@if [ -x $(PY) ] && $(PY) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else 1)' 2>/dev/null; then :; \
	else rm -rf $(VENV); PYTHON=$$(scripts/find-python) || exit 1; echo "Using $$PYTHON"; $$PYTHON -m venv $(VENV); fi
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

demo: $(STAMP)
	$(VENV)/bin/kakehashi demo --out out

test: $(STAMP)
	$(PY) -m pytest $(PYTEST_ARGS)

lint: $(STAMP)
	$(VENV)/bin/ruff check src tests scripts benchmarks

typecheck: $(STAMP)
	$(VENV)/bin/mypy

check-imports: $(STAMP)
	$(PY) -m pytest -q tests/test_import_boundaries.py

bench: $(STAMP)
	$(PY) benchmarks/run.py $(BENCH_ARGS)

clean:
	rm -rf $(VENV) out .pytest_cache .mypy_cache .ruff_cache
