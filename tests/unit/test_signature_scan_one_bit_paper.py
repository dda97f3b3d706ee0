"""Verification's scanned-signature channel on a 1-bit scan whose paper is dotted (issue #11's leak zoo).

A copier's 黑白 mode dithers the paper's grey into lone dots.  Drawn at the verifier's 150 dpi, a 300 dpi scan's
lone dot is a light grey pixel, and a patch of them beside 申请人签名 passed for pen strokes: the gate painted the
empty paper above a 送审表's signature row (bitonal seeds 187 and 191, 5000-12000 pt² a page).  A pen stroke, two
dots wide or more, keeps a black core.  All synthetic: a wave drawn in PyMuPDF, a fake OCR line, no real person.
"""

from __future__ import annotations

import numpy as np
import pymupdf

from redactor.model import BBox
from tests.one_bit import checked_first_page, one_bit_scan
from tests.pages import draw_text

LABEL = (60.0, 300.0)                  # where 申请人签名 is drawn (its baseline's left end), points
SIGNATURE = (190.0, 282.0, 280.0, 306.0)


def _dotted_form(dpi: int = 300, grey: float = 0.9) -> bytes:
    doc = pymupdf.open()
    page = doc.new_page(width=595, height=420)
    page.draw_rect(page.rect, color=None, fill=(grey,) * 3)               # the paper's grey, dithered into dots
    draw_text(page, LABEL[0], LABEL[1], "申请人签名")
    x0, y0, x1, y1 = SIGNATURE
    xs = np.linspace(x0, x1, 60)
    ys = 0.5 * (y0 + y1) + 0.5 * (y1 - y0) * np.sin(np.linspace(0, 4 * np.pi, 60))
    page.draw_polyline([pymupdf.Point(float(x), float(y)) for x, y in zip(xs, ys)], color=(0, 0, 0), width=1.6)
    return one_bit_scan(page, "dither", dpi=dpi)


def _leaks(data: bytes, tmp_path, one_bit: bool):
    from redactor.protocols import OcrText
    from redactor.verify.signatures_scan import scan_signature_leaks

    raster, page = checked_first_page(data, tmp_path)
    text = "申请人签名"
    boxes = tuple(BBox(LABEL[0] + 12.0 * i, LABEL[1] - 11.0, LABEL[0] + 12.0 * (i + 1), LABEL[1] + 1.0)
                  for i in range(len(text)))
    line = OcrText(text, boxes, BBox.enclosing(list(boxes)), 0.98)
    return scan_signature_leaks(raster, 1, [line], page.one_bit if one_bit else ())


def test_dotted_paper_beside_the_label_is_no_signature_but_the_pen_is(tmp_path):
    data = _dotted_form()
    leaks = _leaks(data, tmp_path, one_bit=True)
    x0, y0, x1, y1 = SIGNATURE
    assert any(lk.bbox.x0 <= x0 + 10 and lk.bbox.x1 >= x1 - 10 for lk in leaks), leaks     # the pen's strokes
    for lk in leaks:          # and nothing past them: the dotted paper round them is left alone
        assert lk.bbox.x0 >= x0 - 6 and lk.bbox.x1 <= x1 + 6 and lk.bbox.y0 >= y0 - 6 and lk.bbox.y1 <= y1 + 6, leaks
    # the same pixels judged as if they were not a 1-bit scan's: the dots pass for strokes (what the test guards)
    assert any(lk.bbox.area > 2 * (x1 - x0) * (y1 - y0) or lk.bbox.x1 < x0 or lk.bbox.x0 > x1 or lk.bbox.y1 < y0
               or lk.bbox.y0 > y1 for lk in _leaks(data, tmp_path, one_bit=False))


def test_dotted_paper_scanned_at_the_checks_own_resolution_is_no_signature(tmp_path):
    """Scanned at 150 dpi (the verifier's own) on paper a little grey, the dither's dots stay black where it draws them, and two or three
    touching passed for strokes: a dithered 1-bit 评审表's declaration and the rows under its 申请人签名 were
    painted (52 000 pt², bitonal seed 32191).  A group of ink smaller than ``DOT_AREA_PT2`` is dots there."""
    x0, y0, x1, y1 = SIGNATURE
    leaks = _leaks(_dotted_form(dpi=150, grey=0.94), tmp_path, one_bit=True)
    assert any(lk.bbox.x0 <= x0 + 10 and lk.bbox.x1 >= x1 - 10 for lk in leaks), leaks     # the pen's strokes
    for lk in leaks:
        assert lk.bbox.x0 >= x0 - 6 and lk.bbox.x1 <= x1 + 6 and lk.bbox.y0 >= y0 - 6 and lk.bbox.y1 <= y1 + 6, leaks
