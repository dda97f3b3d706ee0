"""Verification's scanned-signature channel sees the pen under a column of print just above its crop.

The channel erases what OCR read confidently (print) from its crop round the applicant's labels.  A line printed
above the crop (by less than the crop's height) has negative ends in the crop's pixels, and a negative slice end
counts from the far edge: the erasure wiped the print's columns down most of the crop.  On fresh seed 199's
scanned 评审表 a line above ran over the signature's columns, its strokes were erased, and a signature left whole
was called clean.  All synthetic: a wave drawn in PyMuPDF, fake OCR lines, no real person.
"""

from __future__ import annotations

import numpy as np
import pymupdf

from redactor.model import BBox
from redactor.protocols import OcrText

LABEL = (60.0, 400.0)                    # 申请人签名, its baseline's left end, points
SIGNATURE = (190.0, 382.0, 280.0, 406.0)


def _line(text: str, x0: float, y1: float, width: float) -> OcrText:
    boxes = tuple(BBox(x0 + width * i, y1 - 12.0, x0 + width * (i + 1), y1) for i in range(len(text)))
    return OcrText(text, boxes, BBox.enclosing(list(boxes)), 0.99)


def _leaks(tmp_path, printed: list[tuple[str, float, float]], strokes: list[tuple[float, float]]):
    """The gate's scan-signature leaks on a scanned page with ``printed`` lines (text, x, baseline; OCR reads them
    surely) and a pen wave over each x range of ``strokes`` in the signature's row."""
    from redactor.verify.pdfium_reader import open_pdf, render_page
    from redactor.verify.signatures_scan import scan_signature_leaks
    from tests.pages import draw_text

    page = pymupdf.open().new_page(width=595, height=600)
    for text, x, y in printed:
        draw_text(page, x, y, text)
    _, y0, _, y1 = SIGNATURE
    for a, b in strokes:
        xs = np.linspace(a, b, 40)
        ys = 0.5 * (y0 + y1) + 0.5 * (y1 - y0) * np.sin(np.linspace(0, 4 * np.pi, 40))
        page.draw_polyline([pymupdf.Point(float(x), float(y)) for x, y in zip(xs, ys)], color=(0, 0, 0), width=1.6)
    scan = pymupdf.open()
    scan.new_page(width=595, height=600).insert_image(page.rect, stream=page.get_pixmap(dpi=150).tobytes("png"))
    scan.save(tmp_path / "form.pdf")
    with open_pdf(str(tmp_path / "form.pdf")) as pdf:
        raster = render_page(pdf[0], 150.0)
    return scan_signature_leaks(raster, 1, [_line(text, x, y + 1.0, 12.0) for text, x, y in printed])


def test_a_line_printed_just_above_the_crop_does_not_hide_the_signature(tmp_path):
    x0, _, x1, _ = SIGNATURE
    leaks = _leaks(tmp_path, [("本人承诺所提交的材料真实有效，如有不实，愿承担相应责任。", 40.0, 310.0), ("申请人签名", *LABEL)],
                   [(x0, x1)])
    assert any(lk.bbox.x0 <= x0 + 10 and lk.bbox.x1 >= x1 - 10 for lk in leaks), leaks


def test_the_ink_beside_a_date_label_is_the_date(tmp_path):
    """Bitonal seed 191's 申报表: 日期 and its date in the cells right of the applicant's signature; the date's figures,
    thresholded, are no print OCR reads surely, and the gate painted them as the applicant's pen strokes.  Ink right
    of a date label is nearer to it than to 申请人签名: the date's."""
    x0, _, x1, _ = SIGNATURE
    leaks = _leaks(tmp_path, [("申请人签名", *LABEL), ("日期", 300.0, LABEL[1])], [(x0, x1), (340.0, 400.0)])
    assert any(lk.bbox.x0 <= x0 + 10 and lk.bbox.x1 >= x1 - 10 for lk in leaks), leaks      # the signature
    assert not any(lk.bbox.x1 > 330.0 for lk in leaks), leaks                                # not the date
