"""A grey oval stamp's ring cut into short arcs by the print across it (seed 181's silent leak).

With the pixels next to black print left out, a partial oval stamp's ring is arcs of under 100 degrees each: no
single arc fits an ellipse (``SealShapes._cut_rings``), and the stamp was kept.  ``_ring_of_arcs`` fits one
ellipse through several arcs and tests the whole ring as ``_cut_rings`` tests one.  Drawn masks only."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from redactor.detect.regions.seal import SealDetector

PPT = 150 / 72                      # pixels a point, as detection renders
CENTRE, AXES, TILT = (400, 400), (130, 90), 15          # half-axes in pixels: 125 x 86 pt


def _page(spans: list[tuple[int, int]], ring_round: bool = True) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(ink without print, ink with print, grey page): the ring drawn over ``spans`` (degrees); with
    ``ring_round`` the print crossing the gaps carries the ring's ink round (as on the page)."""
    ink = np.zeros((800, 800), np.uint8)
    for a0, a1 in spans:
        cv2.ellipse(ink, CENTRE, AXES, TILT, a0, a1, 1, 2)
    probe = ink.copy()
    if ring_round:
        cv2.ellipse(probe, CENTRE, AXES, TILT, 0, 360, 1, 3)
    return ink, probe, (255 - ink * 70).astype(np.uint8)


@pytest.mark.parametrize("arc, step", [(45, 60), (70, 90), (30, 40)])
def test_an_oval_ring_in_short_arcs_is_one_seal(arc, step):
    ink, probe, grey = _page([(a, a + arc) for a in range(0, 360, step)])
    det = SealDetector()
    assert det._cut_rings(ink, probe, PPT, 60.0) == []            # no arc alone is long enough
    (seal,) = det._ring_of_arcs(ink, probe, grey, PPT, 60.0)
    assert np.allclose(seal.center, CENTRE, atol=3)
    assert np.allclose(seal.axes, (2 * AXES[0], 2 * AXES[1]), atol=4)
    assert seal.shape == "oval" and abs(((seal.angle - TILT) + 90) % 180 - 90) < 3


def test_arcs_with_no_ring_round_them_are_no_seal():
    ink, probe, grey = _page([(a, a + 30) for a in range(0, 180, 40)], ring_round=False)
    assert SealDetector()._ring_of_arcs(ink, probe, grey, PPT, 60.0) == []


def test_arcs_of_a_ring_too_small_for_a_seal_are_no_seal():
    ink, probe, grey = _page([(a, a + 45) for a in range(0, 360, 60)])
    assert SealDetector()._ring_of_arcs(ink, probe, grey, PPT, 150.0) == []      # a 150 pt seal at least
