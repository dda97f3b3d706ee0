"""The faster pixel helpers of the region detectors (issue #14) give exactly what the plain numpy
formulas they replace give, and one page's planes are made once and shared."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from redactor.detect.regions import seal_ink
from redactor.detect.regions.base import grey_percentile, pixel_rect_for_bbox, pixel_rects_for_bboxes
from redactor.detect.regions.planes import PagePlanes, planes_of
from redactor.model import BBox, Page, PageKind, Raster


def _scan_like(seed: int, h: int = 240, w: int = 320) -> np.ndarray:
    """Tinted paper, black print, a red and a blue stroke, JPEG-like noise."""
    rng = np.random.default_rng(seed)
    img = np.empty((h, w, 3), np.uint8)
    img[:] = (238, 230, 214)
    img[40:44, 20:300] = (30, 30, 30)
    cv2.circle(img, (120, 140), 50, (200, 40, 50), 3)
    cv2.circle(img, (240, 140), 40, (60, 70, 190), 3)
    cv2.circle(img, (240, 60), 20, (150, 60, 160), 3)
    noise = rng.integers(-12, 13, img.shape)
    return np.clip(img.astype(int) + noise, 0, 255).astype(np.uint8)


def _hsv(rgb):
    hsv = cv2.cvtColor(np.ascontiguousarray(rgb), cv2.COLOR_RGB2HSV)
    return hsv[:, :, 0], hsv[:, :, 1], hsv[:, :, 2]


# the formulas as they were written before issue #14 (int16 / float32 numpy arithmetic)
def _ref_red(rgb, s_min=50, v_min=70, dominance=35):
    h, s, v = _hsv(rgb)
    r = rgb[:, :, 0].astype(np.int16)
    gb = np.maximum(rgb[:, :, 1], rgb[:, :, 2]).astype(np.int16)
    return (((h <= 12) | (h >= 155)) & (s >= s_min) & (v >= v_min) & (r - gb >= dominance)).astype(np.uint8)


def _ref_blue(rgb, s_min=30, v_min=70, dominance=25):
    h, s, v = _hsv(rgb)
    b = rgb[:, :, 2].astype(np.int16)
    rg = np.maximum(rgb[:, :, 0], rgb[:, :, 1]).astype(np.int16)
    offset = min(0, int(np.median((b - rg)[::5, ::5])))
    return ((h >= 95) & (h <= 130) & (s >= s_min) & (v >= v_min) & (b - rg - offset >= dominance)).astype(np.uint8)


def _ref_purple(rgb, s_min=30, v_min=70, dominance=30):
    h, s, v = _hsv(rgb)
    g = rgb[:, :, 1].astype(np.int16)
    rb = np.minimum(rgb[:, :, 0], rgb[:, :, 2]).astype(np.int16)
    offset = min(0, int(np.median((rb - g)[::5, ::5])))
    return ((h >= 125) & (h < 160) & (s >= s_min) & (v >= v_min) & (rb - g - offset >= dominance)).astype(np.uint8)


def _ref_amount(more, less):
    return np.clip((more.astype(np.float32) - less.astype(np.float32)) * 1.6, 0, 255).astype(np.uint8)


def _ref_white(rgb):
    paper = np.maximum(np.percentile(rgb[::5, ::5].reshape(-1, 3), 90, axis=0).astype(np.float32), 1.0)
    return np.clip(rgb.astype(np.float32) * (255.0 / paper), 0, 255).astype(np.uint8)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_ink_masks_and_amounts_are_the_numpy_formulas(seed):
    rng = np.random.default_rng(seed)
    images = [_scan_like(seed), rng.integers(0, 256, (97, 131, 3), dtype=np.uint8)]
    images.append(images[0][13:200, 7:250])                  # a crop (not contiguous), as signatures pass
    for rgb in images:
        hsv = cv2.cvtColor(np.ascontiguousarray(rgb), cv2.COLOR_RGB2HSV)
        for fn, ref in ((seal_ink.red_mask, _ref_red), (seal_ink.blue_mask, _ref_blue),
                        (seal_ink.purple_mask, _ref_purple)):
            assert np.array_equal(fn(rgb), ref(rgb))
            assert np.array_equal(fn(rgb, hsv=hsv), ref(rgb))
        # a margin at or under 0 (a strongly tinted paper's offset) takes the signed path
        assert np.array_equal(seal_ink.blue_mask(rgb, dominance=-3), _ref_blue(rgb, dominance=-3))
        r, g, b = (rgb[:, :, i] for i in range(3))
        assert np.array_equal(seal_ink.redness(rgb), _ref_amount(r, np.maximum(g, b)))
        assert np.array_equal(seal_ink.blueness(rgb), _ref_amount(b, np.maximum(r, g)))
        assert np.array_equal(seal_ink.purpleness(rgb), _ref_amount(np.minimum(r, b), g))
        assert np.array_equal(seal_ink.white_balanced(rgb), _ref_white(rgb))


def test_grey_percentile_is_numpys():
    rng = np.random.default_rng(5)
    grey = cv2.cvtColor(_scan_like(3), cv2.COLOR_RGB2GRAY)
    arrays = [grey, grey[::4, ::4], rng.integers(0, 256, (31, 17), dtype=np.uint8),
              rng.integers(100, 102, (9, 3), dtype=np.uint8), grey.astype(np.int16)]
    for a in arrays:
        for q in (0, 0.5, 3, 50, 90, 95, 99.5, 100):
            assert grey_percentile(a, q) == float(np.percentile(a, q))


def test_pixel_rects_at_once_are_the_single_ones():
    raster = Raster(pixels=np.zeros((400, 300, 3), np.uint8), to_points=(72 / 150, 0, 0, 72 / 150, 0.3, -0.7), dpi=150)
    rng = np.random.default_rng(7)
    boxes = []
    for _ in range(200):
        x, y = rng.uniform(-20, 160, 2)
        boxes.append(BBox(float(x), float(y), float(x + rng.uniform(0, 15)), float(y + rng.uniform(0, 15))))
    boxes += [None, BBox(500.0, 500.0, 510.0, 510.0)]        # no box; off the page
    got = pixel_rects_for_bboxes(raster, boxes, (400, 300))
    assert got == [None if b is None else pixel_rect_for_bbox(raster, b, (400, 300)) for b in boxes]
    assert got[-1] is None and got[-2] is None


def test_page_planes_made_once_and_only_for_their_page():
    rgb = _scan_like(1)
    page = Page(number=1, width=rgb.shape[1] * 72 / 150, height=rgb.shape[0] * 72 / 150, text="", chars=(), kind=PageKind.SCANNED,
                raster=Raster(pixels=rgb, to_points=(72 / 150, 0, 0, 72 / 150, 0, 0), dpi=150))
    planes = PagePlanes(page)
    assert planes.gray is planes.gray and planes.hsv is planes.hsv            # computed once
    assert np.array_equal(planes.gray, cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY))
    assert planes.upright() is planes                                        # no OCR lines: no turn
    assert planes_of(page, planes) is planes
    other = Page(number=2, width=page.width, height=page.height, text="", chars=(), kind=PageKind.SCANNED,
                 raster=page.raster)
    assert planes_of(other, planes) is not planes and planes_of(other, planes).page is other
