"""Polar unwrapping round a point near the page's edge reads no memory OpenCV never wrote.

``cv2.warpPolar`` without ``WARP_FILL_OUTLIERS`` leaves the directions off the image unwritten,
so they held the allocator's leftovers: a ring cut by the page's edge "had ink" off the page on
some runs (CI's intermittent grey seal round the test page's oval).  Each case first leaves
junk where the next allocation of that size will land, then asks many times."""

from __future__ import annotations

import cv2
import numpy as np

from redactor.detect.regions.seal_shapes import _radial_coverage
from redactor.polar import unwrap
from redactor.verify.seals_grey import _profile

_TRIES = 25


def _dirty_memory(shape: tuple[int, int]) -> None:
    """Allocate and free inked buffers of ``shape``, the size the next unwrapping asks for."""
    for _ in range(3):
        junk = cv2.resize(np.full(shape, 255, np.uint8), (shape[1], shape[0]))
        del junk


def test_directions_off_the_image_read_nothing():
    blank = np.zeros((400, 600), np.uint8)
    for _ in range(_TRIES):
        _dirty_memory((360, 130))
        assert not unwrap(blank, (300.0, 20.0), 130).any()
        _dirty_memory((360, 130))
        assert unwrap(np.ones_like(blank), (300.0, 20.0), 130).sum() < 360 * 130      # part is off the page


def test_a_circle_cut_by_the_page_edge_finds_no_ring_on_blank_paper():
    blank = np.zeros((400, 600), np.uint8)
    for _ in range(_TRIES):
        _dirty_memory((360, 130))
        cov, on_page = _radial_coverage(blank, (300.0, 20.0), 130)
        assert not cov.any()
        assert 0.4 < on_page[120] < 0.7          # the circle's upper part is off the page


def test_the_gates_ring_profile_off_the_page_is_paper():
    blank = np.zeros((400, 600), np.uint8)
    ring = blank.copy()
    cv2.circle(ring, (300, 20), 100, 1, 2)
    for _ in range(_TRIES):
        _dirty_memory((360, 130))
        assert not _profile(blank, 300.0, 20.0, 130).any()
        _dirty_memory((360, 130))
        profile = _profile(ring, 300.0, 20.0, 130, hidden=blank)
        assert 0.4 < profile[100] < 0.7 and profile[50] == 0.0
