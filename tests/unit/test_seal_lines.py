"""A seal's straight lines are found in its ink and recognised without the detection network (issue 14):
the finder returns as many lines as were drawn, at a slant too, and the recogniser reads them as drawn."""

from __future__ import annotations

import math

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from redactor.detect.regions.seal_lines import find_ink_lines
from redactor.model import Raster

pytestmark = pytest.mark.issue(14)

NAME = "示例市第三建筑工程有限公司"        # synthetic organisation
SIDE = 420


def _font(px: int) -> ImageFont.FreeTypeFont:
    import io

    import pymupdf

    return ImageFont.truetype(io.BytesIO(bytes(pymupdf.Font("china-s").buffer)), px)


def _seal_ink(lines: tuple[str, ...], tilt: float = 0.0, star: bool = True) -> np.ndarray:
    """A round seal's ink (0..255, ink bright) drawn in code: ring, star, the name along the upper arc
    and ``lines`` set straight below the star, the whole turned by ``tilt`` degrees."""
    c, R = SIDE / 2, SIDE * 0.45
    im = Image.new("L", (SIDE, SIDE), 0)
    d = ImageDraw.Draw(im)
    d.ellipse([c - R, c - R, c + R, c + R], outline=255, width=int(R * 0.05))
    if star:
        pts = [(c + (R * 0.26 if k % 2 == 0 else R * 0.1) * math.cos(-math.pi / 2 + k * math.pi / 5),
                c + (R * 0.26 if k % 2 == 0 else R * 0.1) * math.sin(-math.pi / 2 + k * math.pi / 5)) for k in range(10)]
        d.polygon(pts, fill=255)
    ch_px = int(R * 0.22)
    font = _font(ch_px)
    span = 240.0
    for i, ch in enumerate(NAME):
        theta = -90 - span / 2 + span * (i + 0.5) / len(NAME)
        t = math.radians(theta)
        g = Image.new("L", (ch_px * 2, ch_px * 2), 0)
        ImageDraw.Draw(g).text((ch_px, ch_px), ch, font=font, fill=255, anchor="mm")
        g = g.rotate(-(theta + 90), resample=Image.BICUBIC)
        im.paste(255, (int(c + R * 0.74 * math.cos(t) - ch_px), int(c + R * 0.74 * math.sin(t) - ch_px)), g)
    small = _font(int(R * 0.15))
    y = c + R * (0.36 if star else -0.1)
    for text in lines:
        d.text((c, y), text, font=small, fill=255, anchor="mm")
        y += R * 0.22
    return np.asarray(im.rotate(tilt, resample=Image.BICUBIC))


@pytest.fixture(scope="module")
def rapid_ocr():
    pytest.importorskip("rapidocr")
    from redactor.config import OcrConfig
    from redactor.ingest.ocr.rapidocr_engine import RapidOcrEngine

    return RapidOcrEngine(OcrConfig())


def _found(ink: np.ndarray) -> list[np.ndarray] | None:
    d = SIDE * 0.9
    return find_ink_lines(ink, (SIDE / 2, SIDE / 2), (d, d), 0.0)


@pytest.mark.parametrize("tilt", [0.0, 14.0, -21.0])
@pytest.mark.parametrize("lines", [("技术中心",), ("财务部", "合同专用章")])
def test_the_finder_returns_the_drawn_straight_lines(lines, tilt):
    found = _found(_seal_ink(lines, tilt))
    assert found is not None and len(found) == len(lines)
    for img, text in zip(found, lines):
        h, w = img.shape
        assert w > 0.6 * len(text) * h                      # a level line of the drawn length, not a slanted box
        assert (img < 128).any()


def test_no_straight_text_gives_no_lines_and_no_star_is_no_line():
    assert _found(_seal_ink(())) == []
    assert len(_found(_seal_ink(("业务专用章",), star=False)) or []) == 1


@pytest.mark.models
@pytest.mark.parametrize("tilt", [0.0, 17.0])
def test_the_lines_read_as_drawn(rapid_ocr, tilt):
    lines = ("财务部", "合同专用章")
    found = _found(_seal_ink(lines, tilt))
    assert found is not None
    read = [rapid_ocr.read_strip(Raster(pixels=np.stack([img] * 3, axis=-1))).text for img in found]
    assert read == list(lines)


class _Counting:
    """The real engine, counting the calls that run the detection network."""

    name = "counting"

    def __init__(self, inner) -> None:
        self.inner, self.detections = inner, 0

    def recognize(self, raster):
        self.detections += 1
        return self.inner.recognize(raster)

    def recognize_upright(self, raster):
        self.detections += 1
        return self.inner.recognize_upright(raster)

    def read_strip(self, raster):
        return self.inner.read_strip(raster)


@pytest.mark.models
def test_a_born_digital_seal_is_read_without_detection(rapid_ocr):
    from redactor.detect.regions.seal import SealDetector, red_mask

    ink = _seal_ink(("合同专用章",), 9.0).astype(np.float32) / 255
    rgb = np.full((SIDE + 80, SIDE + 80, 3), 255, np.uint8)
    sub = rgb[40:-40, 40:-40]
    sub[:] = (255 * (1 - ink[..., None]) + np.array([215, 30, 40]) * ink[..., None]).astype(np.uint8)
    ppt = 300 / 72
    for flag, detections in ((True, 0), (False, 1)):
        det = SealDetector(ink_lines=flag)
        (seal,) = det.find_seals(red_mask(rgb), ppt)
        eng = _Counting(rapid_ocr)
        text, score, source = det.read(rgb, seal, eng, ppt, upright_crop=True)
        assert NAME in text.replace(" ", "") and "合同专用章" in text and source == "arc+crop"
        assert eng.detections == detections
