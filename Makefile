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

.PHONY: site test test-fast serve check lint audit bench bench-banks clean vendor

# The venv's own pip is whatever the Python shipped (23.2 here), and pips before
# 23.3 resolve a dependency's extra (weasyprint's fonttools[woff]) to the newest
# release instead of the locked pin, which --require-hashes then refuses.
PIP_VERSION := 26.3
$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q 'pip==$(PIP_VERSION)'

# Debian packages (fonts, Pango; Chromium and Node for the tests), installed if missing.
.system-deps: tools/system-deps.sh
	bash tools/system-deps.sh
	touch $@

.system-deps-test: tools/system-deps.sh
	bash tools/system-deps.sh --test
	touch $@ .system-deps

# Lock files: every package the site (runtime) and the tests (runtime + the
# `test` extra) install, pinned `==` with the hashes of all its files, resolved
# from pyproject.toml's ranges for CPython 3.11 and newer on any platform
# (--universal: a package that needs a later 3.11.x gets a marker, not a break).
# The site lock is resolved within the test lock, so deploy ships the versions
# the tests ran; both hold the cross-bank finder's model (the `finder` extra).
# `make lock` regenerates both after a change to pyproject.toml's dependencies,
# keeping every pin that still fits; `make lock LOCK_ARGS=--upgrade` takes the
# newest releases. It runs a pinned uv from a throwaway venv, so
# the project's .venv is untouched; commit the two files it writes.
SITE_LOCK := requirements/site.txt
TEST_LOCK := requirements/test.txt
UV_VERSION := 0.13.9
LOCK_ARGS ?=
LOCK_FLAGS = --universal --python-version 3.11 --generate-hashes --quiet $(LOCK_ARGS)

.PHONY: lock
lock:
	tmp=$$(mktemp -d) && trap 'rm -rf "$$tmp"' EXIT && \
	$(PYTHON) -m venv "$$tmp" && \
	"$$tmp/bin/python" -m pip install -q 'uv==$(UV_VERSION)' && \
	"$$tmp/bin/uv" pip compile $(LOCK_FLAGS) --extra test pyproject.toml -o $(TEST_LOCK) && \
	"$$tmp/bin/uv" pip compile $(LOCK_FLAGS) --extra finder -c $(TEST_LOCK) pyproject.toml -o $(SITE_LOCK)

# Stamps: reinstall only when the project's dependencies or their locks change.
# Every package comes from the lock and must match a hash in it (--require-hashes),
# whichever index or wheel folder pip's own configuration names; the project
# itself then installs on top, editable, without resolving anything.
$(VENV)/.site-installed: pyproject.toml $(SITE_LOCK) | $(BIN)/python
	$(BIN)/python -m pip install -q --require-hashes -r $(SITE_LOCK)
	$(BIN)/python -m pip install -q --no-deps -e .
	touch $@

$(VENV)/.test-installed: pyproject.toml $(TEST_LOCK) | $(BIN)/python
	$(BIN)/python -m pip install -q --require-hashes -r $(TEST_LOCK)
	$(BIN)/python -m pip install -q --no-deps -e .
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

# The Review page's scheduler (ts-fsrs, minified by terser, both pinned in
# package-lock.json) is committed under docs/assets/javascripts/vendor/ and copied
# into the site like any hand-written asset, so `make site` and the deploy need no
# Node. After bumping either package, `make vendor` and commit what it writes;
# tests/test_vendor.py fails while the committed copy is not what the lock makes.
vendor: node_modules/.installed  ## Re-make the vendored ts-fsrs from the locked npm packages
	bash tools/vendor-fsrs.sh docs/assets/javascripts/vendor/ts-fsrs.min.js

lint: $(VENV)/.test-installed node_modules/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

test: lint .system-deps-test  ## Lint, type-check and run every test (browser tests need Debian's chromium)
	$(BIN)/python -m pytest

audit: site node_modules/.installed  ## Lighthouse and weight budgets of the built site (fails below budget)
	$(BIN)/python tools/audit.py

test-fast: $(VENV)/.test-installed  ## The unit and golden tests only (under 30 s): no site builds, no browser
	$(BIN)/python -m pytest -m "not slow and not browser"

bench-banks: $(VENV)/.test-installed  ## How each shape of bank is read, against a count made by hand
	$(BIN)/python bench/banks.py

bench: $(VENV)/.test-installed .system-deps-test  ## Benchmarks, one table: generator, site builds warm and cold, engines, handouts vs Chromium
	$(BIN)/python bench/run.py

clean:
	rm -rf build site .site.* bench/out node_modules .system-deps .system-deps-test
