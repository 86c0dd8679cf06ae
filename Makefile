# The two commands a new machine needs: `make demo` and `make test`. Everything else builds on them.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: setup demo test spec generate check lint typecheck bench clean

setup: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev,build]"
	touch $(STAMP)

demo: $(STAMP)
	$(PY) scripts/emulator.py -- $(PY) examples/quickstart.py

test: $(STAMP) check
	$(PY) -m pytest -q

# botocore's SageMaker model (the version pinned in the build extra) -> spec/sagemaker.openapi.json
spec: $(STAMP)
	$(PY) -m codegen.botocore_spec

generate: $(STAMP)
	$(PY) -m codegen

check: $(STAMP) lint typecheck
	$(PY) -m codegen --check

lint: $(STAMP)
	$(PY) -m ruff check sagemaker_client codegen examples tests scripts
	$(PY) -m ruff format --check sagemaker_client codegen examples tests scripts

typecheck: $(STAMP)
	$(PY) -m mypy

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache .hypothesis
