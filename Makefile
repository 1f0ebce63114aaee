# The README's commands: `make demo` and `make test`. The Makefile finds Python 3.12+ itself
# (scripts/find-python) and keeps its own virtual environment in .venv.
VENV    := .venv
PY      := $(VENV)/bin/python
STAMP   := $(VENV)/.installed
PYTEST_ARGS ?=
BENCH_ARGS ?=
SWEEP_ARGS ?=
TERM_START_ARGS ?=
# The suite runs on SQLite, then again on this PostgreSQL (the test database is created and dropped
# by the tests). KAKEHASHI_SKIP_POSTGRES=1 runs SQLite only, for a machine without PostgreSQL.
POSTGRES_URL ?= postgres://postgres@127.0.0.1:5432/kakehashi
MESSAGES := src/kakehashi/web/locale/ja/LC_MESSAGES/django.mo
# The demo and the tests both run from this folder's var/ (the SQLite file, uploads).
export KAKEHASHI_DATA_DIR ?= $(CURDIR)/var

.PHONY: demo demo-core test test-sqlite test-postgres lint typecheck check-imports bench bench-term-start clean venv messages

venv: $(STAMP)

$(STAMP): pyproject.toml scripts/find-python
	@if [ -x $(PY) ] && $(PY) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else 1)' 2>/dev/null; then :; \
	else rm -rf $(VENV); PYTHON=$$(scripts/find-python) || exit 1; echo "Using $$PYTHON"; $$PYTHON -m venv $(VENV); fi
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

# Translations are compiled here, from the committed .po file (needs GNU gettext's msgfmt).
messages: $(MESSAGES)

$(MESSAGES): src/kakehashi/web/locale/ja/LC_MESSAGES/django.po
	@command -v msgfmt >/dev/null || { echo "msgfmt not found: install GNU gettext (apt-get install gettext)"; exit 1; }
	msgfmt --check -o $@ $<

# `make demo PORT=8080` (or ADDRESS=0.0.0.0:8080) when 8000 is taken.
PORT    ?= 8000
ADDRESS ?= 127.0.0.1:$(PORT)

demo: $(STAMP) $(MESSAGES)
	@mkdir -p var
	KAKEHASHI_DEBUG=1 $(VENV)/bin/kakehashi serve --demo --address $(ADDRESS)

# The core alone: generate Takasaki, solve it and print every ALT's week (no web server).
demo-core: $(STAMP)
	$(VENV)/bin/kakehashi demo --out out

test: test-sqlite test-postgres

test-sqlite: $(STAMP) $(MESSAGES)
	DATABASE_URL=sqlite:///test.sqlite3 $(PY) -m pytest $(PYTEST_ARGS)

test-postgres: $(STAMP) $(MESSAGES)
	@if [ "$${KAKEHASHI_SKIP_POSTGRES:-0}" = 1 ]; then echo "PostgreSQL run skipped (KAKEHASHI_SKIP_POSTGRES=1)"; exit 0; fi; \
	$(PY) scripts/wait-for-postgres "$(POSTGRES_URL)" || exit 1; \
	DATABASE_URL="$(POSTGRES_URL)" $(PY) -m pytest $(PYTEST_ARGS)

lint: $(STAMP)
	$(VENV)/bin/ruff check src tests scripts benchmarks

typecheck: $(STAMP)
	$(VENV)/bin/mypy

# The layers of docs/architecture.md: import-linter's contracts (pyproject.toml), then the tests around them.
check-imports: $(STAMP)
	$(VENV)/bin/lint-imports
	$(PY) -m pytest -q tests/test_import_boundaries.py

bench: $(STAMP) $(MESSAGES)
	$(PY) benchmarks/web_pages.py
	$(PY) benchmarks/load.py
	$(PY) benchmarks/sweep.py $(SWEEP_ARGS)
	$(PY) benchmarks/areas.py
	$(PY) benchmarks/imports.py
	$(PY) benchmarks/year_plan.py
	$(PY) benchmarks/cover_year.py
	$(PY) benchmarks/run.py $(BENCH_ARGS)

# A national operator's term start on PostgreSQL (issue 20): 200 programs queued at once, solved by 1 then 2
# task workers; about 35 minutes on a busy two-core machine (two thirds of it loading the programs), so not part
# of `make bench`. Its section (term-start.md) goes
# into RESULTS.md at the next `make bench`, or at once with `$(PY) benchmarks/run.py --rewrite '…'`.
bench-term-start: $(STAMP) $(MESSAGES)
	$(PY) scripts/wait-for-postgres "$(POSTGRES_URL)" || exit 1
	$(PY) benchmarks/term_start.py --database "$(POSTGRES_URL)_term_start" $(TERM_START_ARGS)

clean:
	rm -rf $(VENV) out var .pytest_cache .mypy_cache .ruff_cache $(MESSAGES)
