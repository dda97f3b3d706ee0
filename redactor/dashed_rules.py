"""Table rules drawn in dashes: a 1-bit scan's thin borders.  Shared by detection's signature ink and
verification's scan-signature channel (each finds its own rules; this is only the geometry).

A thin grey table border thresholded to black and white breaks into dashes 10-15 pt long with breaks of
2-4 pt, and on a skewed scan no piece is long enough for a rule search that bridges only noise: none of a
Word form's rules was found, and its dashes joined the applicant's signature, the reviewer's below it, the
labels and a recommender's row into one 260 x 90 pt "signature".  A Hough transform
bridges such breaks; a line through a row of text or through handwriting does not have paper beside it
all along, so only lines alone on the paper are kept.
"""

from __future__ import annotations

import cv2
import numpy as np

__all__ = ["DASH_GAP_PT", "dashed_rules", "dashed_rules_both_ways"]

DASH_GAP_PT = 8.0           # the widest break bridged in a dashed rule
DASHED_RULE_INKED = 0.45    # a dashed rule: inked along this share of its length at least ...
RULE_SIDE_INKED = 0.2       # ... and paper beside it along all but this share
DASH_RUN = 0.5              # the Hough transform sees flat runs of ink this share of the widest break long


def dashed_rules(ink: np.ndarray, min_len: int, max_gap: int, off: int) -> list[tuple[float, float, float, float]]:
    """Flat rules (within 6 degrees) of ``ink`` (0/1 uint8) drawn in dashes: straight runs of ink at most
    ``max_gap`` pixels apart, at least ``min_len`` long, with paper ``off`` pixels above and below them
    along all but ``RULE_SIDE_INKED`` of their length.  (x0, y0, x1, y1) in pixels.

    The Hough transform is given only the ink in flat runs of at least ``DASH_RUN`` of the widest break
    (a dash is longer than the break after it): print and handwriting lose most of their pixels, and a
    page's search costs a fifth of what it did on all its ink.  What is kept is judged on all of it."""
    h = ink.shape[0]
    run = max(3, int(DASH_RUN * max_gap))
    dashes = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (run, 1)))
    segs = cv2.HoughLinesP(dashes * 255, 1, np.pi / 360, threshold=int(0.6 * min_len), minLineLength=min_len,
                           maxLineGap=max(3, max_gap))
    if segs is None:
        return []
    out = []
    for xa, ya, xb, yb in segs[:, 0]:
        ang = abs(np.degrees(np.arctan2(yb - ya, xb - xa))) % 180
        if min(ang, 180 - ang) > 6:
            continue
        if xb < xa:
            xa, ya, xb, yb = xb, yb, xa, ya
        xs = np.arange(int(xa), int(xb) + 1)
        ys = np.rint(ya + (yb - ya) * (xs - xa) / max(xb - xa, 1)).astype(np.int64)
        if ys.min() - off - 1 < 0 or ys.max() + off + 1 >= h:
            continue
        on = (ink[ys - 1, xs] | ink[ys, xs] | ink[ys + 1, xs]) > 0
        above = (ink[ys - off, xs] | ink[ys - off - 1, xs]) > 0
        below = (ink[ys + off, xs] | ink[ys + off + 1, xs]) > 0
        if on.mean() >= DASHED_RULE_INKED and above.mean() <= RULE_SIDE_INKED and below.mean() <= RULE_SIDE_INKED:
            out.append((float(xa), float(ya), float(xb), float(yb)))
    return out


def dashed_rules_both_ways(ink: np.ndarray, flat_len: int, upright_len: int, max_gap: int, off: int
                           ) -> tuple[list[tuple[float, float, float, float]], list[tuple[float, float, float, float]]]:
    """``dashed_rules``, flat (at least ``flat_len`` long: a signature's flourish is long, flat and alone on the
    paper too) and upright (``upright_len``; found on the transposed ink)."""
    flat = dashed_rules(ink, flat_len, max_gap, off)
    upright = [(ya, xa, yb, xb) for xa, ya, xb, yb in dashed_rules(np.ascontiguousarray(ink.T), upright_len, max_gap, off)]
    return flat, upright
