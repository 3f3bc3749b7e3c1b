# One task runner. `make site` and `make test` work on a fresh machine.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1
# Date every output (sitemap, PDFs, deck) by the last commit, so a build is
# reproducible and a newer commit's deck updates the cards people imported.
SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null)
ifneq ($(SOURCE_DATE_EPOCH),)
export SOURCE_DATE_EPOCH
endif

.PHONY: site test serve check lint audit bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Debian packages (fonts, Pango; Chromium and Node for the tests), installed if missing.
.system-deps: tools/system-deps.sh
	bash tools/system-deps.sh
	touch $@

.system-deps-test: tools/system-deps.sh
	bash tools/system-deps.sh --test
	touch $@ .system-deps

# Stamps: reinstall only when the project's dependencies change.
$(VENV)/.site-installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -q -e .
	touch $@

$(VENV)/.test-installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -q -e '.[test]'
	touch $@ $(VENV)/.site-installed

site: $(VENV)/.site-installed .system-deps  ## Build the site into site/
	$(BIN)/studyguide build

serve: $(VENV)/.site-installed  ## Live preview that regenerates when a seed changes
	$(BIN)/studyguide serve

check: $(VENV)/.site-installed  ## Validate the seeds
	$(BIN)/studyguide check

node_modules/.installed: package.json package-lock.json .system-deps-test
	npm ci --no-audit --no-fund
	touch $@

lint: $(VENV)/.test-installed node_modules/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

test: lint .system-deps-test  ## Lint, type-check and run every test (browser tests need Debian's chromium)
	$(BIN)/python -m pytest

audit: site node_modules/.installed  ## Lighthouse and weight budgets of the built site (fails below budget)
	$(BIN)/python tools/audit.py

bench: $(VENV)/.test-installed site node_modules/.installed  ## Benchmarks: generator, site build, handouts, engines, Lighthouse
	$(BIN)/python bench/run.py
	$(BIN)/python bench/handouts.py
	$(BIN)/python bench/engines.py

clean:
	rm -rf build site .site.* bench/out node_modules .system-deps .system-deps-test
