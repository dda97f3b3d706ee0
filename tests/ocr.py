"""The test suite's OCR: the real engine behind recorded readings (``redactor/ingest/ocr/replay.py``).

A reading is recorded the first time a raster is read and replayed after that, keyed by the raster's geometry and
the engine's version and settings and matched by a thumbnail of its pixels (a grey level off on another CPU still
matches), so a replayed answer is the engine's own. ``REDACTOR_OCR_REPLAY``
(set by ``tests/conftest.py`` for this process and every CLI, batch or web subprocess) points at ``tests/ocr_replay``;
``REDACTOR_OCR_REPLAY= pytest`` (empty) runs every test against the live engine."""

from __future__ import annotations

import os
from pathlib import Path

from redactor.config import OcrConfig, load_config
from redactor.protocols import OcrEngine

REPLAY_DIR = Path(__file__).parent / "ocr_replay"


def ocr_engine(cfg: OcrConfig | None = None) -> OcrEngine:
    """RapidOCR for ``cfg`` (the packaged defaults), replayed where a reading was recorded."""
    from redactor.ingest.ocr.rapidocr_engine import RapidOcrEngine
    from redactor.ingest.ocr.replay import ENV, replayed

    cfg = cfg or load_config().ocr
    folder = os.environ.get(ENV) if os.environ.get("REDACTOR_TEST_MODE") == "1" else None
    if not folder:
        return RapidOcrEngine(cfg)
    return replayed(lambda: RapidOcrEngine(cfg), folder, cfg)
