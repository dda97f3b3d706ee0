"""Which of an output page's pictures the ``ocr`` channel reads.

A picture that is a seal, a portrait, a QR code or blank (``redactor.picture_kind``: cheap pixel
statistics) holds no running text for OCR: the ``seal`` channel unrolls a stamp's ring, the
``barcode`` channel decodes codes, the ``face`` channel looks at faces.  The test runs on the
*output's* pixels as rendered for verification -- never on detection's findings.  Print over a
picture (a seal stamped over the employer's name and the date) is the text layer's, which the
``text_layer`` channel reads: the visible characters' boxes, as PDFium locates them, are painted
out first (invisible text is not: it draws no pixels, and painting its boxes could hide a picture's
own text).  A picture that shows anything else (a phone number in black or in seal red, a chart's
labels, an ID-card copy) stays ``text`` and is read as before.
"""

from __future__ import annotations

import numpy as np

from redactor.model import BBox, Raster
from redactor.picture_kind import classify_picture, print_painted_out
from redactor.verify.pdfium_reader import PdfiumPage

__all__ = ["text_pictures"]


def text_pictures(raster: Raster, page: PdfiumPage) -> tuple[BBox, ...]:
    """``page.images`` without those whose pixels cannot hold text (same order)."""
    keep = []
    for box in page.images:
        part = raster.crop(box)
        if part is None:          # under 8 px: nothing OCR could read (``recognise`` skips it too)
            continue
        over = [c.bbox for c in page.chars if c.bbox is not None and not c.invisible and c.c.strip()
                and c.bbox.intersection_area(box) > 0]
        if classify_picture(np.ascontiguousarray(print_painted_out(part, over))).needs_ocr:
            keep.append(box)
    return tuple(keep)
