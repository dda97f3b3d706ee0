"""What a removed signature's box did not reach is still the signature, however OCR reads it.

Fresh structure seed 13914 (never tuned; found at the 79th stop), a scanned 项目任务书: the applicant's signature
beside 项目负责人（签字） was removed by a box over its first half; OCR read the other half as the line 'ER' at
0.88, a sure reading, so the final check took it for print and released the file with half the signature (a
silent leak, the same at b2240bf).  A line OCR reads running on from a box the plan removed a signature with, on
its row, is that signature's last strokes (``signatures_scan._runs_on``): the check finds them beside the
applicant's label and the repair removes them.  A date printed further along the row stays print.  Synthetic:
strokes and text drawn with PyMuPDF, fake OCR lines, no real person."""

from __future__ import annotations

import pymupdf

from redactor.model import BBox
from redactor.protocols import OcrText

LABEL = (60.0, 400.0)
PITCH = 12.0
REMOVED = BBox(172.0, 384.0, 205.0, 404.0)      # the plan's box over the signature's first half


def _line(text: str, x0: float, y1: float, score: float = 0.99, pitch: float = PITCH) -> OcrText:
    boxes = [BBox(x0 + pitch * i, y1 - 12.0, x0 + pitch * (i + 1), y1) for i in range(len(text))]
    return OcrText(text, tuple(boxes), BBox.enclosing(boxes), score)


def _raster(tmp_path):
    from redactor.verify.pdfium_reader import open_pdf, render_page
    from tests.pages import draw_signature, draw_text

    page = pymupdf.open().new_page(width=595, height=600)
    draw_text(page, *LABEL, "项目负责人（签字）：")
    draw_signature(page, 174, 382, 68, 22, seed=5, glyphs=3)
    draw_text(page, 420, 400, "二〇二四年五月六日")
    page.draw_rect(pymupdf.Rect(*REMOVED.as_tuple()), color=(0, 0, 0), fill=(0, 0, 0))   # the plan's paint
    scan = pymupdf.open()
    scan.new_page(width=595, height=600).insert_image(page.rect, stream=page.get_pixmap(dpi=150).tobytes("png"))
    scan.save(tmp_path / "form.pdf")
    with open_pdf(str(tmp_path / "form.pdf")) as pdf:
        return render_page(pdf[0], 150.0)


def test_the_strokes_a_removed_signatures_box_left_are_found_though_ocr_read_them_surely(tmp_path):
    from redactor.verify.signatures_scan import scan_signature_leaks

    raster = _raster(tmp_path)
    label = _line("项目负责人（签字）：", LABEL[0], LABEL[1] + 1.0)
    rest = _line("ER", 205.5, 402.0, score=0.88, pitch=18.0)        # the second half, read as two letters
    date = _line("二〇二四年五月六日", 420.0, 401.0)
    lines = [label, rest, date]
    assert scan_signature_leaks(raster, 1, lines) == [], "premise: a sure line is print to the check"
    leaks = scan_signature_leaks(raster, 1, lines, signed=(REMOVED,))
    assert leaks and all(lk.bbox.x0 >= REMOVED.x1 - 2 for lk in leaks), leaks
    assert max(lk.bbox.x1 for lk in leaks) > 230                        # the strokes to the signature's end ...
    assert all(lk.bbox.x1 < 400 for lk in leaks)                        # ... and the date stays print
