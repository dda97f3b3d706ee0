"""One library of marks for detection and the gate (issue 40): named ink bands and ring searches, the same
answers the copies gave.  The reference masks below are the formulas each side carried before; detection's
are checked against theirs in test_seal_ink_exact.py."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from redactor.marks.circles import hough_circles
from redactor.marks.ink import band_mask, ink_band
from redactor.verify.seals import _ink_masks


@pytest.fixture(scope="module")
def colours() -> np.ndarray:
    """Every hue at many saturations and values, plus a tinted paper, as one RGB image."""
    h, s, v = np.meshgrid(np.arange(0, 180, 2), np.arange(0, 256, 8), np.arange(40, 256, 12), indexing="ij")
    hsv = np.stack([h, s, v], -1).reshape(-1, 1, 3).astype(np.uint8)
    rgb = cv2.cvtColor(hsv, cv2.COLOR_HSV2RGB).reshape(90, -1, 3)
    return np.ascontiguousarray(rgb)


def test_the_gates_ink_bands_are_the_masks_it_carried(colours):
    hsv = cv2.cvtColor(colours, cv2.COLOR_RGB2HSV)
    for pale, (s_red, s_other) in ((False, (70, 60)), (True, (40, 30))):
        red = cv2.inRange(hsv, (0, s_red, 60), (12, 255, 255)) | cv2.inRange(hsv, (160, s_red, 60), (255, 255, 255))
        other = cv2.inRange(hsv, (100, s_other, 50), (159, 255, 255))
        got_red, got_other = _ink_masks(colours, pale)
        assert np.array_equal(got_red, red) and np.array_equal(got_other, other)
    h, s, v = hsv[:, :, 0], hsv[:, :, 1], hsv[:, :, 2]
    faint = ((h <= 10) | (h >= 160)) & (s >= 60) & (v >= 70)
    assert np.array_equal(band_mask(hsv, ink_band("gate.stamp_red_faint")) > 0, faint)


@pytest.mark.parametrize("name", ["detect.ring", "gate.ring", "gate.ring_alt"])
def test_a_ring_is_proposed_where_it_is_drawn(name):
    img = np.zeros((300, 300), np.uint8)
    cv2.circle(img, (150, 140), 60, 255, 3)
    img = cv2.GaussianBlur(img, (5, 5), 0)
    found = hough_circles(img, name, min_dist=40, r_min=30, r_max=90)
    assert found is not None
    x, y, r = found[0][0]
    assert abs(x - 150) <= 3 and abs(y - 140) <= 3 and abs(r - 60) <= 4
