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
    (rule,) = traced_rules(ink, [found_piece], max_break=6)
    (xa, ya), (xb, yb) = rule[0], rule[-1]
    assert xa <= 25 and xb >= 1095                    # the whole rule, through the signatures' cell
    assert all(abs(y - (150.0 + slope * (x - 20))) < 1.5 for x, y in rule)


def test_a_wide_break_ends_the_rule_and_a_whole_segment_adds_nothing():
    ink = np.zeros((100, 800), np.uint8)
    cv2.line(ink, (50, 50), (300, 50), 1, 1)
    cv2.line(ink, (330, 50), (700, 50), 1, 1)         # 30 px of paper between the two rules
    (rule,) = traced_rules(ink, [(400.0, 50.0, 600.0, 50.0)], max_break=6)
    assert 325 <= rule[0][0] <= 331 and 699 <= rule[-1][0] <= 701
    assert traced_rules(ink, [(330.0, 50.0, 700.0, 50.0)], max_break=6) == []      # nothing beyond it
    assert traced_rules(ink, [], max_break=6) == []


def test_a_bending_rule_is_followed_past_where_the_found_pieces_line_leaves_it():
    """A scanned rule is not one straight line: here it steps up a row every 120 pixels left of x 500 and
    runs flat beyond.  The piece found on the right, carried left on its own line, leaves the rule
    within 200 pixels; followed row by row, the rule is found to its end (bitonal seed 187)."""
    ink = np.zeros((200, 1100), np.uint8)
    dashed_rule(ink, 500, 1080, 100.0, 0.0, dash=9, gap=3)
    for k, x in enumerate(range(500, 40, -120)):                 # x 40-500: a row higher every 120 pixels
        dashed_rule(ink, max(40, x - 120), x, 100.0 - (k + 1), 0.0, dash=9, gap=3)
    (rule,) = traced_rules(ink, [(700.0, 100.0, 1000.0, 100.0)], max_break=6)
    assert rule[0][0] <= 45 and rule[-1][0] >= 1075
    assert all(ink[int(y) - 1:int(y) + 2, int(x)].any() for x, y in rule)      # every point on the rule


def test_a_pen_stroke_leaving_the_rule_at_a_slant_is_not_followed():
    ink = np.zeros((200, 800), np.uint8)
    cv2.line(ink, (300, 100), (750, 100), 1, 1)
    cv2.line(ink, (300, 100), (100, 40), 1, 1)                     # a stroke rising 17 degrees from the rule's end
    (rule,) = traced_rules(ink, [(400.0, 100.0, 700.0, 100.0)], max_break=6)
    assert rule[0][0] >= 285 and 745 <= rule[-1][0] <= 751           # a few pixels of it at most
    assert traced_rules(ink, [(400.0, 100.0, 750.0, 100.0)], max_break=6)[0][0][0] >= 285
