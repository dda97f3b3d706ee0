"""Seal strips are read as one line (issue 14): recognition only where the engine offers it, detection
otherwise, and the verifier's seal channel reads a doubtful strip again with detection."""

from __future__ import annotations

import numpy as np
import pytest

from redactor.detect.regions.base import ocr_image
from redactor.model import BBox, Raster
from redactor.protocols import OcrText, read_strip

pytestmark = pytest.mark.issue(14)


def _line(text: str, score: float) -> OcrText:
    b = BBox(0, 0, 10, 10)
    return OcrText(text, tuple(b for _ in text), b, score)


class Detecting:
    """An engine without recognition-only reading: every call runs detection."""

    name = "fake"

    def __init__(self, text: str = "检测读数", score: float = 0.95) -> None:
        self.shapes: list[tuple[int, ...]] = []
        self.text, self.score = text, score

    def recognize(self, raster: Raster) -> list[OcrText]:
        self.shapes.append(raster.pixels.shape)
        return [_line(self.text, self.score)]


class Strips(Detecting):
    def __init__(self, strip_text: str, strip_score: float) -> None:
        super().__init__()
        self.strips: list[tuple[int, ...]] = []
        self.strip_text, self.strip_score = strip_text, strip_score

    def read_strip(self, raster: Raster) -> OcrText:
        self.strips.append(raster.pixels.shape)
        return _line(self.strip_text, self.strip_score)


def test_ocr_image_reads_a_strip_without_detection_and_unpadded():
    strip = np.full((40, 400, 3), 255, np.uint8)
    eng = Strips("包头钢铁集团", 0.97)
    assert ocr_image(eng, strip) == ("包头钢铁集团", pytest.approx(0.97))
    assert eng.strips == [(40, 400, 3)] and eng.shapes == []        # no detection, no padding to 3:1
    old = Detecting()
    assert ocr_image(old, strip) == ("检测读数", pytest.approx(0.95))
    assert old.shapes == [(134, 400, 3)]                             # padded towards a square, as before


def test_doubtful_strip_is_read_again_with_detection():
    r = Raster(pixels=np.full((40, 400, 3), 255, np.uint8))
    sure = Strips("包头钢铁集团", 0.95)
    assert [t.text for t in read_strip(sure, r, confident=0.8)] == ["包头钢铁集团"] and sure.shapes == []
    for text, score in (("/V", 0.63), ("一", 0.99), ("", 0.0)):
        doubtful = Strips(text, score)
        assert [t.text for t in read_strip(doubtful, r, confident=0.8)] == ["检测读数"]
        assert len(doubtful.shapes) == 1
    assert read_strip(Strips("", 0.0), r) == []                      # without ``confident``: what it read
