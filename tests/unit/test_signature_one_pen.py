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


def _strokes(pieces: list[tuple[tuple[int, int, int], int]]):
    """One stroke per (colour, length in segments), left to right."""
    rgb = np.full((120, 60 + 60 * sum(n for _, n in pieces), 3), 250, np.uint8)
    ink = np.zeros(rgb.shape[:2], np.uint8)
    x = 20
    for colour, n in pieces:
        pts = np.array([[x + i * 8, 60 + int(18 * np.sin(i * 0.9))] for i in range(3 * n)], np.int32)
        cv2.polylines(rgb, [pts], False, colour, 3)
        cv2.polylines(ink, [pts], False, 1, 3)
        x += 24 * n + 24
    ys, xs = np.nonzero(ink)
    g = Ink((int(xs.min()), int(ys.min()), int(xs.max()) + 1, int(ys.max()) + 1), int(ink.sum()))
    lab = Label("申请人签名", BBox(0, 0, 10, 10), [(0, 0, rgb.shape[1], 120)], (0, 20, 30, 45), 25.0)
    return quality(SignatureDetector(max_width_pt=2000), ink, g, lab, PPT, rgb)


FADED, GREY_BLUE, MIDDLE, NAVY = (124, 126, 135), (120, 124, 137), (117, 121, 138), (105, 110, 134)


def test_a_navy_pen_with_one_faded_piece_is_one_signature():
    """Variety seed 30072's scanned Word 申报表: the applicant's navy signature broke into pieces of saturation
    20, 30, 39 and 51.  Counting only the clearly black (20) against the clearly coloured (51), half and half
    and 31 apart, it was "blue ink beside print"; the cell was called unsigned and the signature stayed (a
    silent leak).  The pieces between the bars are the pen's: the faded piece is an eighth of its ink."""
    sats = [_saturation(c) for c in (FADED, GREY_BLUE, MIDDLE, NAVY)]
    assert sats[0] < 25 <= sats[1] <= sats[2] < 40 <= sats[3] and sats[3] - sats[0] >= 25
    assert _strokes([(FADED, 1), (GREY_BLUE, 3), (MIDDLE, 2), (NAVY, 1)]) is not None


def test_print_holding_a_real_share_beside_a_pen_is_still_no_signature():
    assert _strokes([((40, 40, 40), 3), (GREY_BLUE, 2), ((40, 60, 200), 2)]) is None
