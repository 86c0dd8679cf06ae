# The two commands a new machine needs: `make demo` and `make test`. Everything else builds on them.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
# The benchmarks' own virtualenv: runtime dependencies plus the compared clients (see benchmarks/).
BENCH_VENV := .venv-bench
BENCH_PY := $(BENCH_VENV)/bin/python
BENCH_STAMP := $(BENCH_VENV)/.installed

.PHONY: setup bench-setup demo test spec generate check lint typecheck bench clean

setup: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev,build]"
	touch $(STAMP)

bench-setup: $(BENCH_STAMP)

$(BENCH_STAMP): pyproject.toml
	$(PYTHON) -m venv $(BENCH_VENV)
	$(BENCH_PY) -m pip install --quiet --upgrade pip
	$(BENCH_PY) -m pip install --quiet -e ".[bench]"
	touch $(BENCH_STAMP)

demo: $(STAMP)
	$(PY) scripts/emulator.py -- $(PY) examples/quickstart.py

# The bench virtualenv is a prerequisite so that the benchmark smoke test always runs.
test: $(STAMP) $(BENCH_STAMP) check
	$(PY) -m pytest -q

# botocore's SageMaker model (the version pinned in the build extra) -> spec/sagemaker.openapi.json
spec: $(STAMP)
	$(PY) -m codegen.botocore_spec

generate: $(STAMP)
	$(PY) -m codegen

check: $(STAMP) lint typecheck
	$(PY) -m codegen --check

lint: $(STAMP)
	$(PY) -m ruff check sagemaker_client codegen examples tests scripts benchmarks
	$(PY) -m ruff format --check sagemaker_client codegen examples tests scripts benchmarks

typecheck: $(STAMP)
	$(PY) -m mypy

# Not part of `make test`: a few minutes of measuring (tests/bench has a smoke test).
bench: $(BENCH_STAMP)
	$(BENCH_PY) -m benchmarks

clean:
	rm -rf $(VENV) $(BENCH_VENV) .mypy_cache .ruff_cache .pytest_cache .hypothesis
