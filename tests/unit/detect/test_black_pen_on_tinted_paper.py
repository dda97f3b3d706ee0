"""A black pen's signature on tinted paper is a signature, not a colour figure.

Fresh variety seed 58969 (never opened before its run): a 评审表 scanned on pale green paper, the applicant's
black signature beside 申请人签名.  Its darkest pixels (5 levels between their channels at a brightness of 20)
read 60 % saturated, with hues from yellow to blue: the colour-figure test took the signature for a chart and
detection called the label unsigned -- a silent leak.  A hue counts only where a pixel's channels differ enough
for it to mean anything (``SignatureDetector.hue_min_chroma``); a blue pen and a colour chart keep theirs."""

from __future__ import annotations

import cv2
import numpy as np

from redactor.detect.regions.signature import SignatureDetector
from redactor.detect.regions.signature_ink import Ink
from redactor.detect.regions.signature_labels import Label
from redactor.detect.regions.signature_strokes import quality
from redactor.model import BBox

PPT = 150 / 72
PAPER = (234, 243, 226)           # the scan's pale green paper (RGB)


def _signature(colour_of) -> tuple[np.ndarray, np.ndarray, Ink]:
    """A scrawl of pen strokes on tinted paper, each ink pixel coloured by ``colour_of(rng)``; its ink mask and
    group."""
    rng = np.random.default_rng(5)
    rgb = np.empty((90, 360, 3), np.uint8)
    rgb[:] = PAPER
    mask = np.zeros(rgb.shape[:2], np.uint8)
    pts = np.array([[20, 60], [45, 25], [60, 62], [90, 20], [110, 58], [150, 30], [170, 64], [210, 22],
                    [240, 60], [280, 28], [300, 62], [330, 40]], np.int32)
    cv2.polylines(mask, [pts], False, 1, thickness=3)
    cv2.line(mask, (30, 72), (260, 70), 1, 3)        # the underline flourish
    ys, xs = np.nonzero(mask)
    for y, x in zip(ys, xs):
        rgb[y, x] = colour_of(rng)
    r = (int(xs.min()), int(ys.min()), int(xs.max()) + 1, int(ys.max()) + 1)
    return rgb, mask, Ink(r, int(mask.sum()))


def _label() -> Label:
    return Label("申请人签名", BBox(0, 0, 40, 12), [(0, 0, 360, 90)], (0, 30, 0, 55), 25.0)


def _near_black(rng: np.random.Generator) -> tuple[int, int, int]:
    v = int(rng.integers(15, 30))
    return tuple(int(v - rng.integers(0, 7)) for _ in range(3))       # a few levels apart, in any order


def test_a_black_pens_noisy_dark_pixels_are_no_colour_figure():
    rgb, ink, g = _signature(_near_black)
    hsv = cv2.cvtColor(rgb, cv2.COLOR_RGB2HSV)
    assert ((hsv[:, :, 1] >= 60) & (ink > 0)).sum() > 0.15 * ink.sum()     # "saturated", as the scan's were
    assert quality(SignatureDetector(), ink, g, _label(), PPT, rgb) is not None


def test_a_blue_pen_is_still_a_signature_and_a_many_coloured_scrawl_still_a_figure():
    rgb, ink, g = _signature(lambda rng: (30, 60, 170))
    assert quality(SignatureDetector(), ink, g, _label(), PPT, rgb) is not None
    palette = [(220, 40, 40), (40, 180, 40), (40, 60, 220), (230, 200, 30)]
    rgb, ink, g = _signature(lambda rng: palette[int(rng.integers(0, 4))])
    assert quality(SignatureDetector(), ink, g, _label(), PPT, rgb) is None
