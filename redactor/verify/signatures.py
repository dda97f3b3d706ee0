"""Channel ``signature``: no pen strokes may remain in a picture beside the applicant's signature label.

A handwritten signature is not a profile value, so no needle finds it; what
ties it to the applicant is its place.  On a form whose text layer shows the
applicant's own signature label -- whose a label is, the role lexicon says, for
policy and this check alike (``redactor.ownership.signatures``) --, a picture of signature size in
the box next to that label -- to its right on its row, or just below it --
and nearer to it than to any other person's label (审核人, 负责人, 推荐人 ...)
must not show pen strokes in the output.

Independent of the signature detector in ``redactor.detect``: the labels come
from PDFium's text layer, the pictures from PDFium's image objects, and the
strokes are judged on verification's own rendering: dark or pen-blue pixels,
not red (a seal), not under printed characters, and not part of a solid area
(a painted redaction box, with its white label text).  Pages without a text
layer (scans) are read by OCR instead: ``signatures_scan``.

A picture with strokes is a ``leak`` with the picture's box: the pipeline's
repair loop then removes it and verifies again, like a face in a removed box.
"""

from __future__ import annotations


import cv2
import numpy as np

from redactor.model import BBox, Leak, Raster
from redactor.ownership.signatures import signature_labels as signature_labels_on
from redactor.ownership.structure import PageStructure, runs_from_chars
from redactor.verify.pdfium_reader import PdfiumPage

__all__ = ["beside", "signature_leaks", "signature_labels"]


RIGHT_PT = 330.0            # a Word table's signature cell runs across most of the page
BELOW_PT = 70.0
MAX_W_PT, MAX_H_PT = 330.0, 90.0      # a signature picture, not a pasted scan of the page
MIN_STROKE_PX = 40                    # pen ink that remains (at the verifier's dpi) ...
MIN_STROKE_SHARE = 0.004              # ... and its share of the picture


def signature_labels(page: PdfiumPage, structure: PageStructure | None = None) -> list[tuple[bool, BBox]]:
    """(is the applicant's, box) of every signature label in the visible text layer: which they are, the role
    lexicon says (``redactor.ownership.signatures.signature_labels``), as it says for policy."""
    out: list[tuple[bool, BBox]] = []
    # line by line, as policy reads the input's: a label run on into the next line's words is no label the
    # lexicon can cut out
    visible = ((("\n" if c.c in "\r\n" else c.c), c.bbox if c.c.strip() else None) for c in page.chars
               if not c.invisible and (c.bbox is not None or not c.c.strip()))
    for run in runs_from_chars(visible):
        out += [(own, box) for own, _, box in signature_labels_on(run.text, list(run.boxes), structure)]
    return out


def beside(label: BBox, pic: BBox) -> tuple[int, float] | None:
    """(rank, gap) from ``label`` to ``pic`` when the picture is in the label's box, else None.

    Rank 0: to the right on the label's own row (the label's middle within the
    picture's height); 1: to the right, overlapping the row; 2: below the label.
    A form's row below has its own label, whose picture is that label's (rank 0)
    even though it is also just below the row above (rank 2)."""
    h = max(label.height, 6.0)
    row0, row1 = label.y0 - 1.8 * h, label.y1 + 1.8 * h
    ov = min(pic.y1, row1) - max(pic.y0, row0)
    if ov >= 0.5 * pic.height and pic.x0 >= label.x0 + 0.5 * label.width and pic.x0 - label.x1 <= RIGHT_PT:
        mid = 0.5 * (label.y0 + label.y1)
        return (0 if pic.y0 - 0.5 * h <= mid <= pic.y1 + 0.5 * h else 1), max(0.0, pic.x0 - label.x1)
    ovx = min(pic.x1, label.x1 + 160.0) - max(pic.x0, label.x0 - 2 * h)
    if pic.y0 >= label.y1 - 0.3 * h and pic.y0 - label.y1 <= BELOW_PT and ovx >= 0.5 * pic.width:
        return 2, max(0.0, pic.y0 - label.y1)
    return None


def _stroke_pixels(raster: Raster, box: BBox, printed: list[BBox]) -> tuple[int, int]:
    """(pen-ink pixels, all pixels) of the rendering inside ``box``."""
    part = raster.crop(box)
    if part is None:
        return 0, 0
    rgb = np.ascontiguousarray(part.pixels[:, :, :3])
    grey = cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY).astype(np.int16)
    paper = float(np.percentile(grey, 90))
    r = rgb[:, :, 0].astype(np.int16)
    gb = np.maximum(rgb[:, :, 1], rgb[:, :, 2]).astype(np.int16)
    hsv = cv2.cvtColor(rgb, cv2.COLOR_RGB2HSV)
    blue = (hsv[:, :, 0] >= 95) & (hsv[:, :, 0] <= 135) & (hsv[:, :, 1] >= 80) & (grey < paper - 30)
    ink = ((grey < paper - 60) | blue) & ~((r - gb) >= 35)
    ppt = part.dpi / 72.0
    # painted boxes (and the white label text inside them): solid areas, taken whole with their bounding rects
    k = max(3, int(round(3.0 * ppt)))
    solid = cv2.morphologyEx(ink.astype(np.uint8), cv2.MORPH_OPEN, np.ones((k, k), np.uint8))
    n, _, stats, _ = cv2.connectedComponentsWithStats(solid, connectivity=8)
    g = max(1, int(round(1.5 * ppt)))
    for i in range(1, n):
        x, y, w, h, _ = stats[i]
        ink[max(0, y - g):y + h + g, max(0, x - g):x + w + g] = False
    # printed characters over the picture are print, not pen
    for b in printed:
        pts = [part.to_pixels(xx, yy) for xx in (b.x0, b.x1) for yy in (b.y0, b.y1)]
        u0, v0 = int(min(p[0] for p in pts)) - g, int(min(p[1] for p in pts)) - g
        u1, v1 = int(max(p[0] for p in pts)) + g + 1, int(max(p[1] for p in pts)) + g + 1
        ink[max(0, v0):max(0, v1), max(0, u0):max(0, u1)] = False
    # specks (scan noise, anti-aliasing at a box's edge)
    n, lab, stats, _ = cv2.connectedComponentsWithStats(ink.astype(np.uint8), connectivity=8)
    big = stats[:, cv2.CC_STAT_AREA] >= max(4, int(ppt * ppt))
    big[0] = False
    return int(stats[big, cv2.CC_STAT_AREA].sum()), int(ink.size)


def signature_leaks(raster: Raster, page: PdfiumPage, structure: PageStructure | None = None,
                    not_pen: tuple[BBox, ...] = ()) -> list[Leak]:
    """Pictures of pen strokes beside the applicant's signature label.  ``not_pen``: pictures the plan found to be
    something else (a portrait, a stamp, a code): whatever lies beside a label, they are no pen strokes."""
    labels = signature_labels(page, structure)
    if not any(own for own, _ in labels) or not page.images:
        return []
    printed = [c.bbox for c in page.chars if c.bbox is not None and c.c.strip() and not c.invisible]
    leaks = []
    for pic in page.images:
        if pic.width > MAX_W_PT or pic.height > MAX_H_PT or pic.height < 5.0 or pic.width < 10.0:
            continue
        if any(m.intersection_area(pic) >= 0.5 * pic.area for m in not_pen):
            continue
        near = [((d, not own), lab) for own, lab in labels if (d := beside(lab, pic)) is not None]
        if not near:
            continue          # not beside a label
        rank, label = min(near, key=lambda n: n[0])
        if rank[1]:
            continue          # nearer to someone else's
        strokes, total = _stroke_pixels(raster, pic, [b for b in printed if b.intersection_area(pic) > 0])
        if strokes >= MIN_STROKE_PX and strokes >= MIN_STROKE_SHARE * total:
            leaks.append(Leak(where="signature", category="signature", page=page.number, bbox=pic, boxes=(pic,),
                              detail="pen strokes in a picture beside the applicant's signature label",
                              label_box=label))
    return leaks
