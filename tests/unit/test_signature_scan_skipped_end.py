"""The gate's scanned-signature channel takes no print of a line its own OCR read for pen strokes, where the
recogniser skipped the line's first characters (structure seed 55211, a two-up 项目任务书: the date 二〇二四年五月二十一日
right beside the employer's removed stamp was read 二四年五月二十一日 in a line box spanning all of it; 二〇 was taken
for the applicant's signature and painted, a repair on each copy).  The line box's end past its read characters,
up to a couple of pitches, is its print -- except on a line holding a signature label, whose box may run on over
the signature written after it.  Synthetic: text drawn with PyMuPDF, fake OCR lines, no real person."""

from __future__ import annotations

import pymupdf

from redactor.model import BBox
from redactor.protocols import OcrText

LABEL = (60.0, 400.0)          # 申请人签名, baseline's left end
DATE = (200.0, 400.0)          # 二〇二四年五月 in the same row, where a signature could be
PITCH = 12.0


def _line(text: str, x0: float, y1: float, skip: int = 0, run_on: float = 0.0) -> OcrText:
    """OCR's line: ``text`` read from its ``skip``-th character on, the detector's box over all of it (and
    ``run_on`` points further)."""
    boxes = [BBox(x0 + PITCH * i, y1 - 12.0, x0 + PITCH * (i + 1), y1) for i in range(len(text))]
    whole = BBox.enclosing(boxes)
    return OcrText(text[skip:], tuple(boxes[skip:]), BBox(whole.x0, whole.y0, whole.x1 + run_on, whole.y1), 0.99)


def _raster(tmp_path, signature: bool):
    from redactor.verify.pdfium_reader import open_pdf, render_page
    from tests.pages import draw_text

    page = pymupdf.open().new_page(width=595, height=600)
    draw_text(page, *LABEL, "申请人签名")
    draw_text(page, *DATE, "二〇二四年五月")
    if signature:        # a pen name written on the label's row, between the label and the date
        pts = [(124 + 2.4 * i, 396 - 8 * (i % 2)) for i in range(10)]
        page.draw_polyline(pts, color=(0.05, 0.1, 0.6), width=1.4)
    scan = pymupdf.open()
    scan.new_page(width=595, height=600).insert_image(page.rect, stream=page.get_pixmap(dpi=150).tobytes("png"))
    scan.save(tmp_path / "form.pdf")
    with open_pdf(str(tmp_path / "form.pdf")) as pdf:
        return render_page(pdf[0], 150.0)


def test_a_sure_lines_skipped_first_characters_are_print(tmp_path):
    from redactor.verify.signatures_scan import scan_signature_leaks

    raster = _raster(tmp_path, signature=False)
    label = _line("申请人签名", LABEL[0], LABEL[1] + 1.0)
    assert scan_signature_leaks(raster, 1, [label]), "premise: print no line covers is taken for pen strokes"
    date = _line("二〇二四年五月", DATE[0], DATE[1] + 1.0, skip=2)
    assert date.text == "二四年五月"
    assert scan_signature_leaks(raster, 1, [label, date]) == []


def test_a_signature_past_its_labels_read_characters_is_still_found(tmp_path):
    from redactor.verify.signatures_scan import scan_signature_leaks

    raster = _raster(tmp_path, signature=True)
    label = _line("申请人签名", LABEL[0], LABEL[1] + 1.0, run_on=2.4 * PITCH)   # the detector ran on over the pen name
    date = _line("二〇二四年五月", DATE[0], DATE[1] + 1.0)
    leaks = scan_signature_leaks(raster, 1, [label, date])
    assert any(lk.bbox.x0 < 140 and lk.bbox.x1 > 130 for lk in leaks), leaks
