# The two set-up commands of the README.  Both work on a fresh machine.
PY ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
OUT ?= out

.PHONY: demo test install install-test bench bench-ci lint clean

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

install: $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .

install-test: $(BIN)/python   # the ray extra: tests/integration/test_batch_ray.py runs a two-node cluster (~1.5 min)
	$(BIN)/python -m pip install --quiet -e ".[test,ray]"

## make demo: install, then redact every file in sample_docs/ into $(OUT)/ and verify the results
SAMPLES := $(wildcard sample_docs/*.pdf sample_docs/*.png sample_docs/*.jpg sample_docs/*.tif sample_docs/*.tiff)

demo: install
	$(BIN)/redactor redact $(SAMPLES) --profile sample_docs/profile.yaml --out $(OUT) --preview
	@for f in $(OUT)/*.redacted.pdf; do $(BIN)/redactor verify "$$f" --profile sample_docs/profile.yaml || exit 1; done

## make test: install with test extras, then run the test suite and the architecture contracts
test: install-test
	$(BIN)/lint-imports
	$(BIN)/python -m pytest -q -p no:cacheprovider

## make bench: the full quality + speed benchmark (about 10-12 minutes on 2 idle cores)
bench: install-test
	$(BIN)/python -m benchmarks.run --full

bench-ci: install-test
	$(BIN)/python -m benchmarks.run --subset ci

clean:
	rm -rf $(OUT) build *.egg-info
