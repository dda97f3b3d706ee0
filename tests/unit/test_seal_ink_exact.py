"""The seal ink masks and amounts are computed with cv2 primitives (``inRange``, saturating differences,
tables per channel) for speed (issue #14); they must give exactly the pixels of the plain numpy
definitions they replace, on every colour (all pairs of channel values) and on a noisy picture."""

from __future__ import annotations

from dataclasses import replace

import cv2
import numpy as np
import pytest

from redactor.detect.regions import seal_ink as S
from redactor.marks.ink import ink_band, white_balanced
from redactor.verify import seals as V
from redactor.verify.seals_grey import dark_ink


def _colours() -> list[np.ndarray]:
    a = np.arange(256, dtype=np.uint8)
    x, y = np.meshgrid(a, a)
    out = []
    for order in ((0, 1, 2), (1, 2, 0), (2, 0, 1)):
        im = np.zeros((256, 256, 3), np.uint8)
        im[:, :, order[0]], im[:, :, order[1]] = x, y
        im[:, :, order[2]] = (x // 2 + y // 3).astype(np.uint8)
        out.append(im)
    rng = np.random.default_rng(7)
    noisy = rng.integers(0, 256, (120, 160, 3), dtype=np.uint8)
    out += [noisy, (noisy * 0.8).astype(np.uint8)[10:90, 5:150]]        # a warm page; a view, not contiguous
    return out


def _hsv(rgb):
    hsv = cv2.cvtColor(np.ascontiguousarray(rgb), cv2.COLOR_RGB2HSV)
    return hsv[:, :, 0], hsv[:, :, 1], hsv[:, :, 2]


def _ref_red(rgb, s_min=50, v_min=70, dominance=35):
    h, s, v = _hsv(rgb)
    r = rgb[:, :, 0].astype(np.int16)
    gb = np.maximum(rgb[:, :, 1], rgb[:, :, 2]).astype(np.int16)
    return (((h <= 12) | (h >= 155)) & (s >= s_min) & (v >= v_min) & (r - gb >= dominance)).astype(np.uint8)


def _ref_blue(rgb, s_min=30, v_min=70, dominance=25):
    h, s, v = _hsv(rgb)
    d = rgb[:, :, 2].astype(np.int16) - np.maximum(rgb[:, :, 0], rgb[:, :, 1]).astype(np.int16)
    off = min(0, int(np.median(d[::5, ::5])))
    return ((h >= 95) & (h <= 130) & (s >= s_min) & (v >= v_min) & (d - off >= dominance)).astype(np.uint8)


def _ref_purple(rgb, s_min=30, v_min=70, dominance=30):
    h, s, v = _hsv(rgb)
    d = np.minimum(rgb[:, :, 0], rgb[:, :, 2]).astype(np.int16) - rgb[:, :, 1].astype(np.int16)
    off = min(0, int(np.median(d[::5, ::5])))
    return ((h >= 125) & (h < 160) & (s >= s_min) & (v >= v_min) & (d - off >= dominance)).astype(np.uint8)


def _ref_amount(rgb, ink: int):
    f = rgb.astype(np.float32)
    if ink == 0:
        d = f[:, :, 0] - np.maximum(f[:, :, 1], f[:, :, 2])
    elif ink == 1:
        d = f[:, :, 2] - np.maximum(f[:, :, 0], f[:, :, 1])
    else:
        d = np.minimum(f[:, :, 0], f[:, :, 2]) - f[:, :, 1]
    return np.clip(d * 1.6, 0, 255).astype(np.uint8)


def _ref_white(rgb):
    paper = np.maximum(np.percentile(rgb[::5, ::5].reshape(-1, 3), 90, axis=0).astype(np.float32), 1.0)
    return np.clip(rgb.astype(np.float32) * (255.0 / paper), 0, 255).astype(np.uint8)


@pytest.mark.parametrize("kw", [{}, {"dominance": 0}, {"dominance": -20}, {"s_min": 0, "v_min": 0},
                                {"dominance": 300}])
def test_ink_masks_match_their_definition(kw):
    """The named bands of configs/marks.yaml (``detect.*``) give the formulas' pixels, at their defaults and with
    other parameters put in the band."""
    inks = ((S.red_mask, _ref_red, "detect.red"), (S.blue_mask, _ref_blue, "detect.blue"),
            (S.purple_mask, _ref_purple, "detect.purple"))
    for im in _colours():
        hsv = cv2.cvtColor(np.ascontiguousarray(im), cv2.COLOR_RGB2HSV)      # the page's shared plane
        for fn, ref, name in inks:
            band = replace(ink_band(name), **kw)
            assert np.array_equal(fn(im, band=band), ref(im, **kw))
            assert np.array_equal(fn(im, hsv=hsv, band=band), ref(im, **kw))
            if not kw:
                assert np.array_equal(fn(im), ref(im))


def test_ink_amounts_and_white_balance_match_their_definition():
    assert _colours()
    for im in _colours():
        for ink, fn in enumerate((S.redness, S.blueness, S.purpleness)):
            got = fn(im)
            assert got.dtype == np.uint8 and np.array_equal(got, _ref_amount(im, ink))
        assert np.array_equal(white_balanced(im), _ref_white(im))


def test_verifier_masks_match_their_definition():
    assert _colours()
    for im in _colours():
        h, s, v = _hsv(im)
        for pale, (s_red, s_other) in ((False, (70, 60)), (True, (40, 30))):
            red, other = V._ink_masks(im, pale)
            assert np.array_equal(red, (((h <= 12) | (h >= 160)) & (s >= s_red) & (v >= 60)).astype(np.uint8) * 255)
            assert np.array_equal(other, ((h >= 100) & (h < 160) & (s >= s_other) & (v >= 50)).astype(np.uint8) * 255)
        bh, bs, bv = _hsv(cv2.GaussianBlur(_ref_white(im), (5, 5), 0))
        want = (((bh <= 12) | (bh >= 100)) & (bs >= 18) & (bv >= 90)).astype(np.uint8) * 255
        pale, faintest = V._pale_inks(im)
        assert np.array_equal(pale, want)
        # the faintest: a stamp ink's chroma over 3x the paper's own (99.5th percentile where the page is white)
        white = cv2.GaussianBlur(_ref_white(im), (5, 5), 0).astype(np.int16)
        r, g, b = white[:, :, 0], white[:, :, 1], white[:, :, 2]
        chroma = np.clip(np.maximum.reduce([b - np.maximum(r, g), np.minimum(r, b) - g, r - np.maximum(g, b)]), 0, 255)
        grey_w = cv2.cvtColor(white[::3, ::3].astype(np.uint8), cv2.COLOR_RGB2GRAY)
        paper = chroma[::3, ::3][grey_w >= 250]
        level = max(5, int(np.ceil(3 * np.percentile(paper, 99.5)))) if paper.size else 255
        near_print = cv2.dilate((cv2.cvtColor(white.astype(np.uint8), cv2.COLOR_RGB2GRAY) < 140).astype(np.uint8),
                                np.ones((5, 5), np.uint8))           # a colour scan's fringes beside black print
        assert np.array_equal(faintest, ((chroma >= level) & (bv >= 90) & (near_print == 0)).astype(np.uint8) * 255)
        grey = cv2.cvtColor(np.ascontiguousarray(im), cv2.COLOR_RGB2GRAY)
        paper = float(np.percentile(grey[::5, ::5], 90))
        for light, level in ((False, min(170.0, 0.72 * paper)), (True, min(225.0, 0.88 * paper))):
            assert np.array_equal(dark_ink(im, light), ((grey < level) & (s < 60)).astype(np.uint8) * 255)
        faint = min(196.0, 0.8 * paper)
        assert np.array_equal(dark_ink(im, faint=True), ((grey < faint) & (s < 60)).astype(np.uint8) * 255)
