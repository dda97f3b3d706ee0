# The two set-up commands of the README.  Both work on a fresh machine.
PY ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
OUT ?= out

.PHONY: demo test install install-test bench bench-deps bench-ci lint clean serve screenshots

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

install: $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .

install-test: $(BIN)/python   # the ray extra: tests/integration/test_batch_ray.py runs a two-node cluster (~1.5 min)
	$(BIN)/python -m pip install --quiet -e ".[test,ray]"
	@# the browser tests drive Debian's chromium (Playwright's own browsers cannot be downloaded here)
	@dpkg -s chromium fonts-noto-cjk >/dev/null 2>&1 || { apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq -o DPkg::Lock::Timeout=600 chromium fonts-noto-cjk; }

## make demo: install, then redact every file in sample_docs/ into $(OUT)/ and verify the results
SAMPLES := $(wildcard sample_docs/*.pdf sample_docs/*.png sample_docs/*.jpg sample_docs/*.tif sample_docs/*.tiff)

demo: install
	$(BIN)/redactor redact $(SAMPLES) --profile sample_docs/profile.yaml --out $(OUT) --preview
	@for f in $(OUT)/*.redacted.pdf; do $(BIN)/redactor verify "$$f" --profile sample_docs/profile.yaml || exit 1; done

## make test: install with test extras, then run the test suite and the architecture contracts
test: install-test
	$(BIN)/lint-imports
	$(BIN)/python -m pytest -q -p no:cacheprovider

## make bench: the full quality + speed benchmark on the development seed and on the held-out seed
## (never used while developing), then ../shared/realdocs when present, and the two seeds' bars side by side
BENCH_OUT ?= benchmarks/results

bench-deps:
	@command -v soffice >/dev/null 2>&1 || { echo "installing LibreOffice Writer for the corpus's Word forms"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libreoffice-writer-nogui; }
	@fc-list :lang=zh-cn | grep -q . || { echo "installing CJK fonts for the corpus's other layouts"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
		fonts-wqy-zenhei fonts-arphic-ukai fonts-arphic-uming; }

bench: install-test bench-deps
	$(BIN)/python -m benchmarks.run --full --out $(BENCH_OUT)/dev
	$(BIN)/python -m benchmarks.run --full --heldout --out $(BENCH_OUT)/heldout
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
	REDACTOR_SCREENSHOTS=$(OUT)/screenshots $(BIN)/python -m pytest -q -p no:cacheprovider tests/web/test_browser.py
	mkdir -p docs/screenshots && cp $(OUT)/screenshots/*.png docs/screenshots/

clean:
	rm -rf $(OUT) build *.egg-info
