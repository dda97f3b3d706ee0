"""A dithered black-and-white page: the test detection and the final check both ask.

A copier's or a scanning app's 黑白 mode turns grey (tinted paper, a red stamp, a photo) into dots.  Drawn at
the scan's resolution or finer the dots stay dots, which no ring, stroke or face search sees as grey; smoothed,
they have their tones back.  Both stages ask the same question of their own rendering, so it lives here.
"""

from __future__ import annotations

import cv2
import numpy as np

__all__ = ["DOTTED_SHARE", "dotted"]

DOTTED_SHARE = 0.3      # share of a page's black pixels standing alone above which the page is dithered


def dotted(grey: np.ndarray, min_lone_share: float = DOTTED_SHARE) -> bool:
    """A dithered page: more than ``min_lone_share`` of its black pixels (grey < 128) stand alone (at most one
    black 4-neighbour).  A thresholded page's are strokes and blobs (1-5 % alone on clean 1-bit scans, 12 % in
    eroded print); a dithered one's 39-93 %, its paper's grey dotted too (11 % once a 300 dpi page is rendered
    at 150: the dots are grey there already)."""
    black = (grey < 128).astype(np.uint8)
    n = int(black.sum())
    if n == 0:
        return False
    kernel = np.array([[0, 1, 0], [1, 0, 1], [0, 1, 0]], np.uint8)
    neighbours = cv2.filter2D(black, -1, kernel, borderType=cv2.BORDER_CONSTANT)
    return float(((black == 1) & (neighbours <= 1)).sum()) > min_lone_share * n
