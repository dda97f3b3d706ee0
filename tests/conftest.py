from __future__ import annotations

from pathlib import Path

import pytest

from redactor.config import RedactorConfig, load_config, profile_from_mapping
from tests.synth import APPLICANT


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--runslow", action="store_true", default=False, help="run slow tests (OCR on rendered scans)")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
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
