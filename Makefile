# make test   install everything (venv, package + test extra, the pinned dev server,
#             @liveblocks/node, @liveblocks/emails and @liveblocks/node-prosemirror as
#             references, the official Python package in a venv of its own), then
#             ruff, mypy --strict and the whole pytest suite (it starts the dev server itself)
# make demo   the same install, then examples/tour.py against a throwaway dev server
# make bench  side-by-side benchmarks against the official SDK; prints and saves the results
#             (make bench-report also rewrites benchmarks/README.md's tables with them)
# make dist   a wheel and an sdist in dist/, checked with twine check --strict
# make docs   the reference site in site/ (mkdocs, strict: a broken link or reference fails)

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
DEVSERVER := .devserver
DEVSERVER_VERSION := 1.9.0
DEVSERVER_BIN := $(DEVSERVER)/node_modules/.bin
# @liveblocks/node, the reference the integration tests compare uploads and edits with.
NODE_SDK := .node-sdk
NODE_SDK_VERSION := 3.24.2
# @liveblocks/emails (with the @liveblocks/node it needs), the reference for notification emails.
NODE_EMAILS := .node-emails
NODE_EMAILS_VERSION := 3.13.4
# @liveblocks/node-prosemirror (with the @liveblocks/node it needs) and its peers, pinned:
# the reference for the room's text-editor documents.
NODE_PROSEMIRROR := .node-prosemirror
NODE_PROSEMIRROR_PACKAGES := @liveblocks/node-prosemirror@3.23.1 @tiptap/core@3.35.0 \
	@tiptap/pm@3.35.0 @tiptap/react@3.35.0 @tiptap/starter-kit@3.35.0 \
	prosemirror-markdown@1.13.9 y-prosemirror@1.3.7 yjs@13.6.33

# The official Python package, in a virtual environment of its own: the reference the
# tests compare error messages with (the benchmarks use the same one).
OFFICIAL_VENV := benchmarks/.venv-official
OFFICIAL_PACKAGE := liveblocks==3.16.0a1

export PATH := $(CURDIR)/$(DEVSERVER_BIN):$(PATH)

.PHONY: install devserver nodesdk emails prosemirror official browser test lint docs demo bench bench-report dist clean

$(VENV)/.installed: setup.cfg pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@

install: $(VENV)/.installed

$(DEVSERVER)/.installed:
	npm install --silent --no-audit --no-fund --prefix $(DEVSERVER) liveblocks@$(DEVSERVER_VERSION) bun
	touch $@

devserver: $(DEVSERVER)/.installed

$(NODE_SDK)/.installed:
	npm install --silent --no-audit --no-fund --prefix $(NODE_SDK) @liveblocks/node@$(NODE_SDK_VERSION)
	touch $@

nodesdk: $(NODE_SDK)/.installed

$(NODE_EMAILS)/.installed:
	npm install --silent --no-audit --no-fund --prefix $(NODE_EMAILS) @liveblocks/emails@$(NODE_EMAILS_VERSION)
	touch $@

emails: $(NODE_EMAILS)/.installed

$(NODE_PROSEMIRROR)/.installed:
	npm install --silent --no-audit --no-fund --prefix $(NODE_PROSEMIRROR) $(NODE_PROSEMIRROR_PACKAGES)
	touch $@

prosemirror: $(NODE_PROSEMIRROR)/.installed

$(OFFICIAL_VENV)/.installed:
	$(PYTHON) -m venv --clear $(OFFICIAL_VENV)
	$(OFFICIAL_VENV)/bin/python -m pip install --quiet '$(OFFICIAL_PACKAGE)'
	touch $@

official: $(OFFICIAL_VENV)/.installed

# Debian's headless Chromium, for the check of the docs site in a real browser.
browser:
	@command -v chromium >/dev/null || { apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

docs: install
	NO_MKDOCS_2_WARNING=1 $(VENV)/bin/mkdocs build --strict

lint: install
	$(VENV)/bin/ruff check liveblocks tests examples scripts
	$(VENV)/bin/mypy --strict liveblocks

test: install devserver nodesdk emails prosemirror official browser lint
	LIVEBLOCKS_DEVSERVER="$(CURDIR)/$(DEVSERVER_BIN)/liveblocks" \
	NODE_SDK_DIR="$(CURDIR)/$(NODE_SDK)/node_modules" \
	NODE_EMAILS_DIR="$(CURDIR)/$(NODE_EMAILS)/node_modules" \
	NODE_PROSEMIRROR_DIR="$(CURDIR)/$(NODE_PROSEMIRROR)/node_modules" \
	LIVEBLOCKS_OFFICIAL_PYTHON="$(CURDIR)/$(OFFICIAL_VENV)/bin/python" $(PY) -m pytest -q

demo: install devserver
	liveblocks dev --no-check -c "$(CURDIR)/$(PY) examples/tour.py"

bench: install devserver
	$(PY) benchmarks/run.py

bench-report: install devserver
	$(PY) benchmarks/run.py --write-readme

dist: install
	rm -rf dist
	$(PY) -m build --outdir dist .
	$(PY) -m twine check --strict dist/*

clean:
	rm -rf $(VENV) $(DEVSERVER) $(NODE_SDK) $(NODE_EMAILS) $(NODE_PROSEMIRROR) build dist site *.egg-info
