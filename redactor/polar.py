"""Polar unwrapping of a mask round a point, with nothing read from memory OpenCV never wrote.

``cv2.warpPolar`` without ``WARP_FILL_OUTLIERS`` remaps with ``BORDER_TRANSPARENT``: the
directions that leave the image are not written at all, so they keep whatever the allocator
last put there.  A ring cut by the page's edge then "had ink" beyond the edge on some runs and
not on others (the seal detector's grey circle search, and the gate's grey ring profile):
CI's intermittent 240 pt grey "seal" round the test page's oval stamp, which no single run of
the test could reproduce.  Seal detection and verification both unwrap through here.
"""

from __future__ import annotations

import cv2
import numpy as np


def unwrap(image: np.ndarray, center: tuple[float, float], radius: int, angles: int = 360) -> np.ndarray:
    """``image`` round ``center``: rows are ``angles`` directions, columns radii 0 .. ``radius`` - 1 px
    (nearest pixel); directions off the image read 0."""
    return cv2.warpPolar(image, (radius, angles), center, radius,
                         cv2.WARP_POLAR_LINEAR | cv2.INTER_NEAREST | cv2.WARP_FILL_OUTLIERS)
