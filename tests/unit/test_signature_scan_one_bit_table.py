"""Verification's scanned-signature channel on a 1-bit scan: a small table's solid borders in dotted paper.

A 1-bit 评审表 (its paper dithered into dots, at 300 dpi here) prints 申请人签名 | signature | date as a small
table of its own.  On the redacted output the applicant's signature cell is painted; the cell's borders beside the box and the date cell's left border are solid
ink, but the paper round them is a copier's dots, which fill a quarter of the ink mask, and the probabilistic Hough
transform, drawn off by them, missed the borders: they were read as pen strokes beside the label, repaired, read
again beside the repair, and the document was refused (bitonal seed 54821).  On a 1-bit scan a run of ink along an
axis as long as a rule is a rule (``signatures_scan._axis_runs``); a signature left beside the label is still found.
All synthetic: drawn in PyMuPDF, a fake OCR line, no real person."""

from __future__ import annotations

import numpy as np
import pymupdf

from redactor.model import BBox
from tests.one_bit import checked_first_page, one_bit_scan
from tests.pages import draw_text

ROW = (120.0, 160.0)                          # the table's row, top and bottom, points
COLUMNS = (290.0, 355.0, 460.0, 560.0)        # its borders: label | signature | date
LABEL = (300.0, 146.0)                        # 申请人签名's baseline, left end
PAINTED = (362.0, 126.0, 440.0, 156.0)        # the box over the applicant's signature, short of the next border
DATE = "6月19日"                               # the date cell's print, 11 pt a character


def _form(signed: bool) -> bytes:
    doc = pymupdf.open()
    page = doc.new_page(width=595, height=300)
    page.draw_rect(page.rect, color=None, fill=(0.86,) * 3)           # the paper's grey, dithered into dots
    for x in COLUMNS:
        page.draw_line((x, ROW[0]), (x, ROW[1]), color=(0, 0, 0), width=1.0)
    for y in ROW:
        page.draw_line((COLUMNS[0], y), (COLUMNS[-1], y), color=(0, 0, 0), width=1.0)
    draw_text(page, LABEL[0], LABEL[1], "申请人签名")
    draw_text(page, 480.0, 146.0, DATE)
    if signed:
        xs = np.linspace(372.0, 432.0, 60)
        ys = 141.0 + 8.0 * np.sin(np.linspace(0, 4 * np.pi, 60))
        page.draw_polyline([pymupdf.Point(float(x), float(y)) for x, y in zip(xs, ys)], color=(0, 0, 0), width=1.6)
    scan = pymupdf.open(stream=one_bit_scan(page, "dither", dpi=300))
    if not signed:
        scan[0].draw_rect(pymupdf.Rect(*PAINTED), color=None, fill=(0, 0, 0))     # the redaction's paint
    return scan.tobytes()


def _leaks(data: bytes, tmp_path):
    from redactor.protocols import OcrText
    from redactor.verify.signatures_scan import scan_signature_leaks

    raster, page = checked_first_page(data, tmp_path)
    lines = []
    for text, (x, y) in (("申请人签名", LABEL), (DATE, (480.0, 146.0))):
        boxes = tuple(BBox(x + 11.0 * i, y - 11.0, x + 11.0 * (i + 1), y + 1.0) for i in range(len(text)))
        lines.append(OcrText(text, boxes, BBox.enclosing(list(boxes)), 0.98))
    return scan_signature_leaks(raster, 1, lines, page.one_bit)


def test_the_borders_beside_a_painted_signature_are_no_strokes(tmp_path):
    assert _leaks(_form(signed=False), tmp_path) == []


def test_a_signature_left_in_the_cell_is_found(tmp_path):
    leaks = _leaks(_form(signed=True), tmp_path)
    assert any(lk.bbox.x0 <= 380.0 and lk.bbox.x1 >= 425.0 for lk in leaks), leaks
    for lk in leaks:          # the pen's strokes, not the borders of the row beside them
        assert lk.bbox.x0 >= COLUMNS[1] - 2 and lk.bbox.x1 <= COLUMNS[2] + 2, leaks
