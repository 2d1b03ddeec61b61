# Two commands do everything on a fresh clone:
#   make run    set up .venv (if needed), install the package, run the baseline, print the scorecard
#   make test   the same set-up, then ruff and the whole test suite (slow validation included)
# Extra arguments for the model go in ARGS, e.g.  make run ARGS="scenario=history seed=3"
# (for make bench, the benchmark's options: make bench ARGS="--agents 200000 --months 12")

VENV   ?= .venv
PY     := $(VENV)/bin/python
# .python-version selects 3.12 under pyenv; prefer an explicit python3.12 where there is one.
PYTHON ?= $(shell command -v python3.12 2>/dev/null || echo python3)
ARGS   ?=

.PHONY: setup run test test-fast bench lint clean

$(VENV)/.installed: pyproject.toml
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 12), "Python >= 3.12 is needed (found " + sys.version.split()[0] + ")"'
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@

setup: $(VENV)/.installed

run: setup
	$(PY) -m sim $(ARGS)

test: setup
	$(PY) -m ruff check .
	$(PY) -m pytest

test-fast: setup
	$(PY) -m pytest -m "not slow"

bench: setup
	$(PY) experiments/benchmark.py $(ARGS)

lint: setup
	$(PY) -m ruff check .
	$(PY) -m ruff format --check sim tests experiments

clean:
	rm -rf $(VENV) *.egg-info .pytest_cache .ruff_cache
