"""A verification repair over a found stamp covers the stamp, not the next table row.

Seed 9, applicant 0, the scanned Word form turned upside down (``a0/17-word_shenbao.scanned.pdf``): detection
missed the employer's seal, verification's seal channel found it (box measured on the ink, 102 x 120 pt) and the
repair padded that box by 15 % of its height (18.5 pt) on every side, as for a loose OCR line box -- down over the
reviewer's signature in the row below (``#word_shenbao-022``, covered 100 %)."""

from __future__ import annotations

import pytest

from benchmarks.extract import covered_fraction
from redactor.model import BBox, Leak
from redactor.pipeline import _repair_decision
from redactor.redact import redaction_rects

SEAL = BBox(311.04, 189.12, 412.8, 309.12)           # verification's box of the stamp (unrotated page points)
TRUE_SEAL = (310.0, 188.0, 412.0, 291.0)             # where the generator stamped it
REVIEWER_SIGNATURE = (347.0, 305.0, 410.0, 326.0)    # someone else's, in the next row


def _rects(where: str, box: BBox) -> list[tuple[float, float, float, float]]:
    lk = Leak(where=where, category="employer", page=1, bbox=box, boxes=(box,))
    return [r.as_tuple() for r in redaction_rects(_repair_decision(lk))]


@pytest.mark.issue(10)
def test_seal_repair_keeps_the_signature_in_the_next_row():
    rects = _rects("seal", SEAL)
    assert covered_fraction(TRUE_SEAL, rects) >= 0.95
    assert covered_fraction(REVIEWER_SIGNATURE, rects) < 0.5


def test_ocr_repair_still_pads_a_loose_line_box():
    line = BBox(100.0, 100.0, 200.0, 114.0)
    (r,) = _rects("ocr", line)
    assert r[1] <= 100.0 - 0.15 * 14 and r[3] >= 114.0 + 0.15 * 14


@pytest.mark.issue(10)
def test_signature_repair_covers_the_strokes_not_the_labels_beside_them():
    """A group of pen strokes is measured on the ink (verify/signatures_scan.py), or is a picture's placement
    (verify/signatures.py): 15 % of a 60 pt tall group (9 pt) reached over the printed label to its left."""
    strokes = BBox(170.0, 300.0, 240.0, 360.0)
    label = (110.0, 320.0, 165.0, 334.0)             # 持证人签名, 5 pt left of the strokes
    rects = _rects("signature", strokes)
    assert covered_fraction(strokes.as_tuple(), rects) >= 0.99
    assert covered_fraction(label, rects) == 0.0
