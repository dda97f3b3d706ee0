"""A table rule broken into dashes (a black-and-white scan) and skewed is followed from the piece the
Hough transform found, across the cell where signatures touch it; breaks wider than a dash end it."""

from __future__ import annotations

import cv2
import numpy as np

from redactor.detect.regions.signature_ink import traced_rules
from tests.one_bit import dashed_rule


def test_a_dashed_skewed_rule_is_followed_through_the_signature_cell():
    ink = np.zeros((300, 1200), np.uint8)
    slope = -0.02                                     # about 1.1 degrees of skew
    dashed_rule(ink, 20, 1100, 150.0, slope, dash=7, gap=4)
    # pen strokes above and below the rule, touching it, in the cell at x 250-420
    cv2.ellipse(ink, (330, 138), (70, 14), 0, 0, 360, 1, 2)
    cv2.ellipse(ink, (320, 160), (60, 12), 10, 0, 360, 1, 2)
    found_piece = (700.0, 150.0 + slope * 680, 1000.0, 150.0 + slope * 980)     # what the Hough transform found
    ((xa, ya), (xb, yb)), = traced_rules(ink, [found_piece], max_break=6)
    assert xa <= 25 and xb >= 1095                    # the whole rule, through the signatures' cell
    assert abs(ya - (150.0 + slope * (xa - 20))) < 1.5 and abs(yb - (150.0 + slope * (xb - 20))) < 1.5


def test_a_wide_break_ends_the_rule_and_a_whole_segment_adds_nothing():
    ink = np.zeros((100, 800), np.uint8)
    cv2.line(ink, (50, 50), (300, 50), 1, 1)
    cv2.line(ink, (330, 50), (700, 50), 1, 1)         # 30 px of paper between the two rules
    ((xa, _), (xb, _)), = traced_rules(ink, [(400.0, 50.0, 600.0, 50.0)], max_break=6)
    assert 325 <= xa <= 331 and 699 <= xb <= 701
    assert traced_rules(ink, [(330.0, 50.0, 700.0, 50.0)], max_break=6) == []      # nothing beyond it
    assert traced_rules(ink, [], max_break=6) == []
