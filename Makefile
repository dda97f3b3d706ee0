# The two set-up commands of the README.  Both work on a fresh machine.
PY ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
OUT ?= out

.PHONY: demo test test-fast install install-test constraints bench bench-deps bench-ci lint clean serve screenshots record-ocr

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

install: $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .

# make install-test: the test extras at the versions the tests were recorded with (constraints/test.txt), and the
# Debian packages the tests drive: chromium (browser tests), LibreOffice Writer (the corpus's Word forms) and the
# corpus's pinned fonts (fonts-noto-cjk; benchmarks/corpus/styles.py draws with nothing else)
TEST_DEBS := chromium fonts-noto-cjk libreoffice-writer-nogui

install-test: $(BIN)/python   # the ray extra: tests/integration/test_batch_ray.py runs a two-node cluster (~1.5 min)
	$(BIN)/python -m pip install --quiet -e ".[test,ray]" -c constraints/test.txt
	@# the browser tests drive Debian's chromium (Playwright's own browsers cannot be downloaded here)
	@dpkg -s $(TEST_DEBS) >/dev/null 2>&1 || { apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq -o DPkg::Lock::Timeout=600 $(TEST_DEBS); }

## make constraints: refresh constraints/test.txt from the venv (then make test, and commit tests/ocr_replay)
constraints: $(BIN)/python
	{ sed -n '1,3p' constraints/test.txt; $(BIN)/python -m pip freeze --exclude-editable | grep -v '^redactor'; } > constraints/test.new
	mv constraints/test.new constraints/test.txt

## make demo: install, then redact every file in sample_docs/ into $(OUT)/ and verify the results
SAMPLES := $(wildcard sample_docs/*.pdf sample_docs/*.png sample_docs/*.jpg sample_docs/*.tif sample_docs/*.tiff)

demo: install
	$(BIN)/redactor redact $(SAMPLES) --profile sample_docs/profile.yaml --out $(OUT) --preview
	@for f in $(OUT)/*.redacted.pdf; do $(BIN)/redactor verify "$$f" --profile sample_docs/profile.yaml || exit 1; done

## make test: install with test extras, then run the test suite and the architecture contracts, one worker
## process per core (PYTEST_WORKERS=0 runs it in this one process; each module stays on one worker)
## strict: every OCR reading comes from tests/ocr_replay; one never recorded fails its test (make record-ocr)
PYTEST_WORKERS ?= 2
test: install-test
	$(BIN)/lint-imports
	REDACTOR_OCR_REPLAY_STRICT=1 $(BIN)/python -m pytest -q -p no:cacheprovider -n $(PYTEST_WORKERS) --dist loadfile $(PYTEST_ARGS)

## make record-ocr: the suite with live OCR where no reading was recorded, recording it (commit tests/ocr_replay)
record-ocr: install-test
	REDACTOR_OCR_REPLAY_STRICT=0 $(BIN)/python -m pytest -q -p no:cacheprovider -n $(PYTEST_WORKERS) --dist loadfile $(PYTEST_ARGS)

## make test-fast: the inner loop (~1 min): unit tests that need no corpus generation, no live model and no browser
test-fast: install-test
	REDACTOR_OCR_REPLAY_STRICT=1 $(BIN)/python -m pytest -q -p no:cacheprovider -m "not corpus and not models and not browser and not ray" tests/unit

## make bench: the full quality + speed benchmark on the development seed and on the held-out seed
## (never used while developing), then ../shared/realdocs when present, and the two seeds' bars side by side
BENCH_OUT ?= benchmarks/results

bench-deps:   # the corpus's Word forms, and its wide font set (REDACTOR_CORPUS_FONTS=wide, benchmarks/corpus/styles.py)
	@command -v soffice >/dev/null 2>&1 || { echo "installing LibreOffice Writer for the corpus's Word forms"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libreoffice-writer-nogui; }
	@dpkg -s fonts-wqy-zenhei fonts-arphic-ukai fonts-arphic-uming >/dev/null 2>&1 || { echo "installing the corpus's wide CJK font set"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
		fonts-wqy-zenhei fonts-arphic-ukai fonts-arphic-uming; }

bench: install-test bench-deps
	REDACTOR_CORPUS_FONTS=wide $(BIN)/python -m benchmarks.run --full --out $(BENCH_OUT)/dev
	REDACTOR_CORPUS_FONTS=wide $(BIN)/python -m benchmarks.run --full --heldout --out $(BENCH_OUT)/heldout
	$(BIN)/python -m benchmarks.run --summarize --out $(BENCH_OUT)

bench-ci: install-test
	$(BIN)/python -m benchmarks.run --subset ci

## make serve: the web app (申请人自查 + 抽检) on http://127.0.0.1:8000
serve: install
	$(BIN)/python -m pip install --quiet -e ".[web]"
	$(BIN)/redactor serve

## make screenshots: run the browser tests and copy their screenshots into docs/screenshots/
screenshots: install-test
	rm -rf $(OUT)/screenshots
	REDACTOR_SCREENSHOTS=$(OUT)/screenshots $(BIN)/python -m pytest -q -p no:cacheprovider tests/web/test_browser.py tests/web/test_spot_pending_browser.py
	mkdir -p docs/screenshots && cp $(OUT)/screenshots/*.png docs/screenshots/

clean:
	rm -rf $(OUT) build *.egg-info
