"""Print the input's OCR read surely stays print for the gate's scanned-signature channel, though the output's own
OCR misses it (issue 41's recurring repair: on upside-down scanned Word 申报表s of seeds 52981, 61507 and 47113, 同
of 同意推荐, right beside the removed employer stamp, was read by no one in the output, taken for pen strokes
beside 申请人签名 and painted).  Synthetic: text drawn with PyMuPDF, fake OCR lines, no real person."""

from __future__ import annotations

import pymupdf

from redactor.model import BBox
from redactor.protocols import OcrText

LABEL = (60.0, 400.0)          # 申请人签名, baseline's left end
PRINTED = (200.0, 400.0)       # 同意推荐。 in the same row, where a signature could be


def _line(text: str, x0: float, y1: float, width: float = 12.0) -> OcrText:
    boxes = tuple(BBox(x0 + width * i, y1 - 12.0, x0 + width * (i + 1), y1) for i in range(len(text)))
    return OcrText(text, boxes, BBox.enclosing(list(boxes)), 0.99)


def _leaks(tmp_path, known_print: tuple[BBox, ...]):
    from redactor.verify.pdfium_reader import open_pdf, render_page
    from redactor.verify.signatures_scan import scan_signature_leaks
    from tests.pages import draw_text

    page = pymupdf.open().new_page(width=595, height=600)
    draw_text(page, *LABEL, "申请人签名")
    draw_text(page, *PRINTED, "同意推荐。")
    scan = pymupdf.open()
    scan.new_page(width=595, height=600).insert_image(page.rect, stream=page.get_pixmap(dpi=150).tobytes("png"))
    scan.save(tmp_path / "form.pdf")
    with open_pdf(str(tmp_path / "form.pdf")) as pdf:
        raster = render_page(pdf[0], 150.0)
    # the output's OCR read the label only: the printed words beside it were missed
    return scan_signature_leaks(raster, 1, [_line("申请人签名", LABEL[0], LABEL[1] + 1.0)], (), known_print)


def test_print_the_input_read_is_no_signature_in_the_output(tmp_path):
    assert _leaks(tmp_path, ()), "without the input's reading the print is taken for pen strokes (the class)"
    known = _line("同意推荐。", PRINTED[0], PRINTED[1] + 1.0).char_boxes
    assert _leaks(tmp_path, known) == []
