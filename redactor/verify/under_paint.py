"""What a box drawn on top hides: the pixels of an image under an opaque box painted after it.

A rectangle painted over a scan (a PDF editor's shape, a "redaction" that only
paints) hides the name from a reader's eyes and from OCR of the rendering, while
the scan's pixels still hold it: delete the rectangle and it is back.  Real
redaction destroys the pixels under its boxes (MuPDF blanks them); a painted
shape does not.  So every page that paints an opaque quadrilateral over an image
is looked at again without those quadrilaterals (taken off the page verification
rendered, once it is done with it), and what each of them covered is judged: pixels of one colour
(blanked) hide nothing; others are OCRed and searched with the verifier's own
needles (a hit is a ``leak``), and pixels that survive but spell no value (a
photo, a stamp under a box) are reported for ``review``.

Only shapes at the page's top level are taken away (a shape inside a form
XObject stays; its page is reported for review when it covers an image).
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pypdfium2.raw as pdfium_c

from redactor.fields import Needle
from redactor.model import BBox, Leak, Raster
from redactor.protocols import OcrEngine
from redactor.verify.ocr_pass import ocr_leaks, recognise
from redactor.verify.pdfium_reader import (_box, _segments, covers_image, opaque_fill, page_bounds, page_frame,
                                           paint_quad, render_region)

__all__ = ["hidden_under_paint", "covering_shapes"]

TOLERANCE = 48          # levels: a pixel this far from the region's median is ink (as ``proof.TOLERANCE``)
INK_SHARE = 0.04        # a covered region with more ink than this share of its pixels shows something (print
                        # under a box covers 10-30 %; redaction can leave a 1-pixel sliver of a stroke at its edge)
_PAD_PX = 12            # the band of paper around a box that ``_ink`` compares it with
EDGE_PX = 3             # pixels left out along the box's edge (its anti-aliased rim, a sliver the blanking missed)


def covering_shapes(page: Any) -> tuple[list[Any], list[BBox], bool]:
    """(the top-level opaque quadrilaterals drawn over an image, their boxes in the page's top-left points
    (``pdfium_reader``'s frame), whether a nested one covers an image too); the same test as
    ``PdfiumPage.painted_over``."""
    left, _, _, top = page_frame(page)
    images: list[BBox] = []
    shapes: list[Any] = []
    boxes: list[BBox] = []
    nested = False
    for obj in page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_IMAGE, pdfium_c.FPDF_PAGEOBJ_PATH), max_depth=8):
        b = _box(*page_bounds(obj), left, top)
        if b is None:
            continue
        if obj.type == pdfium_c.FPDF_PAGEOBJ_IMAGE:
            images.append(b)
            continue
        if not images or not any(covers_image(b, im) for im in images) \
                or not paint_quad(b, opaque_fill(obj.raw), *_segments(obj.raw)):
            continue
        if obj.level == 0:
            shapes.append(obj)
            boxes.append(b)
        else:
            nested = True
    return shapes, boxes, nested


def hidden_under_paint(page: Any, number: int, dpi: float, ocr: OcrEngine | None,
                       needles: tuple[Needle, ...]) -> list[Leak]:
    """Leaks and reviews of what the opaque shapes painted over the images of ``page`` (an open PDFium page,
    number ``number``) hide.  The shapes are taken off ``page`` itself: the caller is done with it (the
    document is never saved), and the page object it rendered still holds the scan's decoded pixels."""
    shapes, boxes, nested = covering_shapes(page)
    leaks: list[Leak] = []
    if nested:
        leaks.append(Leak(where="under_paint", category="photo", page=number, severity="review",
                          detail="a shape inside a form covers an image: not looked under"))
    if not shapes:
        return leaks
    for obj in shapes:
        page.remove_obj(obj)
    # only what each box covered and a band of paper around it is rasterised (a whole page costs ~10x)
    shown = [b for b in boxes if _ink(_under(page, dpi, b, _PAD_PX * 72.0 / dpi), b)]
    if not shown:
        return leaks
    union = shown[0]
    for b in shown[1:]:
        union = union.union(b)
    raster = _under(page, dpi, union, 2 * _PAD_PX * 72.0 / dpi)
    hits = ocr_leaks(recognise(ocr, raster, tuple(shown)), number, needles, channel="under_paint") \
        if ocr is not None else []
    if not [lk for lk in hits if lk.severity == "leak"]:
        hits.append(Leak(where="under_paint", category="photo", page=number, bbox=shown[0], boxes=tuple(shown),
                         severity="review", detail="an image's pixels survive under a painted shape"))
    return leaks + hits


def _under(page: Any, dpi: float, box: BBox, pad: float) -> Raster:
    return render_region(page, dpi, BBox(box.x0 - pad, box.y0 - pad, box.x1 + pad, box.y1 + pad),
                         draw_annots=False, may_draw_forms=False)


def _ink(raster: Raster, box: BBox) -> bool:
    """Whether the pixels under ``box`` hold ink: more than ``INK_SHARE`` of them (``EDGE_PX`` in from its edge)
    darker by ``TOLERANCE`` than the paper around the box (the median of a band around it).  Redaction's
    blanked pixels are white, and a photographed page's paper may show at the box's edge where the image's
    pixel grid does not meet it: neither is darker than the paper."""
    pad = _PAD_PX * 72.0 / raster.dpi
    outer = raster.crop(box, pad=pad)
    inner = raster.crop(box)
    if outer is None or inner is None:
        return False
    grey_outer = outer.pixels.astype(np.int16).mean(axis=2)
    grey = inner.pixels[EDGE_PX:-EDGE_PX, EDGE_PX:-EDGE_PX].astype(np.int16).mean(axis=2)
    if grey.size == 0:
        return False
    band = np.ones(grey_outer.shape, dtype=bool)
    k = int(round(pad * raster.dpi / 72.0)) - 3
    if k > 0 and grey_outer.shape[0] > 2 * k and grey_outer.shape[1] > 2 * k:
        band[k:-k, k:-k] = False
    paper = float(np.median(grey_outer[band])) if band.any() else 255.0
    return float((grey < paper - TOLERANCE).mean()) > INK_SHARE
