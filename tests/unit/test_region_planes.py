"""The faster pixel helpers of the region detectors (issue #14) give exactly what the plain numpy
formulas they replace give, and one page's planes are made once and shared.  (The ink masks and amounts:
``test_seal_ink_exact.py``.)"""

from __future__ import annotations

import cv2
import numpy as np

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
