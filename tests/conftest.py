from __future__ import annotations

import os
from pathlib import Path

# The fonts the final check's PDFium may substitute from: the folders `make install-test` fills (fonts-noto-cjk and
# what Chromium and LibreOffice bring), not whatever else the machine has -- PDFium scans font folders itself, and
# fonts-wqy-* or fonts-arphic-* installed beside them changed the check's pixels (redactor.verify.pdfium_reader
# .pin_font_paths).  Set before redactor is imported: PDFium is initialised again with these at that import.
_PINNED_FONT_DIRS = ("/usr/share/fonts/opentype/noto", "/usr/share/fonts/truetype/noto", "/usr/share/fonts/truetype/dejavu",
                     "/usr/share/fonts/truetype/liberation", "/usr/share/fonts/truetype/liberation2",
                     "/usr/share/fonts/truetype/libreoffice")
os.environ.setdefault("REDACTOR_PDFIUM_FONT_PATHS", os.pathsep.join(d for d in _PINNED_FONT_DIRS if os.path.isdir(d)))

import pytest  # noqa: E402

from redactor.config import RedactorConfig, load_config, profile_from_mapping  # noqa: E402
from tests.synth import APPLICANT  # noqa: E402


def pytest_configure(config: pytest.Config) -> None:
    """Every OCR reading the suite makes is replayed from ``tests/ocr_replay`` when it was recorded (tests/ocr.py);
    set here, so the CLI, batch and web subprocesses inherit it.  ``REDACTOR_OCR_REPLAY=`` (empty) reads live."""
    from tests.ocr import REPLAY_DIR

    os.environ.setdefault("REDACTOR_OCR_REPLAY", str(REPLAY_DIR))
    os.environ["REDACTOR_TEST_MODE"] = "1"       # the recordings are the test suite's alone (replay.refuse_outside_tests)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--runslow", action="store_true", default=False, help="run slow tests (OCR on rendered scans)")


_MODEL_FIXTURES = {"region_pipeline", "text_pipeline", "detector", "ocr"}


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    # the tiers of `make test-fast`: a test generating corpus documents, or loading the pipeline's models, is not
    # in the inner loop (`make test` runs everything)
    for item in items:
        if item.path.name.startswith("test_corpus"):
            item.add_marker(pytest.mark.corpus)
        if _MODEL_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.models)
    if config.getoption("--runslow"):
        return
    skip = pytest.mark.skip(reason="slow: run with --runslow")
    for item in items:
        if "slow" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def cfg() -> RedactorConfig:
    return load_config()


@pytest.fixture(scope="session")
def text_cfg(cfg: RedactorConfig) -> RedactorConfig:
    """Config without region detectors: fast tests of the text path."""
    return cfg.model_copy(update={"detect": cfg.detect.model_copy(update={"regions": []})})


@pytest.fixture(scope="session")
def text_pipeline(text_cfg: RedactorConfig):
    from redactor.pipeline import Pipeline

    return Pipeline(text_cfg, regions=False)


@pytest.fixture(scope="session")
def region_pipeline(cfg: RedactorConfig):
    """The full pipeline (region detectors, OCR), loaded once for every test that needs pixels."""
    from redactor.pipeline import Pipeline

    return Pipeline(cfg)


@pytest.fixture(scope="session")
def detector(text_cfg: RedactorConfig):
    from redactor.detect import Detector

    return Detector(text_cfg, regions=False)


@pytest.fixture(scope="session")
def applicant_profile():
    return profile_from_mapping(APPLICANT.profile())


@pytest.fixture
def profile_file(tmp_path: Path) -> Path:
    return APPLICANT.write_profile(tmp_path / "profile.yaml")
