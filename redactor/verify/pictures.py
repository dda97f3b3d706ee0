"""Which of an output page's pictures the ``ocr`` channel reads.

A picture that is a seal, a portrait, a QR code or blank (``redactor.picture_kind``: cheap pixel
statistics) holds no running text for OCR: the ``seal`` channel unrolls a stamp's ring, the
``barcode`` channel decodes codes, the ``face`` channel looks at faces.  The test runs on the
*output's* pixels as rendered for verification -- never on detection's findings.  Print over a
picture (a seal stamped over the employer's name and the date) is the text layer's, which the
``text_layer`` channel reads: the visible characters' boxes, as PDFium locates them, are painted
out first (invisible text is not: it draws no pixels, and painting its boxes could hide a picture's
own text).  A picture that shows anything else (a phone number in black or in seal red, a chart's
labels, an ID-card copy) stays ``text`` and is read as before.  A picture that is ``text`` only
because a redaction box covers part of it (a seal's box inside the seal's larger picture) is looked
at again with its solid black areas painted out (``boxes_painted_out``): uniform pixels hold no text.
"""

from __future__ import annotations

from dataclasses import replace

import cv2
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
        if _may_hold_text(part, over):
            keep.append(box)
    return tuple(keep)


def _may_hold_text(part: Raster, over: list[BBox]) -> bool:
    """The picture's kind with the print ``over`` it painted out; a ``text`` verdict is looked at again
    without the solid black boxes in it (only then: a QR code's finder squares are solid black too).
    Boxes go first, so that print over a box leaves no hole in it."""
    if not classify_picture(np.ascontiguousarray(print_painted_out(part, over))).needs_ocr:
        return False
    unboxed = boxes_painted_out(part.pixels, part.dpi)
    if unboxed is part.pixels:
        return True             # no box in it: the same verdict
    return classify_picture(np.ascontiguousarray(print_painted_out(replace(part, pixels=unboxed), over))).needs_ocr


BOX_MIN_PT = 4.0         # a flat black area at least this wide and tall: wider than any glyph's stroke
BOX_MAX_LEVEL = 8        # ... of pixels with every channel at most this level (a redaction box's fill is 0)


def boxes_painted_out(rgb: np.ndarray, dpi: float) -> np.ndarray:
    """``rgb`` with its solid black areas without holes painted white (grown by 2 pixels: their blended
    edge); ``rgb`` itself when it has none.  A redaction box over part of a picture (a seal's box inside the seal's larger picture) is
    uniform and holds no text; left in, it is ink that is neither seal, code, face nor paper, and the
    picture would be OCRed for nothing.  An area with a hole stays: light text on a dark banner."""
    k = max(3, round(BOX_MIN_PT * dpi / 72))
    black = (rgb.max(axis=2) <= BOX_MAX_LEVEL).astype(np.uint8)
    if black.sum() < k * k:
        return rgb
    flat = cv2.morphologyEx(black, cv2.MORPH_OPEN, np.ones((k, k), np.uint8))
    contours, hierarchy = cv2.findContours(flat, cv2.RETR_CCOMP, cv2.CHAIN_APPROX_SIMPLE)
    if hierarchy is None:
        return rgb
    solid = np.zeros_like(flat)
    for i, c in enumerate(contours):
        if hierarchy[0][i][3] == -1 and hierarchy[0][i][2] == -1:     # an outer outline with no hole inside
            cv2.drawContours(solid, [c], -1, 1, thickness=cv2.FILLED)
    if not solid.any():
        return rgb
    out = rgb.copy()
    out[cv2.dilate(solid, np.ones((5, 5), np.uint8)).astype(bool)] = 255
    return out
