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
of it stands.  A changed area that touches no line of ingest's reading and whose
moved pixels are all inside painted boxes of one colour each (a photo, a code or
a stamp painted over, away from text) is not OCRed: the output shows nothing
there but paint and unchanged pixels in which ingest read no text
(``blank_areas``, judged on the output's pixels).  Likewise a one-colour
painted box inside a line crop is read as paper, or cut out of it (``paint``),
and short crops share recogniser inputs (``line_pack``).  A crop read with a score under
``SURE`` (the scan-signature channel's bar for print: under it, a line's characters count as possible pen
ink) is no reading of a line -- print of another line or a stamp's text crosses it -- and its line is read
again whole, with detection.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import cv2
import numpy as np

from redactor.model import BBox, Raster
from redactor.protocols import LineReader, OcrEngine, OcrText
from redactor.rects import merge_overlapping
from redactor.verify.line_pack import read_groups
from redactor.verify.ocr_pass import _uniform, read_scope, recognise, recognise_tiles, scope_sources
from redactor.verify.paint import RIM_PT, paint_columns, paint_holes, paint_only_outside, pixel_rect, whitened
from redactor.verify.pdfium_reader import PdfiumPage, render
from redactor.verify.signatures_scan import PRINT_MIN_SCORE as SURE
from redactor.verify.turned_frame import TurnedFrame

__all__ = ["PriorPage", "Prior", "gate_reading", "pixels_unchanged_outside", "changed_areas", "blank_areas",
           "neighbourhoods", "covered", "MARGIN_PT", "TOLERANCE", "SURE"]

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
    # page -> (category, box) of the marks policy kept as someone else's (a seal, a photo, a signature)
    kept_marks: Mapping[int, tuple[tuple[str, BBox], ...]] = field(default_factory=dict)


def _diff(before: Raster, after: Raster) -> np.ndarray:
    """Per pixel, the largest change on any colour channel."""
    diff = cv2.absdiff(np.ascontiguousarray(before.pixels), np.ascontiguousarray(after.pixels))
    if diff.ndim == 3:
        diff = np.maximum(np.maximum(diff[:, :, 0], diff[:, :, 1]), diff[:, :, 2]) if diff.shape[2] == 3 \
            else diff.max(axis=2)
    return diff


def pixels_unchanged_outside(before: Raster, after: Raster, painted: tuple[BBox, ...],
                             margin: float = MARGIN_PT, tolerance: int = TOLERANCE,
                             diff: np.ndarray | None = None) -> tuple[bool, str]:
    """(holds, why not): the two renderings agree outside ``painted`` grown by ``margin``
    (``diff``: ``_diff(before, after)`` when the caller has it already)."""
    a, b = before.pixels, after.pixels
    if a.shape != b.shape or before.to_points != after.to_points:
        return False, "page geometry changed"
    if diff is None:
        diff = _diff(before, after)
    if not diff.any():
        return True, ""
    outside = np.ones(diff.shape, dtype=bool)
    for box in painted:
        u0, v0, u1, v1 = pixel_rect(after, box.expanded(margin))
        outside[v0:v1, u0:u1] = False
    if not outside.any():
        return True, ""
    worst = int(diff[outside].max())
    if worst > tolerance:
        return False, f"pixels outside the painted boxes changed (by {worst} levels)"
    return True, ""


def changed_areas(before: Raster, after: Raster, painted: tuple[BBox, ...],
                  tolerance: int = TOLERANCE, diff: np.ndarray | None = None) -> tuple[BBox, ...]:
    """Where the output may differ from the input: the painted boxes, and every patch of pixels
    that moved by more than ``tolerance`` (JPEG ringing at a box edge), each grown by 1 pt."""
    if diff is None:
        diff = _diff(before, after)
    mask = (diff > tolerance).astype(np.uint8)
    out = [b.expanded(1.0) for b in painted]
    if mask.any():
        n, _, stats, _ = cv2.connectedComponentsWithStats(cv2.dilate(mask, np.ones((3, 3), np.uint8)))
        for i in range(1, n):
            x, y, w, h, _ = stats[i]
            out.append(after.point_box(float(x), float(y), float(x + w), float(y + h)).expanded(1.0))
    return tuple(_merge(out))


def blank_areas(after: Raster, diff: np.ndarray | None, changed: tuple[BBox, ...], painted: tuple[BBox, ...],
                lines: tuple[OcrText, ...], tolerance: int = TOLERANCE) -> tuple[BBox, ...]:
    """The changed areas that hold nothing to read, judged on the output's pixels: no line of ingest's
    reading touches the area (its unchanged pixels showed no text), every pixel in it that moved by
    more than ``tolerance`` lies inside a painted box or its blurred rim (``RIM_PT``), and the output
    inside each painted box in it is one colour up to ``tolerance`` (no legible stroke; the one-pixel
    edge, partly paint, is not judged).  A photo, code or stamp painted over, away from text: nothing
    there to OCR again."""
    if diff is None:
        return ()
    out = []
    for c in changed:
        if any(_touch(ln.bbox, c) for ln in lines):
            continue
        u0, v0, u1, v1 = pixel_rect(after, c)
        if u1 <= u0 or v1 <= v0:
            out.append(c)
            continue
        moved = diff[v0:v1, u0:u1] > tolerance
        ok = True
        for box in painted:
            if not _touch(box, c):
                continue
            a0, b0, a1, b1 = pixel_rect(after, box)
            a0, b0, a1, b1 = max(a0, u0), max(b0, v0), min(a1, u1), min(b1, v1)
            if a1 <= a0 or b1 <= b0:
                continue
            inside = after.pixels[b0 + 1:b1 - 1, a0 + 1:a1 - 1]     # the box's edge pixels are partly paint
            if inside.size and int(inside.max()) - int(inside.min()) > tolerance:
                ok = False
                break
            r0, q0, r1, q1 = pixel_rect(after, box.expanded(RIM_PT))       # resampling blurs the edge
            moved[max(q0, v0) - v0:max(q1 - v0, 0), max(r0, u0) - u0:max(r1 - u0, 0)] = False
        if ok and not moved.any():
            out.append(c)
    return tuple(out)


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


def local_reads(ocr: LineReader, raster: Raster, changed: tuple[BBox, ...], lines: tuple[OcrText, ...], page: BBox,
                holes: tuple[BBox, ...] = (), moved: np.ndarray | None = None, painted: tuple[BBox, ...] = ()
                ) -> tuple[list[OcrText], tuple[BBox, ...], tuple[OcrText, ...]]:
    """Like ``neighbourhoods``, but a line touched by a changed area lying within its band is not read
    again whole: only the part around the area is (the area grown by ``_CROP_MARGIN`` line heights on
    each side, widened to whole characters of ingest's reading), cut from the output at the line's
    height and recognised as a line (its place is known: no detection); the line's other characters
    keep ingest's reading and the pieces are joined in order into one line, so a value running from
    unchanged pixels into the re-read part is still one run of text.  Returns (the spliced lines,
    regions still to read with detection, ingest's lines untouched).

    Areas that a line's band does not contain (a seal, a photo, a box over several lines), that touch
    no line or a line whose direction is unknown (one character, a vertical or upside-down line) are
    read as ``neighbourhoods`` does -- except an area taller than its lines whose every moved pixel
    (``moved``) outside their bands lies in a one-colour painted box (``holes``, ``paint``): only its
    lines' bands are read, as crops.  A crop through a one-colour box is read on the box's sides only
    (``paint.paint_columns``)."""
    touching = [[i for i, ln in enumerate(lines) if _touch(ln.bbox, c)] for c in changed]
    ok = [bool(t) and all(_line_like(lines[i]) for i in t) and _within_bands(c, [lines[i] for i in t])
          for c, t in zip(changed, touching)]
    banded = [not k and bool(t) and moved is not None and all(_line_like(lines[i]) for i in t)
              and paint_only_outside(raster, moved, c, holes, painted, [_rows(lines[i]) for i in t])
              for c, t, k in zip(changed, touching, ok)]
    ok = [k or b for k, b in zip(ok, banded)]
    whole = {i for t, k in zip(touching, ok) if not k for i in t}
    grew = True
    while grew:         # an area on a line that is read whole is read with it
        grew = False
        for n, t in enumerate(touching):
            if ok[n] and whole.intersection(t):
                ok[n], grew = False, True
                whole.update(t)
    fallback = []
    local: dict[int, list[BBox]] = {}
    for c, t, k, b in zip(changed, touching, ok, banded):
        if k:
            for i in t:     # an area taller than its lines: only the part in each line's band is read
                lo, hi = _rows(lines[i])
                part = _clip(c, BBox(c.x0, lo, c.x1, hi)) if b else c
                if part is not None:
                    local.setdefault(i, []).append(part)
            continue
        r = c
        for i in t:
            r = r.union(lines[i].bbox.expanded(_LINE_PAD_PT, 0.5))
        fallback.append(r)
    plans = [(i, _pieces(lines[i], areas, page, _blank_columns(raster))) for i, areas in local.items()]
    crops = [(b, lines[i]) for i, pieces in plans for b in pieces if isinstance(b, BBox)]
    sides = [_sides(raster, b, holes, ln, moved) for b, ln in crops]     # a one-colour box in a crop is not read
    parts = [[raster.crop(s) for s in ss] for ss in sides]
    parts = [[whitened(p, holes) for p in ps if p is not None] for ps in parts]
    parts = [[p for p in ps if not _uniform(p)] for ps in parts]   # a blank crop holds no text
    readings = {id(b): got for (b, _), got in zip(crops, read_groups(ocr, parts, SURE))}
    # a crop the recogniser read without confidence is no line (print of another line or a stamp's text
    # crosses it): its line is read again whole, with detection, as an area off the lines is
    unsure = {i for i, pieces in plans
              if any(_unsure(readings[id(p)]) for p in pieces if isinstance(p, BBox))}
    for i in unsure:
        r = lines[i].bbox.expanded(_LINE_PAD_PT, 0.5)
        for a in local[i]:
            r = r.union(a)
        fallback.append(r)
    regions = [b for b in (_clip(r, page) for r in _merge(fallback)) if b is not None]
    spliced = []
    for i, pieces in plans:
        if i in unsure:
            continue
        ln = lines[i]
        text: list[str] = []
        boxes: list[BBox] = []
        score = ln.score
        for piece in pieces:
            if isinstance(piece, BBox):
                got = readings[id(piece)]
                if got is not None and got.text:
                    text.append(got.text)
                    boxes += got.char_boxes
                    score = min(score, got.score)
            else:
                text.append(ln.text[piece[0]:piece[1]])
                boxes += ln.char_boxes[piece[0]:piece[1]]
        if text:
            spliced.append(OcrText("".join(text), tuple(boxes), BBox.enclosing(boxes), score))
    kept = tuple(ln for i, ln in enumerate(lines) if i not in whole and i not in local)
    return spliced, tuple(regions), kept


def _unsure(got: OcrText | None) -> bool:
    """A crop's reading the verifier cannot vouch for: text, scored under ``SURE``."""
    return got is not None and bool(got.text.strip()) and got.score < SURE


def _sides(raster: Raster, crop: BBox, holes: tuple[BBox, ...], ln: OcrText, moved: np.ndarray | None
           ) -> list[BBox]:
    """``crop`` (of line ``ln``) without the runs of columns through one-colour painted boxes that show
    nothing but paint and paper near them (at least ``_HOLE`` line heights wide): the parts left and right
    of them, in order."""
    glyph = float(np.median([b.height for b in ln.char_boxes])) if ln.char_boxes else ln.bbox.height
    out, x = [], crop.x0
    for a, b in paint_columns(raster, crop, holes, _HOLE * ln.bbox.height, moved, glyph) if holes else []:
        if a > x:
            out.append(BBox(x, crop.y0, a, crop.y1))
        x = max(x, b)
    if x < crop.x1:
        out.append(BBox(x, crop.y0, crop.x1, crop.y1))
    return out


_HOLE = 1.5             # a run of paint columns narrower than this (line heights) is read with its crop: only a box
                        # over whole characters is cut out, never the space between two glyphs
_CROP_MARGIN = 1.0      # line heights re-read on each side of a changed area
_BAND = 0.5             # a line's band: its box grown by this share of its height above and below
_PAPER = 170           # a column of a line's rows is blank when every pixel is at least this light
_SNAP_TRIES = 3         # kept characters a crop edge may swallow while looking for a blank column
_CROP_PAD = 0.25        # a crop's rows: the line's box grown by this share of its height, and the area's rows in the band


def _blank_columns(raster: Raster) -> Any:
    """f(x0, x1, y0, y1): the x (points) of the pixel columns between x0 and x1 that show no ink in the rows
    y0 .. y1 (every pixel lighter than ``_PAPER`` on every channel) -- where a crop can end without
    cutting a glyph in two."""
    a, _, _, d, e, f = raster.to_points
    px = raster.pixels
    hgt, wid = px.shape[:2]

    def cols(x0: float, x1: float, y0: float, y1: float) -> list[float]:
        u0, u1 = max(0, int(np.ceil((x0 - e) / a))), min(wid, int(np.floor((x1 - e) / a)) + 1)
        v0, v1 = max(0, int(np.floor((y0 - f) / d))), min(hgt, int(np.ceil((y1 - f) / d)))
        if u1 <= u0 or v1 <= v0:
            return []
        band = px[v0:v1, u0:u1]
        dark = band.min(axis=2) if band.ndim == 3 else band
        return [e + a * (u0 + u + 0.5) for u in np.flatnonzero(dark.min(axis=0) >= _PAPER)]

    return cols


def _axis_aligned(r: Raster) -> bool:
    a, b, c, d, _, _ = r.to_points
    return a > 0 and d > 0 and b == 0 and c == 0


def _page_upright(raster: Raster, lines: tuple[OcrText, ...]) -> bool:
    """Ingest read this page upright: its long lines (most of them) run left to right in an unrotated
    rendering.  Crops of it need no orientation probe."""
    if not _axis_aligned(raster):
        return False
    long = [ln for ln in lines if len(ln.text) >= 3 and ln.bbox.width >= 2 * ln.bbox.height]
    return len(long) >= 2 and sum(map(_line_like, long)) >= 0.8 * len(long)


def _page_turn(raster: Raster, lines: tuple[OcrText, ...]) -> int | None:
    """The quarter turns (``np.rot90``) that make the page upright as ingest read it, or None when its
    lines do not say: 0 for ``_page_upright``; for a sheet scanned sideways or upside down, the turn
    whose frame shows ingest's lines upright by the same test.  Crops of the turned rendering need no
    orientation probe (the probe read up to 8 line windows once or twice for every crop)."""
    if not _axis_aligned(raster):
        return None
    for k in (0, 1, 3, 2):
        if _page_upright(raster, tuple(map(TurnedFrame(raster, k).line, lines)) if k else lines):
            return k
    return None


def _line_like(ln: OcrText) -> bool:
    """A horizontal line read left to right (upright in the unrotated page): a crop of its band is a
    line the recogniser reads without detection or an orientation probe."""
    b = ln.bbox
    if len(ln.text) < 2 or b.width < 1.5 * b.height:
        return False
    xs = [(cb.x0 + cb.x1) / 2 for cb in ln.char_boxes]
    return all(x1 >= x0 - 0.25 * b.height for x0, x1 in zip(xs, xs[1:])) and xs[-1] > xs[0]


def _band(ln: OcrText) -> tuple[float, float]:
    return ln.bbox.y0 - _BAND * ln.bbox.height, ln.bbox.y1 + _BAND * ln.bbox.height


def _rows(ln: OcrText) -> tuple[float, float]:
    """The rows a crop of ``ln`` reads at least: its box grown by ``_CROP_PAD`` of its height."""
    return ln.bbox.y0 - _CROP_PAD * ln.bbox.height, ln.bbox.y1 + _CROP_PAD * ln.bbox.height


def _within_bands(c: BBox, touching: list[OcrText]) -> bool:
    """Every row of ``c`` lies in the band of a line it touches."""
    y = c.y0
    for lo, hi in sorted(_band(ln) for ln in touching):
        if lo > y:
            return False
        y = max(y, hi)
        if y >= c.y1:
            return True
    return y >= c.y1


def _pieces(ln: OcrText, areas: list[BBox], page: BBox, blank: Any = None) -> list[BBox | tuple[int, int]]:
    """The line cut into runs of ingest's characters (index ranges) and crops to read again (boxes),
    left to right.  Each crop covers its spans grown by ``_CROP_MARGIN`` line heights and every character
    it reaches, whole; its edges fall in the gaps next to the characters kept: in a blank pixel column
    (``blank``) between a kept character and the first one read again (where the glyphs touch, the kept
    neighbour is read again too, up to ``_SNAP_TRIES`` of them), so no glyph is read in two pieces or
    twice (a duplicated or lost character at the join could hide a value running across it)."""
    h = ln.bbox.height
    m = _CROP_MARGIN * h
    ranges = sorted((c.x0 - m, c.x1 + m) for c in areas)
    merged: list[list[float]] = []
    for a, b in ranges:
        if merged and a <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], b)
        else:
            merged.append([a, b])
    boxes = ln.char_boxes
    owner = [-1] * len(boxes)
    changed = True
    while changed:                      # widen to whole characters; join ranges that reach the same one
        changed = False
        for k, cb in enumerate(boxes):
            for j, (a, b) in enumerate(merged):
                if cb.x1 > a and cb.x0 < b:
                    owner[k] = j
                    if cb.x0 < a or cb.x1 > b:
                        merged[j] = [min(a, cb.x0), max(b, cb.x1)]
                        changed = True
        for j in range(len(merged) - 1, 0, -1):
            if merged[j][0] <= merged[j - 1][1]:
                merged[j - 1][1] = max(merged[j - 1][1], merged[j][1])
                del merged[j]
                changed = True
        if changed:
            owner = [-1] * len(boxes)
    lo, hi = _band(ln)
    lo = min(ln.bbox.y0 - _CROP_PAD * h, max(lo, min(c.y0 for c in areas)))
    hi = max(ln.bbox.y1 + _CROP_PAD * h, min(hi, max(c.y1 for c in areas)))
    n = len(boxes)
    mid = [(b.x0 + b.x1) / 2 for b in boxes]
    cuts: list[list[float]] = []
    for j, (a, b) in enumerate(merged):
        inside = [k for k in range(n) if owner[k] == j]
        if not inside:
            cuts.append([a, b])
            continue
        first, last = inside[0], inside[-1]
        # left edge: in a blank column between the kept neighbour and the first character read again
        x0 = a
        for _ in range(_SNAP_TRIES + 1):
            nb = first - 1
            if nb < 0 or owner[nb] != -1:
                break
            plan = max(a - 0.25 * h, (boxes[nb].x1 + a) / 2) if boxes[nb].x1 < a else a
            cols = blank(mid[nb], mid[first], ln.bbox.y0, ln.bbox.y1) if blank is not None else [plan]
            if cols:
                x0 = min(cols, key=lambda x: abs(x - plan))
                break
            if _ == _SNAP_TRIES:
                x0 = plan               # glyphs touch all the way: cut where ingest's boxes say
                break
            owner[nb], first = j, nb    # glyphs touch here: the kept neighbour is read again too
            a = min(a, boxes[nb].x0)
            x0 = a
        x1 = b
        for _ in range(_SNAP_TRIES + 1):
            nb = last + 1
            if nb >= n or owner[nb] != -1:
                break
            plan = min(b + 0.25 * h, (b + boxes[nb].x0) / 2) if boxes[nb].x0 > b else b
            cols = blank(mid[last], mid[nb], ln.bbox.y0, ln.bbox.y1) if blank is not None else [plan]
            if cols:
                x1 = min(cols, key=lambda x: abs(x - plan))
                break
            if _ == _SNAP_TRIES:
                x1 = plan
                break
            owner[nb], last = j, nb
            b = max(b, boxes[nb].x1)
            x1 = b
        cuts.append([x0, x1])
    out: list[tuple[float, BBox | tuple[int, int]]] = []
    k = 0
    while k < n:                                # runs of kept characters
        if owner[k] != -1:
            k += 1
            continue
        start = k
        while k < n and owner[k] == -1:
            k += 1
        out.append((boxes[start].x0, (start, k)))
    for x0, x1 in _join(cuts):                  # crops with nothing kept between them are one crop
        crop = _clip(BBox(x0, lo, x1, hi), page)
        if crop is not None:
            out.append((x0, crop))
    return [piece for _, piece in sorted(out, key=lambda t: t[0])]


def _join(cuts: list[list[float]]) -> list[tuple[float, float]]:
    out: list[list[float]] = []
    for a, b in sorted(cuts):
        if out and a <= out[-1][1] + 1e-6:
            out[-1][1] = max(out[-1][1], b)
        else:
            out.append([a, b])
    return [(a, b) for a, b in out]


def _clip(r: BBox, page: BBox) -> BBox | None:
    x0, y0, x1, y1 = max(page.x0, r.x0), max(page.y0, r.y0), min(page.x1, r.x1), min(page.y1, r.y1)
    return BBox(x0, y0, x1, y1) if x1 > x0 and y1 > y0 else None


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
        return read_scope(ocr, raster, scope), "read: no reading of the input page", None
    if scope is None and pp.coverage is not None:
        return recognise(ocr, raster, scope), "read: ingest read only part of this page", None
    if scope is None:
        unread: list[BBox] = []
    else:
        unread = [r for r, src in zip(scope, scope_sources(page)) if not covered(src, pp.coverage)]
        if len(unread) == len(scope):
            return read_scope(ocr, raster, scope), "read: ingest read none of its images", None
    painted = prior.painted.get(page.number, ())  # type: ignore[union-attr]
    with clock("proof"):
        before = render(before_pdf, page.number, raster.dpi)
        diff = _diff(before, raster) if before.pixels.shape == raster.pixels.shape else None
        holds, why = pixels_unchanged_outside(before, raster, painted, diff=diff)
        changed = changed_areas(before, raster, painted, diff=diff) if holds else ()
        blank = blank_areas(raster, diff, changed, painted, pp.lines) if holds else ()
        moved = diff > TOLERANCE if holds and diff is not None else None
        holes = paint_holes(raster, painted, TOLERANCE) if moved is not None else ()
        del before, diff
    if not holds:
        return read_scope(ocr, raster, scope), "read: " + why, None
    if scope is not None:       # outside the OCR scope (text-layer boxes on a mixed page) nothing is read
        changed = tuple(c for c in changed if any(_touch(c, r) for r in scope))
    full = BBox(0, 0, page.width, page.height)
    to_read = tuple(c for c in changed if c not in blank)
    turn = _page_turn(raster, pp.lines)
    if isinstance(ocr, LineReader) and turn:        # a sheet scanned sideways: line crops in ingest's turn
        spliced, regions, kept = _turned_local_reads(ocr, TurnedFrame(raster, turn), to_read, pp.lines, holes,
                                                     moved, painted)
    elif isinstance(ocr, LineReader) and _axis_aligned(raster):
        spliced, regions, kept = local_reads(ocr, raster, to_read, pp.lines, full, holes, moved, painted)
    else:
        (regions, kept), spliced = neighbourhoods(to_read, pp.lines, full), []
    lines = list(kept) + spliced + recognise_tiles(ocr, raster if turn is None else raster.turned(turn),
                                                   regions + tuple(unread), upright=turn is not None)
    return lines, "proven", tuple(_merge(list(changed) + list(regions))) + tuple(unread)


def _turned_local_reads(ocr: LineReader, frame: TurnedFrame, changed: tuple[BBox, ...], lines: tuple[OcrText, ...],
                        holes: tuple[BBox, ...], moved: np.ndarray | None, painted: tuple[BBox, ...]
                        ) -> tuple[list[OcrText], tuple[BBox, ...], tuple[OcrText, ...]]:
    """``local_reads`` on the page seen in ``frame`` (ingest's turn): everything carried into the frame's
    points, read there, and carried back (ingest's untouched lines are returned as they were)."""
    turned = [frame.line(ln) for ln in lines]
    original = {id(t): ln for t, ln in zip(turned, lines)}
    spliced, regions, kept = local_reads(ocr, frame.raster, tuple(map(frame.box, changed)), tuple(turned),
                                         frame.page(), tuple(map(frame.box, holes)), frame.mask(moved),
                                         tuple(map(frame.box, painted)))
    return ([frame.page_line(ln) for ln in spliced], tuple(map(frame.page_box, regions)),
            tuple(original[id(ln)] for ln in kept))


def _touch(a: BBox, b: BBox) -> bool:
    return min(a.x1, b.x1) > max(a.x0, b.x0) and min(a.y1, b.y1) > max(a.y0, b.y0)


def _merge(boxes: list[BBox]) -> list[BBox]:
    return [BBox(*r) for r in merge_overlapping([(b.x0, b.y0, b.x1, b.y1) for b in boxes])]
