"""Table rules a 1-bit scan broke into dashes (``redactor.dashed_rules``): found along their skew, flat and upright,
while a row of print or a signature, with ink beside the line, is no rule."""

from __future__ import annotations

import cv2
import numpy as np

from redactor.dashed_rules import dashed_rules, dashed_rules_both_ways
from tests.one_bit import dashed_rule


def test_a_skewed_dashed_rule_is_found_whole_and_an_upright_one_too():
    ink = np.zeros((400, 1000), np.uint8)
    slope = -0.031                                     # about 1.8 degrees (bitonal seed 191's 申报表)
    dashed_rule(ink, 40, 960, 200.0, slope, dash=28, gap=8, width=2)
    turned = np.zeros((1000, 400), np.uint8)
    dashed_rule(turned, 60, 380, 500.0, 0.02, dash=28, gap=8, width=2)              # an upright border, drawn on the transposed page
    ink |= turned.T
    flat, upright = dashed_rules_both_ways(ink, 100, 100, 10, 4)
    assert flat and min(s[0] for s in flat) <= 60 and max(s[2] for s in flat) >= 930
    for xa, ya, xb, yb in flat:
        assert abs(ya - (200.0 + slope * (xa - 40))) <= 3 and abs(yb - (200.0 + slope * (xb - 40))) <= 3
    assert upright and all(abs(xa - 500) <= 10 for xa, _, _, _ in upright)


def test_a_line_through_print_or_handwriting_is_no_rule():
    """Strokes cross such a line, so ink lies beside it: a row of print (characters of crossing strokes, their
    middles in a line) and a signature's loops along a flat baseline."""
    ink = np.zeros((300, 1000), np.uint8)
    for x in range(40, 940, 30):
        cv2.line(ink, (x, 100), (x + 22, 124), 1, 2)
        cv2.line(ink, (x + 22, 100), (x, 124), 1, 2)
        cv2.line(ink, (x, 112), (x + 22, 112), 1, 2)
        cv2.line(ink, (x + 11, 98), (x + 11, 126), 1, 2)
    for k in range(8):
        cv2.ellipse(ink, (120 + 34 * k, 220), (22, 14), 15 * k, 0, 360, 1, 2)
    assert dashed_rules(ink, 100, 10, 4) == []


def test_rules_between_a_label_and_ink_below_it_are_counted_once_each():
    from redactor.detect.regions.signature import rows_between

    rules = np.zeros((300, 400), np.uint8)
    rules[100:106, :] = 1                        # a row rule, drawn thick
    cv2.line(rules, (0, 180), (399, 186), 1, 5)  # a skewed one
    label = (20, 60, 80, 90)
    assert rows_between(rules, label, (150, 120, 250, 170)) == 1
    assert rows_between(rules, label, (150, 200, 250, 240)) == 2
    assert rows_between(rules, label, (150, 40, 250, 80)) == 0           # beside the label, not below it
    rules[:, 200:204] = 1                        # an upright rule through the ink's columns counts for nothing
    assert rows_between(rules, label, (150, 120, 250, 170)) == 1
