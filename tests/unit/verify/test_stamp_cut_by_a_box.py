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


def test_a_cut_stamp_whose_ring_fades_out_is_found_to_the_end_of_its_ring():
    """A partial impression (seed 113's faint purple stamp): the ring's lower 70 degrees left no ink.
    The stamp's extent is its ring's, not its ink's: a repair sized by the ink left the faint arc
    under the box."""
    round_stamp = BBox(327, 575, 447, 695)          # a 120 pt round stamp across the bar
    page = np.full((_px(842), _px(595), 3), 255, np.uint8)
    purple = (150, 80, 170)
    centre = (_px((round_stamp.x0 + round_stamp.x1) / 2), _px((round_stamp.y0 + round_stamp.y1) / 2))
    r = _px(round_stamp.width / 2) - 2
    cv2.ellipse(page, centre, (r, r), 0, 125, 415, purple, 3)  # no ink on the bottom's 55..125 degrees
    for k in range(9):
        t = np.radians(140 + 30 * k)
        x, y = int(centre[0] + 0.75 * r * np.cos(t)), int(centre[1] + 0.75 * r * np.sin(t))
        cv2.rectangle(page, (x - 8, y - 8), (x + 8, y + 8), purple, 2)
    cv2.rectangle(page, (_px(BAR.x0), _px(BAR.y0)), (_px(BAR.x1), _px(BAR.y1)), (0, 0, 0), -1)
    ink_bottom = round_stamp.y0 + round_stamp.height / 2 * (1 + np.cos(np.radians(35)))
    found = [b for b in _found(Raster(page, (1 / S, 0.0, 0.0, 1 / S, 0.0, 0.0), DPI), (BAR,))
             if b.intersection_area(round_stamp) > 0.5 * round_stamp.area]
    assert found, "the stamp was not found"
    assert found[0].y1 > round_stamp.y1 - 4 > ink_bottom, (found[0], ink_bottom)
