"""A signature's pieces in one pale blue pen are one pen, not blue ink beside black print.

Seed 137, applicant 1, a Word form printed and scanned: the applicant's pale blue signature broke into two
pieces whose mean saturations were 39 and 43, either side of the pen bar (40), so the detector's "one pen"
test took it for blue strokes mixed with black print, found "no handwriting", and the gate's repair then
covered only part of it.  Only clearly black pieces (under 25) count against clearly coloured ones now.
Strokes drawn in code."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from redactor.detect.regions.signature import SignatureDetector
from redactor.detect.regions.signature_ink import Ink
from redactor.detect.regions.signature_labels import Label
from redactor.detect.regions.signature_strokes import quality
from redactor.model import BBox

PPT = 150 / 72


def _two_strokes(left: tuple[int, int, int], right: tuple[int, int, int]):
    rgb = np.full((120, 420, 3), 250, np.uint8)
    ink = np.zeros(rgb.shape[:2], np.uint8)
    for colour, x in ((left, 40), (right, 220)):
        pts = np.array([[x + i * 8, 60 + int(18 * np.sin(i * 0.9))] for i in range(18)], np.int32)
        cv2.polylines(rgb, [pts], False, colour, 3)
        cv2.polylines(ink, [pts], False, 1, 3)
    ys, xs = np.nonzero(ink)
    g = Ink((int(xs.min()), int(ys.min()), int(xs.max()) + 1, int(ys.max()) + 1), int(ink.sum()))
    lab = Label("申请人签名", BBox(0, 0, 10, 10), [(0, 0, 420, 120)], (0, 20, 30, 45), 25.0)
    return quality(SignatureDetector(), ink, g, lab, PPT, rgb)


def _saturation(rgb: tuple[int, int, int]) -> int:
    return int(cv2.cvtColor(np.uint8([[rgb]]), cv2.COLOR_RGB2HSV)[0, 0, 1])


def test_a_pale_pen_scanned_either_side_of_the_pen_bar_is_one_signature():
    paler, bluer = (156, 164, 184), (150, 160, 186)
    assert _saturation(paler) < 40 <= _saturation(bluer)
    assert _two_strokes(paler, bluer) is not None


@pytest.mark.parametrize("black", [(30, 30, 30), (70, 72, 75)])
def test_blue_strokes_beside_black_print_are_still_no_signature(black):
    assert _saturation(black) < 25
    assert _two_strokes(black, (40, 60, 200)) is None


def test_a_grey_blue_pen_scanned_across_both_bars_is_one_signature():
    """Fresh seed 199's scanned 评审表: a grey-blue pen's pieces at saturation 22 to 41, some under the print bar
    (25) and some over the pen bar (40), half and half.  They lie 20 apart, not a chart's or a blue signature's
    35 and more from black print: one pen, the applicant's signature (it was left whole, called "no handwriting")."""
    greyer, bluer = (126, 128, 138), (116, 122, 140)
    assert _saturation(greyer) < 25 and _saturation(bluer) >= 40 and _saturation(bluer) - _saturation(greyer) < 25
    assert _two_strokes(greyer, bluer) is not None
