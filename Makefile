# The CJHP Portal's two commands: `make run` and `make test`. Both set everything up first, and a second run
# reuses what is there.
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
# Debian packages: WeasyPrint's text layout and fonts (Latin, Cyrillic, Georgian), and gettext for the French
# catalogue.
SYSTEM_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core gettext
PORT ?= 8000

.PHONY: messages-update help run prepare test test-tools test-packages bench load faults restore-check setup system-packages python messages lint clean

help:
	@echo "make run    set up everything and serve the portal on http://127.0.0.1:$(PORT) (SQLite, demo accounts)"
	@echo "make test   set up everything and run the whole test suite (PostgreSQL when DATABASE_URL is set)"
	@echo "make lint   ruff and the migrations check"
	@echo "make bench  measure the pages on generated data, write docs/performance.md (BENCH_ARGS=\"--scale 10 --repeat 30\")"
	@echo "make faults  PostgreSQL restarted, the mail server down, a worker killed: what the portal survives"
	@echo "make restore-check  dump and restore the database and the uploaded files, and compare them"
	@echo "make load   people (120 users, 5-15 s apart, 3 min) on one and on two gunicorn instances, then capacity; PostgreSQL (DATABASE_URL), into docs/performance.md (LOAD_ARGS=\"--users 20 --seconds 30 --step-seconds 5\")"

run: export DEBUG ?= true
# The demo accounts sign in with their password alone; `TWO_FACTOR_REQUIRED=true make run` asks staff and the
# administrator for a second factor, as production does (a system check refuses false outside DEBUG).
run: export TWO_FACTOR_REQUIRED ?= false
run: prepare
	@echo "Serving the portal on http://127.0.0.1:$(PORT) — demo accounts in README.md (password cjhp-demo)."
	$(PY) manage.py runserver 127.0.0.1:$(PORT)

# Migrates the database, loads the reference data and the demo accounts: what `make run` does before serving.
prepare: export DEBUG ?= true
prepare: setup
	$(PY) manage.py migrate --no-input
	$(PY) manage.py load_reference_data
	$(PY) manage.py load_demo

# pytest exits with 5 when it collected no test: that is a failure here, never a pass. The suite runs in
# TEST_WORKERS processes (pytest-xdist), each with a test database of its own.
TEST_WORKERS ?= 2
test: setup test-tools
	@$(VENV)/bin/pytest -n $(TEST_WORKERS) $(PYTEST_ARGS); status=$$?; \
	if [ $$status -eq 5 ]; then echo "pytest ran no test: that is a failure." >&2; fi; exit $$status

# Generates data in a fresh database of its own (never db.sqlite3; on PostgreSQL when DATABASE_URL is set) and
# measures every page: `make bench BENCH_ARGS="--scale 10"`; `.venv/bin/python -m bench --help` lists the options.
# On PostgreSQL the default run also measures growth: every page at scale 10 and at scale 100, in turn.
BENCH_ARGS ?= $(if $(filter postgres% pgsql%,$(DATABASE_URL)),--scale 10 --growth 100,)
bench: setup
	DEBUG=true $(PY) -m bench $(BENCH_ARGS)
	@case "$$DATABASE_URL" in postgres*|pgsql*) $(MAKE) --no-print-directory load;; \
	  *) echo "The load test runs on PostgreSQL only: set DATABASE_URL=postgres://... to run it too (make load).";; esac

# The load test: locust users against gunicorn (2 workers, production settings) on 127.0.0.1, on a fresh
# PostgreSQL database named after DATABASE_URL's with _load appended; `.venv/bin/python -m bench.load --help`.
LOAD_ARGS ?=
load: setup
	$(PY) -m bench.load $(LOAD_ARGS)

# The faults the portal survives, each with its count (bench/faults.py; PostgreSQL, as root): PostgreSQL restarted
# while people work, the mail server refusing connections, a gunicorn worker killed mid-request.
FAULTS_ARGS ?=
faults: setup
	$(PY) -m bench.faults $(FAULTS_ARGS)

# The backup proved: dump the PostgreSQL database and the media folder, restore both into fresh ones, compare every
# table's row count and every file's checksum (bench/restore_check.py).
restore-check: setup
	$(PY) -m bench.restore_check

PO := cjhp/locale/fr/LC_MESSAGES/django.po
MAKEMESSAGES := DEBUG=true $(PY) manage.py makemessages -l fr --no-location --ignore ".venv/*" --ignore "tests/*" --ignore "bench/*" -v0

lint: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	DEBUG=true $(PY) manage.py makemigrations --check --dry-run
	@cp $(PO) $(VENV)/django.po.before && $(MAKEMESSAGES) && $(PY) -c 'import polib, sys; \
	ids = lambda path: {(e.msgctxt, e.msgid) for e in polib.pofile(path) if not e.obsolete}; \
	new = ids("$(PO)") - ids("$(VENV)/django.po.before"); \
	new and sys.exit(f"The French catalogue missed {len(new)} strings: $(PO) now has them; translate them.")'

# Collects new interface strings into the French catalogue (then translate them in $(PO)).
messages-update: setup
	$(MAKEMESSAGES)

setup: system-packages $(STAMP) messages

# What the tests need beyond the portal: Debian's Chromium (the browser tests), Node.js's npm (axe-core) and Java
# (the Nu Html Checker), then the checkers themselves from the npm registry (tests/checkers/package-lock.json).
CHECKERS := tests/checkers/node_modules/.package-lock.json
test-tools: $(CHECKERS)

test-packages:
	@missing=""; \
	command -v chromium >/dev/null || missing="$$missing chromium"; \
	command -v npm >/dev/null || missing="$$missing npm"; \
	command -v java >/dev/null || missing="$$missing default-jre-headless"; \
	$(INSTALL_MISSING)

$(CHECKERS): tests/checkers/package.json tests/checkers/package-lock.json | test-packages
	npm ci --prefix tests/checkers --ignore-scripts --no-audit --no-fund --loglevel=error

# Finds a Python of at least 3.12 (Django 6 needs it): the one .python-version selects through pyenv, then
# python3.13, python3.12 and pyenv's own versions.
python:
	@for candidate in python3 python3.13 python3.12 $$(ls -d $${PYENV_ROOT:-$$HOME/.pyenv}/versions/3.1[2-9]*/bin/python3 2>/dev/null); do \
	  if command -v $$candidate >/dev/null 2>&1 && $$candidate -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null; then \
	    command -v $$candidate; exit 0; fi; \
	done; \
	found=$$(for c in python3 python3.11 python3.12 python3.13; do command -v $$c >/dev/null 2>&1 && $$c -c 'import platform; print(platform.python_version())' 2>/dev/null; done | sort -u | tr '\n' ' '); \
	echo "The portal needs Python 3.12 or newer; found: $${found:-none}. Install one (apt-get install python3.12, or pyenv install 3.12) and run make again." >&2; \
	exit 1

$(STAMP): pyproject.toml
	@test -x $(PY) || { interpreter=$$($(MAKE) -s python) && $$interpreter -m venv $(VENV); }
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	@touch $(STAMP)

# Installs the Debian packages a recipe listed in $$missing (as root), or says how to.
INSTALL_MISSING = if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "Installing Debian packages:$$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	  else \
	    echo "Missing Debian packages:$$missing — install them with: sudo apt-get install$$missing" >&2; exit 1; \
	  fi; \
	fi

system-packages:
	@missing=""; for package in $(SYSTEM_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$package 2>/dev/null | grep -q "ok installed" || missing="$$missing $$package"; \
	done; \
	$(INSTALL_MISSING)

# The French catalogue is compiled from cjhp/locale/fr/LC_MESSAGES/django.po whenever it changes.
messages: cjhp/locale/fr/LC_MESSAGES/django.mo

cjhp/locale/fr/LC_MESSAGES/django.mo: cjhp/locale/fr/LC_MESSAGES/django.po $(STAMP)
	DEBUG=true $(PY) manage.py compilemessages --locale fr --ignore "$(VENV)" -v0

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles tests/checkers/node_modules
