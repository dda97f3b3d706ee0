"""What a painted box shows on the output's pixels, for the gate's proof (``proof.local_reads``).

A box redaction painted in one colour holds nothing to read: its inside is
paint.  Two things follow, both judged on the output's own pixels:

* a line crop that spans such a box is read only on the box's sides: the pixel
  columns through the box whose rows in the crop show nothing but the box (grown
  by its blurred rim, ``RIM_PT``) and paper are cut out (``paint_columns``), so
  the recogniser reads the characters left and right of it, not the paint;
* a changed area that is taller than the lines it touches (a QR code or photo
  painted over, with its caption line running into it) needs only those lines
  read, where every pixel in it that moved lies in a one-colour painted box (or
  its rim) or in the band of a line read again (``paint_only_outside``); the
  rest of the area shows paint and pixels that did not change, in which
  ingest's reading found no other line.

A box with a legible stroke in it (its inside not one colour up to the
tolerance), or a moved pixel outside paint and the lines read again, keeps the
old reading: the crop is read whole, the area with detection.
"""

from __future__ import annotations

import numpy as np

from redactor.model import BBox, Raster

__all__ = ["RIM_PT", "HALO", "one_colour", "paint_holes", "paint_columns", "paint_only_outside"]

RIM_PT = 1.5            # a painted box's edge, blurred when the scan is resampled to the rendering: no glyph fits
_FAINT = 24            # levels under the crop's paper (its median outside paint) that count as ink
HALO = 0.5              # of a painted box's height: where the rest of a glyph it covers would show


def pixel_rect(r: Raster, box: BBox) -> tuple[int, int, int, int]:
    h, w = r.pixels.shape[:2]
    pts = [r.to_pixels(x, y) for x in (box.x0, box.x1) for y in (box.y0, box.y1)]
    u0 = max(0, int(np.floor(min(p[0] for p in pts))))
    v0 = max(0, int(np.floor(min(p[1] for p in pts))))
    u1 = min(w, int(np.ceil(max(p[0] for p in pts))) + 1)
    v1 = min(h, int(np.ceil(max(p[1] for p in pts))) + 1)
    return u0, v0, u1, v1


def one_colour(after: Raster, box: BBox, tolerance: int) -> bool:
    """The output inside ``box`` is one colour up to ``tolerance`` (its one-pixel edge, partly paint, not judged)."""
    u0, v0, u1, v1 = pixel_rect(after, box)
    inside = after.pixels[v0 + 1:v1 - 1, u0 + 1:u1 - 1]
    return not inside.size or int(inside.max()) - int(inside.min()) <= tolerance


def paint_holes(after: Raster, painted: tuple[BBox, ...], tolerance: int) -> tuple[BBox, ...]:
    """The painted boxes whose inside is one colour on the output: paint, nothing to read."""
    return tuple(b for b in painted if one_colour(after, b, tolerance))


def paint_columns(after: Raster, crop: BBox, holes: tuple[BBox, ...], min_pt: float,
                  moved: np.ndarray | None = None, reach: float = 0.0) -> list[tuple[float, float]]:
    """Runs (x0, x1 in points, at least ``min_pt`` wide) of ``crop``'s columns through a hole that show
    nothing but paint: in the crop's rows, outside the holes grown by ``RIM_PT``, no pixel moved
    (``moved``: the proof's mask) and, within ``HALO`` of the hole's height above and below it (where the
    rest of a glyph the box was painted over would be; at least ``reach``, the line's glyph height, so a
    flat box through a line never hides the glyphs above and below it), every pixel is paper (within
    ``_FAINT`` levels of the crop's own paper: a thin stroke resampled to grey is ink).  Ink farther away in
    those columns belongs to another line, read on its own."""
    a, b, c, d, _, _ = after.to_points
    if b != 0 or c != 0 or a <= 0 or d <= 0:
        return []
    inside = [h for h in holes if h.x1 > crop.x0 and h.x0 < crop.x1 and h.y1 > crop.y0 and h.y0 < crop.y1]
    if not inside:
        return []
    u0, v0, u1, v1 = pixel_rect(after, crop)
    if u1 <= u0 or v1 <= v0:
        return []
    px = after.pixels[v0:v1, u0:u1]
    grey = px.min(axis=2) if px.ndim == 3 else px
    paint = np.zeros(grey.shape, dtype=bool)
    for h in inside:
        r0, q0, r1, q1 = pixel_rect(after, h.expanded(RIM_PT))
        paint[max(q0 - v0, 0):max(q1 - v0, 0), max(r0 - u0, 0):max(r1 - u0, 0)] = True
    rest = grey[~paint]
    if not rest.size:
        return []
    dark = grey.astype(np.int16) < int(np.median(rest)) - _FAINT     # a faint stroke counts as ink
    ink = np.zeros_like(dark)
    through = np.zeros(u1 - u0, dtype=bool)
    for h in inside:
        g0, _, g1, _ = pixel_rect(after, h)
        through[max(g0 - u0, 0):max(g1 - u0, 0)] = True
        halo = h.expanded(0.0, max(HALO * h.height, reach))
        r0, q0, r1, q1 = pixel_rect(after, halo)
        ink[max(q0 - v0, 0):max(q1 - v0, 0), max(r0 - u0, 0):max(r1 - u0, 0)] = \
            dark[max(q0 - v0, 0):max(q1 - v0, 0), max(r0 - u0, 0):max(r1 - u0, 0)]
    ink &= ~paint
    if moved is not None:
        ink |= moved[v0:v1, u0:u1] & ~paint
    empty = through & ~ink.any(axis=0)
    out = []
    k, n = 0, len(empty)
    while k < n:
        if not empty[k]:
            k += 1
            continue
        s = k
        while k < n and empty[k]:
            k += 1
        x0, x1 = a * (u0 + s) + after.to_points[4], a * (u0 + k) + after.to_points[4]
        if x1 - x0 >= min_pt:
            out.append((x0, x1))
    return out


def paint_only_outside(after: Raster, moved: np.ndarray, area: BBox, holes: tuple[BBox, ...],
                       painted: tuple[BBox, ...], bands: list[tuple[float, float]]) -> bool:
    """Every pixel of ``area`` that moved (``moved``: the proof's mask of pixels over the tolerance) lies in a
    one-colour painted box grown by ``RIM_PT`` or in one of the ``bands`` (rows y0..y1 in points, read
    again), and no painted box touching the area outside the bands holds a stroke."""
    u0, v0, u1, v1 = pixel_rect(after, area)
    if u1 <= u0 or v1 <= v0:
        return False
    left = moved[v0:v1, u0:u1].copy()
    for box in painted:
        if box.x1 <= area.x0 or box.x0 >= area.x1 or box.y1 <= area.y0 or box.y0 >= area.y1:
            continue
        if box not in holes:
            return False
        r0, q0, r1, q1 = pixel_rect(after, box.expanded(RIM_PT))
        left[max(q0 - v0, 0):max(q1 - v0, 0), max(r0 - u0, 0):max(r1 - u0, 0)] = False
    for y0, y1 in bands:
        _, q0, _, q1 = pixel_rect(after, BBox(area.x0, y0, area.x1, y1))
        left[max(q0 - v0, 0):max(q1 - v0, 0), :] = False
    return not left.any()


def whitened(part: Raster, holes: tuple[BBox, ...]) -> Raster:
    """``part`` (a crop) with the one-colour boxes in it turned to paper: paint holds nothing to read, and
    a dark bar across a line's glyphs (a box over the line above it, a code over its caption's top)
    makes the recogniser lose strokes that touch it."""
    px = None
    for box in holes:
        u0, v0, u1, v1 = pixel_rect(part, box)
        if u1 - u0 <= 2 or v1 - v0 <= 2:
            continue
        if px is None:
            px = part.pixels.copy()
        px[v0 + 1:v1 - 1, u0 + 1:u1 - 1] = 255      # what ``one_colour`` judged; the edge, partly paint, stays
    return part if px is None else Raster(px, part.to_points, part.dpi)
