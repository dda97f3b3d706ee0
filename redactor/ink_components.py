"""Pixels of stamp-pad ink, read the same way by detection's seal search and the final check's: whether a
rendering has any colour at all, and the connected parts of an ink mask labelled on the ink's box alone."""

from __future__ import annotations

import cv2
import numpy as np

__all__ = ["colourless", "ink_components"]


def colourless(hsv: np.ndarray) -> bool:
    """Not a pixel of the rendering (``hsv``: it in OpenCV's 8-bit HSV) has any colour: saturation 0 everywhere,
    which is every pixel's red, green and blue being equal (the saturation is at least 1 wherever they differ:
    checked on every colour in ``tests/unit/test_seal_colourless_gate.py``).  A greyscale scan or copy."""
    return cv2.countNonZero(cv2.extractChannel(hsv, 1)) == 0


def ink_components(mask: np.ndarray) -> tuple[int, np.ndarray, np.ndarray, tuple[int, int]]:
    """``cv2.connectedComponentsWithStats`` of ``mask`` (8-connected) found on the box of its ink alone: (count,
    labels of that box, stats in ``mask``'s pixels, the box's corner (x0, y0) in ``mask``).  The box starts at even
    coordinates, so the labelling's 2 x 2 blocks fall as on the whole mask and the components are numbered in the
    same order (``tests/unit/test_seal_colourless_gate.py``); the paper around the ink, most of a page, is not
    labelled."""
    x, y, w, h = cv2.boundingRect(mask)
    if w == 0:
        return 1, np.zeros((0, 0), np.int32), np.zeros((1, 5), np.int32), (0, 0)
    x0, y0 = x - x % 2, y - y % 2
    n, labels, stats, _ = cv2.connectedComponentsWithStats(np.ascontiguousarray(mask[y0:y + h, x0:x + w]),
                                                           connectivity=8)
    stats[1:, cv2.CC_STAT_LEFT] += x0
    stats[1:, cv2.CC_STAT_TOP] += y0
    return n, labels, stats, (x0, y0)
