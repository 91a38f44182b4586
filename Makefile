# Locality Hub. `make demo` and `make test` install everything they need.
# `make demo PORT=8080` (or HOST=0.0.0.0) serves somewhere else.
SHELL := /bin/bash
HOST ?= 127.0.0.1
PORT ?= 8000
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
UV := $(shell command -v uv 2>/dev/null || echo $(VENV)-tools/bin/uv)
export UV_PYTHON_DOWNLOADS := never
export UV_LINK_MODE := copy

.PHONY: install system-deps browser-deps demo worker run test lint format check bench bench-allocation bench-pages bench-pathways bench-rota bench-mi clean

# WeasyPrint needs Pango and fonts from the system; install them when missing.
system-deps:
	@if ! ldconfig -p 2>/dev/null | grep -q libpango-1.0; then \
	  echo "Installing WeasyPrint's system libraries (Pango, fonts)…"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b fonts-dejavu-core; \
	fi

# The browser tests drive Debian's Chromium (Playwright cannot download browsers here).
browser-deps:
	@if ! command -v chromium >/dev/null 2>&1; then \
	  echo "Installing Chromium for the browser tests…"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq chromium; \
	fi

# axe-core (npm) for the accessibility checks in the browser tests.
node_modules/.installed: package.json package-lock.json
	@command -v npm >/dev/null 2>&1 || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq nodejs npm; }
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

$(UV):
	$(PYTHON) -m venv $(VENV)-tools && $(VENV)-tools/bin/pip install -q uv==0.13.8

$(VENV)/.installed: pyproject.toml uv.lock | $(UV)
	$(UV) sync --frozen --python $(PYTHON)
	touch $@

install: system-deps $(VENV)/.installed

# The web server and, beside it, the background worker (allocation runs,
# what-if solves, exports); Ctrl-C stops both.
demo: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py seed_demo
	@echo "Serving on http://$(HOST):$(PORT) with the background worker (Ctrl-C stops both)"
	$(PY) manage.py db_worker --no-reload & worker=$$!; \
	  trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT INT TERM; \
	  $(PY) manage.py runserver $(HOST):$(PORT)

# The background worker alone (the web server runs elsewhere).
worker: install
	$(PY) manage.py db_worker --no-reload

run: install
	$(PY) manage.py runserver $(HOST):$(PORT)

# Tests are handed to the two workers a couple at a time, in collection order:
# xdist's default first hands each worker a quarter of its share in one block,
# which put every identity of the long access matrix on one worker. In order
# (unlike --dist worksteal) so transactional tests, which empty the tables the
# migrations seed, still run after every other test on their worker.
test: install browser-deps node_modules/.installed
	$(PY) manage.py makemigrations --check --dry-run
	$(PY) -m pytest -n 2 --maxschedchunk 2 --durations 15 -q $(PYTEST_ARGS)

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

check: lint test
	$(PY) manage.py check

bench: bench-allocation bench-pathways

bench-allocation: install
	$(PY) bench/allocation.py $(BENCH_ARGS)

# Every list page at 1k and 100k cases on PostgreSQL (BENCH_PG, default the
# local server): BENCH_ARGS="--reuse" keeps the databases for the next run,
# "--sizes 1000,10000" measures smaller ones.
bench-pages: install
	$(PY) bench/pages.py $(BENCH_ARGS)

# Every management-information section at a year's volume (BENCH_ARGS: cases).
bench-mi: install
	$(PY) bench/mi.py $(BENCH_ARGS)

# The pathway mix the rules recommend on a documented synthetic population.
bench-pathways: install
	$(PY) bench/pathway_mix.py $(BENCH_ARGS)

# Every HHCRSP instance at 60 s on 2 workers (about an hour) and a county week;
# e.g. BENCH_ARGS="--families ABC --time-limit 20" for a shorter run.
bench-rota: install
	$(PY) bench/rota.py $(BENCH_ARGS)

clean:
	rm -rf $(VENV) $(VENV)-tools node_modules db.sqlite3 staticfiles .pytest_cache .ruff_cache
