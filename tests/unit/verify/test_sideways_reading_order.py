"""The final check joins its OCR lines in the text's own frame on a page whose text runs sideways.

Structure seed 51738: a two-up 继续教育合格证书 scanned sideways (/Rotate 90), the issuer's stamp across the holder's
line.  The check's OCR read the line in two pieces, 同志（身份证号：1502070 and 98401226233）, one row of the
certificate.  Sorted by page rows the check put the second piece after the other copy's certificate number
(证书编号：202160339086 98401226233: one run of digits, no number of anyone's) and released the page.  In the
text's frame the two pieces are one row, and the number, read with one digit wrong, is the applicant's.
Synthetic number; the lines are drawn as the engine returns them (boxes in unrotated page space, the text
running up the page).
"""

from __future__ import annotations

from redactor.config import profile_from_mapping
from redactor.model import BBox
from redactor.protocols import OcrText
from redactor.reading_order import reading_order
from redactor.verify import needles_for
from redactor.verify.ocr_pass import _reading_order, ocr_leaks

PROFILE = profile_from_mapping({"name": "曹刚", "id_number": "150207198401226233", "phones": ["13812345678"],
                                "employers": ["包头市中心医院"]})
PITCH = 4.0                # points per character along the line


def _upward(text: str, x: float, bottom: float) -> OcrText:
    """A line whose characters run up the page from ``bottom`` (a sideways page's reading direction)."""
    boxes = tuple(BBox(x, bottom - (i + 1) * PITCH, x + 10, bottom - i * PITCH) for i in range(len(text)))
    return OcrText(text, boxes, BBox(x, bottom - len(text) * PITCH, x + 10, bottom), 0.97)


def _sheet() -> list[OcrText]:
    """In the engine's order, as it returned them: the ring's far side last."""
    return [
        _upward("兹证明", 231, 347),
        _upward("同志（身份证号：1502070", 230, 312),           # one row of the certificate, cut by the ring
        _upward("工作单位：", 252, 348),                          # the next row
        _upward("证书编号：202160339086", 405, 235),              # the certificate's last row, far right
        _upward("98401226233）", 234, 235),
    ]


def test_a_sideways_row_cut_by_a_stamp_is_read_as_one_row():
    lines = _sheet()
    assert [ln.text for ln in _reading_order(lines)] == [ln.text for ln in reading_order(lines)]
    leaks = ocr_leaks(lines, 1, needles_for(PROFILE))
    assert leaks and {lk.category for lk in leaks} == {"id_number"}
    hit = leaks[0].bbox
    assert hit is not None and hit.y0 < 235 < hit.y1         # the number across both pieces


def test_an_upright_page_keeps_its_row_sort_and_a_valid_other_number_is_no_leak():
    from redactor.normalize import id_check_char

    other = "15020719840122624" + id_check_char("15020719840122624")       # a sequence digit apart
    row = [OcrText(t, tuple(BBox(x + i * 10, 100, x + (i + 1) * 10, 112) for i in range(len(t))),
                   BBox(x, 100, x + 10 * len(t), 112), 0.99) for t, x in (("身份证号：", 50), (other, 100))]
    assert [ln.text for ln in _reading_order(row)] == ["身份证号：", other]
    assert not ocr_leaks(row, 1, needles_for(PROFILE))
