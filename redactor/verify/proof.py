"""The gate's shortcut: prove that the output's pixels outside the painted boxes are the input's.

Only the pipeline's gate uses this (it has the input it redacted and what
ingest's OCR read there); ``redactor verify`` has no reference and reads every
page again.

The proof, per page: the input page and the output page are rendered by the
same engine (PDFium) at the same resolution, and every pixel outside the
rectangles redaction painted (grown by ``MARGIN_PT``) must be the same in both,
up to ``TOLERANCE`` levels on any colour channel of any single pixel.  A page
whose images redaction did not touch renders bit for bit the same (difference
0).  The tolerance exists for one reason: redaction stores a scan whose pixels
it blanked as JPEG again, and re-encoding moves unchanged pixels by a few
levels (measured: at most 15 on the benchmark's scans, 1-5 typically), while
anything that could carry a value — a glyph, a stroke, an image moved, replaced
or re-scaled, a page flattened — moves pixels by 100-250 along whole strokes;
a stroke fainter than 48 levels against its background is not legible print.
A page whose size, rotation or rendering differs, or any pixel over the
tolerance outside the grown boxes, fails the proof and is read again in full.

Where the proof holds, a reader of the output sees outside the grown boxes what
ingest's OCR read on the input, so the verifier searches that reading with its
own needles (``redactor.fields``, ``verify.search``: a miss by detection's
matcher is still caught) and OCRs again, in the output, only what changed:
each painted box and each patch of pixels that moved by more than the
tolerance (JPEG ringing at its edge), grown to the whole box of every OCR line
it touches; every other line shows only unchanged pixels and ingest's reading
of it stands.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import cv2
import numpy as np

from redactor.model import BBox, Raster
from redactor.protocols import OcrEngine, OcrText
from redactor.verify.ocr_pass import recognise, recognise_tiles
from redactor.verify.pdfium_reader import PdfiumPage, render

__all__ = ["PriorPage", "Prior", "gate_reading", "pixels_unchanged_outside", "changed_areas", "neighbourhoods",
           "covered", "MARGIN_PT", "TOLERANCE"]

MARGIN_PT = 8.0         # JPEG re-encoding rings up to one 16 px block (5.8 pt at 200 dpi) past a box edge
TOLERANCE = 48          # levels (0-255) on any channel of any one pixel
_LINE_PAD_PT = 2.0


@dataclass(frozen=True)
class PriorPage:
    """What ingest's OCR read on one input page."""

    coverage: tuple[BBox, ...] | None        # where it OCRed: None = the whole page, () = nowhere
    lines: tuple[OcrText, ...] = ()          # the lines it read, in points of the unrotated page


@dataclass(frozen=True)
class Prior:
    """What the pipeline's gate knows besides the output: the input it redacted and ingest's reading of it."""

    input_pdf: str                                        # the working PDF the plan was applied to
    painted: Mapping[int, tuple[BBox, ...]]               # page -> rectangles redaction painted
    pages: Mapping[int, PriorPage] = field(default_factory=dict)


def pixels_unchanged_outside(before: Raster, after: Raster, painted: tuple[BBox, ...],
                             margin: float = MARGIN_PT, tolerance: int = TOLERANCE) -> tuple[bool, str]:
    """(holds, why not): the two renderings agree outside ``painted`` grown by ``margin``."""
    a, b = before.pixels, after.pixels
    if a.shape != b.shape or before.to_points != after.to_points:
        return False, "page geometry changed"
    diff = cv2.absdiff(np.ascontiguousarray(a), np.ascontiguousarray(b))
    if diff.ndim == 3:
        diff = diff.max(axis=2)
    if not diff.any():
        return True, ""
    outside = np.ones(diff.shape, dtype=bool)
    for box in painted:
        u0, v0, u1, v1 = _pixel_rect(after, box.expanded(margin))
        outside[v0:v1, u0:u1] = False
    if not outside.any():
        return True, ""
    worst = int(diff[outside].max())
    if worst > tolerance:
        return False, f"pixels outside the painted boxes changed (by {worst} levels)"
    return True, ""


def changed_areas(before: Raster, after: Raster, painted: tuple[BBox, ...],
                  tolerance: int = TOLERANCE) -> tuple[BBox, ...]:
    """Where the output may differ from the input: the painted boxes, and every patch of pixels
    that moved by more than ``tolerance`` (JPEG ringing at a box edge), each grown by 1 pt."""
    diff = cv2.absdiff(np.ascontiguousarray(before.pixels), np.ascontiguousarray(after.pixels))
    if diff.ndim == 3:
        diff = diff.max(axis=2)
    mask = (diff > tolerance).astype(np.uint8)
    out = [b.expanded(1.0) for b in painted]
    if mask.any():
        n, _, stats, _ = cv2.connectedComponentsWithStats(cv2.dilate(mask, np.ones((3, 3), np.uint8)))
        for i in range(1, n):
            x, y, w, h, _ = stats[i]
            out.append(after.point_box(float(x), float(y), float(x + w), float(y + h)).expanded(1.0))
    return tuple(_merge(out))


def _pixel_rect(r: Raster, box: BBox) -> tuple[int, int, int, int]:
    h, w = r.pixels.shape[:2]
    pts = [r.to_pixels(x, y) for x in (box.x0, box.x1) for y in (box.y0, box.y1)]
    u0 = max(0, int(np.floor(min(p[0] for p in pts))))
    v0 = max(0, int(np.floor(min(p[1] for p in pts))))
    u1 = min(w, int(np.ceil(max(p[0] for p in pts))) + 1)
    v1 = min(h, int(np.ceil(max(p[1] for p in pts))) + 1)
    return u0, v0, u1, v1


def neighbourhoods(changed: tuple[BBox, ...], lines: tuple[OcrText, ...], page: BBox
                   ) -> tuple[tuple[BBox, ...], tuple[OcrText, ...]]:
    """(regions to OCR again, ingest lines still valid).  A line touching a changed area is read
    again whole: its region is the changed area grown to the full box of every line it touches.
    Every other line shows only unchanged pixels, and ingest's reading of it stands (it may overlap
    a region: read twice, which finds nothing new and hides nothing)."""
    regions = []
    for c in changed:
        r = c
        for ln in lines:
            if _touch(ln.bbox, c):
                r = r.union(ln.bbox.expanded(_LINE_PAD_PT, 0.5))
        regions.append(r)
    clipped = []
    for r in _merge(regions):
        x0, y0, x1, y1 = max(page.x0, r.x0), max(page.y0, r.y0), min(page.x1, r.x1), min(page.y1, r.y1)
        if x1 > x0 and y1 > y0:
            clipped.append(BBox(x0, y0, x1, y1))
    kept = tuple(ln for ln in lines if not any(_touch(ln.bbox, c) for c in changed))
    return tuple(clipped), kept


def covered(box: BBox, coverage: tuple[BBox, ...] | None) -> bool:
    """Whether ingest's OCR read all of ``box`` (``coverage`` None: the whole page)."""
    if coverage is None:
        return True
    return any(c.x0 - 1 <= box.x0 and c.y0 - 1 <= box.y0 and box.x1 <= c.x1 + 1 and box.y1 <= c.y1 + 1
               for c in coverage)


def gate_reading(ocr: OcrEngine, raster: Raster, page: PdfiumPage, scope: tuple[BBox, ...] | None,
                 prior: Prior | None, before_pdf: Any, clock: Any
                 ) -> tuple[list[OcrText], str, tuple[BBox, ...] | None]:
    """The OCR lines of an output page in ``scope``, how they were got, and what may differ from the input:
    ``proven`` (ingest's lines outside the painted boxes' neighbourhoods, plus OCR of those neighbourhoods
    and of images ingest did not read; those regions are the third item) or ``read`` with the reason the
    proof was not tried or did not hold (the third item None: anything may differ)."""
    pp = prior.pages.get(page.number) if prior is not None else None
    if pp is None or before_pdf is None:
        return recognise(ocr, raster, scope), "read: no reading of the input page", None
    if scope is None and pp.coverage is not None:
        return recognise(ocr, raster, scope), "read: ingest read only part of this page", None
    if scope is None:
        unread: list[BBox] = []
    else:
        unread = [r for r, img in zip(scope, page.images) if not covered(img, pp.coverage)]
        if len(unread) == len(scope):
            return recognise(ocr, raster, scope), "read: ingest read none of its images", None
    painted = prior.painted.get(page.number, ())  # type: ignore[union-attr]
    with clock("proof"):
        before = render(before_pdf, page.number, raster.dpi)
        holds, why = pixels_unchanged_outside(before, raster, painted)
        changed = changed_areas(before, raster, painted) if holds else ()
        del before
    if not holds:
        return recognise(ocr, raster, scope), "read: " + why, None
    if scope is not None:       # outside the OCR scope (text-layer boxes on a mixed page) nothing is read
        changed = tuple(c for c in changed if any(_touch(c, r) for r in scope))
    regions, kept = neighbourhoods(changed, pp.lines, BBox(0, 0, page.width, page.height))
    read = regions + tuple(unread)
    return list(kept) + recognise_tiles(ocr, raster, read), "proven", read


def _touch(a: BBox, b: BBox) -> bool:
    return min(a.x1, b.x1) > max(a.x0, b.x0) and min(a.y1, b.y1) > max(a.y0, b.y0)


def _merge(boxes: list[BBox]) -> list[BBox]:
    out = list(boxes)
    changed = True
    while changed:
        changed = False
        for i in range(len(out)):
            for j in range(i + 1, len(out)):
                if _touch(out[i], out[j]):
                    out[i] = out[i].union(out[j])
                    del out[j]
                    changed = True
                    break
            if changed:
                break
    return out
