# Two commands do everything: `make book` builds the HTML book, `make test` runs every test.
# Both create .venv on first use and install the project with the versions in requirements.lock.

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

.PHONY: book env test lint notebooks bench validate browser lock clean help

help:
	@echo "make book      build the HTML book, its downloads and its PDF into _build/html (creates .venv if missing)"
	@echo "make env       create .venv with the pinned versions, without building"
	@echo "make test      run the whole test suite (after make lint)"
	@echo "make lint      ruff format --check, ruff check and the layer contracts (lint-imports)"
	@echo "make notebooks refresh the outputs stored in notebooks/ (what nbval compares against)"
	@echo "make bench     run the benchmarks (minutes, several GB of disk) and record them in benchmarks/RESULTS.md"
	@echo "make validate  check the data files in data/"
	@echo "make lock      re-resolve dependencies and rewrite requirements.lock"
	@echo "make clean     remove _build/"

$(STAMP): pyproject.toml requirements.lock
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	@echo "Installing the project and its pinned dependencies into $(VENV) ..."
	$(PY) -m pip install --quiet --disable-pip-version-check -c requirements.lock -e ".[dev]"
	@touch $(STAMP)

env: $(STAMP) node_modules/.package-lock.json

book: $(STAMP) browser node_modules/.package-lock.json
	$(PY) -m analysis build --pdf

notebooks: $(STAMP)
	$(PY) -m analysis store-outputs

validate: $(STAMP)
	$(PY) -m analysis validate

# The suite runs in TEST_JOBS processes; a test file stays in one of them (its fixtures, and a
# notebook's cells for nbval, are shared within a file).
TEST_JOBS ?= 2

test: $(STAMP) browser node_modules/.package-lock.json lint
	$(PY) -m pytest -n $(TEST_JOBS) --dist loadfile

# The code's own limits: formatting, lint (with a complexity limit) and the package's layers.
lint: $(STAMP)
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/ruff check .
	$(VENV)/bin/lint-imports

# Debian's chromium draws the book's figures as PNG/SVG and prints its PDF, and runs the browser
# tests; poppler-utils' pdftotext reads the PDF back in the tests. Install them when we can (root
# with apt-get); otherwise the build says what it leaves out and those tests skip loudly.
browser:
	@{ command -v chromium && command -v pdftotext; } >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "Installing Debian's chromium and poppler-utils ..."; \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium poppler-utils >/dev/null) \
	      || echo "!!! Could not install chromium and poppler-utils: no PDF or figure images, browser tests SKIPPED !!!"; \
	  else \
	    echo "!!! chromium or pdftotext is missing and cannot be installed here (not root): no PDF or figure images, browser tests SKIPPED !!!"; \
	  fi; }

# Benchmarks are not part of `make test`: they take many minutes and write GBs of generated extracts.
bench: $(STAMP)
	$(PY) benchmarks/run_all.py

# Pinned in package-lock.json: plotly.js's basic bundle, which the book's chart pages load, and
# axe-core, which the accessibility scan injects into every page. npm ci installs them when
# node_modules/ is missing or older than the lock. Without npm the book ships the full plotly.js
# (the build says so) and the scan skips loudly.
node_modules/.package-lock.json: package.json package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
	  echo "Installing plotly.js (basic bundle) and axe-core (npm ci) ..."; \
	  npm ci --no-audit --no-fund --loglevel=error \
	    || echo "!!! npm ci failed: the book ships the full plotly.js and the accessibility scan will be SKIPPED !!!"; \
	else \
	  echo "!!! npm is missing: the book ships the full plotly.js and the accessibility scan will be SKIPPED !!!"; \
	fi

lock:
	rm -rf /tmp/bnb-lock && $(PYTHON) -m venv /tmp/bnb-lock
	/tmp/bnb-lock/bin/pip install --quiet --disable-pip-version-check -e ".[dev]"
	/tmp/bnb-lock/bin/pip freeze --exclude-editable | grep -v '^budget-note-book' > requirements.lock
	rm -rf /tmp/bnb-lock

clean:
	rm -rf _build
