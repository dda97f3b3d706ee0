"""A stamp cut in two by the box over the employer's name is still a stamp (the seal channel; found on a
获奖证书 of seed 47's variety corpus: a pale, partial blue oval pressed on the employer's printed name).

The box over the name ran 40 pt past the stamp on each side.  Counted as ink, it made the stamp's blob
216 x 100 pt, an ellipse fitted to that had no ring, and the stamp was never read: the employer's seal
passed verification.  The stamp's extent is its own ink's; the box only joins its halves and may hide
its ring, never fills its inside."""

from __future__ import annotations

import cv2
import numpy as np

from redactor.model import BBox, Raster
from redactor.verify.seals import _candidates

DPI = 150.0
S = DPI / 72.0
STAMP = BBox(320, 586, 470, 694)               # a 150 x 108 pt oval
BAR = BBox(295, 623, 505, 644)                 # the employer's removed name, wider than the stamp


def _px(v: float) -> int:
    return int(round(v * S))


def _page(bar: bool = True) -> Raster:
    page = np.full((_px(842), _px(595), 3), 255, np.uint8)
    blue = (70, 90, 200)
    centre = (_px((STAMP.x0 + STAMP.x1) / 2), _px((STAMP.y0 + STAMP.y1) / 2))
    axes = (_px(STAMP.width / 2) - 2, _px(STAMP.height / 2) - 2)
    cv2.ellipse(page, centre, axes, 0, 200, 480, blue, 3)       # a partial impression: 280 of 360 degrees
    for k in range(9):                                            # the ring's characters, pressed inside it
        t = np.radians(200 + 30 * k)
        x = int(centre[0] + 0.75 * axes[0] * np.cos(t))
        y = int(centre[1] + 0.75 * axes[1] * np.sin(t))
        cv2.rectangle(page, (x - 8, y - 8), (x + 8, y + 8), blue, 2)
    if bar:
        cv2.rectangle(page, (_px(BAR.x0), _px(BAR.y0)), (_px(BAR.x1), _px(BAR.y1)), (0, 0, 0), -1)
    return Raster(page, (1 / S, 0.0, 0.0, 1 / S, 0.0, 0.0), DPI)


def _found(raster: Raster, painted: tuple[BBox, ...]) -> list[BBox]:
    return [box for box, _, _, _ in _candidates(raster, painted)]


def test_the_uncut_stamp_is_found():
    assert any(b.intersection_area(STAMP) > 0.8 * STAMP.area for b in _found(_page(bar=False), ()))


def test_a_stamp_cut_by_a_wider_painted_box_is_found_at_its_own_extent():
    found = _found(_page(), (BAR,))
    assert any(b.intersection_area(STAMP) > 0.8 * STAMP.area and b.width < 1.1 * STAMP.width for b in found)


def test_a_painted_box_with_no_stamp_ink_beside_it_is_no_stamp():
    raster = _page()
    raster.pixels[_px(560):_px(720), _px(300):_px(500)] = 255
    cv2.rectangle(raster.pixels, (_px(BAR.x0), _px(BAR.y0)), (_px(BAR.x1), _px(BAR.y1)), (0, 0, 0), -1)
    assert _found(raster, (BAR,)) == []
