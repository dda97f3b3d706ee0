"""Circle proposals for stamps' rings: OpenCV's Hough transforms, deterministic and with named settings."""

from __future__ import annotations

from functools import cache

import cv2
import numpy as np

from redactor.marks import setting


@cache
def _settings(name: str) -> tuple[float, float]:
    d = setting("circles", name)
    return float(d.edge), float(d.votes)


def hough_circles(image: np.ndarray, name: str, *, min_dist: float, r_min: int, r_max: int,
                  dp: float = 1.5) -> np.ndarray | None:
    """``cv2.HoughCircles`` with the named settings of ``configs/marks.yaml`` (``detect.ring``, ``gate.ring`` by
    voting; ``gate.ring_alt`` by ``HOUGH_GRADIENT_ALT``), on one thread: a parallel accumulation orders tied
    candidates differently run to run, and the same page must give the same answer.  (x, y, r) rows, or None."""
    edge, votes = _settings(name)
    method = cv2.HOUGH_GRADIENT_ALT if name.endswith("_alt") else cv2.HOUGH_GRADIENT
    threads = cv2.getNumThreads()
    cv2.setNumThreads(1)
    try:
        return cv2.HoughCircles(image, method, dp=dp, minDist=min_dist, param1=edge, param2=votes,
                                minRadius=r_min, maxRadius=r_max)
    finally:
        cv2.setNumThreads(threads)
