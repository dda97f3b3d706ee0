"""The gate's signature channel on a scanned Word form took a cell's corner -- the border beside the applicant's
painted signature and a piece of the row rule -- for pen strokes.  Its repair broke the OCR lines of the print
around them (日期, then 同 of 同意推荐), which were taken for strokes in turn, and the document was refused (no
output).  Pixels on one row and one column are two rules meeting; handwriting is not."""

from __future__ import annotations

import numpy as np

from redactor.verify.signatures_scan import rule_corner

PPT = 150 / 72


def _pixels(mask: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    ys, xs = np.nonzero(mask)
    return xs, ys


def test_an_l_of_two_rules_is_a_corner():
    m = np.zeros((60, 80), np.uint8)
    m[50:52, 5:75] = 1          # the row rule
    m[2:52, 40:42] = 1          # the cell border
    assert rule_corner(*_pixels(m), PPT)


def test_a_t_with_a_little_noise_is_a_corner():
    m = np.zeros((60, 80), np.uint8)
    m[30:32, 0:80] = 1
    m[0:60, 20:22] = 1
    m[10, 60] = m[45, 70] = 1
    assert rule_corner(*_pixels(m), PPT)


def test_handwriting_is_no_corner():
    rng = np.random.default_rng(1)
    m = np.zeros((60, 120), np.uint8)
    t = np.linspace(0, 6 * np.pi, 400)
    xs = (10 + 100 * t / t.max()).astype(int)
    ys = (30 + 15 * np.sin(t * 1.3) + rng.normal(0, 1, t.size)).astype(int).clip(0, 59)
    m[ys, xs] = 1
    m[ys.clip(1, 59) - 1, xs] = 1
    assert not rule_corner(*_pixels(m), PPT)


def test_a_signature_with_a_flat_underline_is_no_corner():
    m = np.zeros((60, 120), np.uint8)
    t = np.linspace(0, 4 * np.pi, 300)
    m[(20 + 10 * np.sin(t)).astype(int), (10 + 90 * t / t.max()).astype(int)] = 1
    m[45:47, 5:115] = 1          # an underline flourish: one rule-like arm, no second
    assert not rule_corner(*_pixels(m), PPT)
