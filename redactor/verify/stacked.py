"""OCR lines stacked in one narrow table cell, paired so that a value wrapped across them is read whole.

OCR reads a form row by row: the upper half of a wrapped employer name (包头市中)
is followed by the row's other cells before its lower half (心医院) comes, so
neither the engine's order nor reading order puts the halves side by side.  A
line is paired with the nearest line stacked under it: starting within a line
height of its start, overlapping it along the line, its middle half a line to
two lines further on (OCR's boxes are generous and overlap on skewed scans).
"Under" follows each line's own direction (its characters' progression), so
sideways scans pair too.  Verification's own code: detection pairs lines in
``redactor.detect.stacked_lines``.
"""

from __future__ import annotations

from redactor.model import BBox
from redactor.protocols import OcrText

__all__ = ["stacked_pairs"]


def _direction(ln: OcrText) -> tuple[int, int]:
    """The reading direction of a line as a unit axis vector (x right, y down)."""
    if len(ln.char_boxes) >= 2:
        a, b = ln.char_boxes[0], ln.char_boxes[-1]
        dx, dy = (b.x0 + b.x1 - a.x0 - a.x1) / 2, (b.y0 + b.y1 - a.y0 - a.y1) / 2
    else:
        dx, dy = ln.bbox.width, 0.0
    if abs(dx) >= abs(dy):
        return (1, 0) if dx >= 0 else (-1, 0)
    return (0, 1) if dy > 0 else (0, -1)


def _span(b: BBox, axis: tuple[int, int]) -> tuple[float, float]:
    vals = [axis[0] * x + axis[1] * y for x in (b.x0, b.x1) for y in (b.y0, b.y1)]
    return min(vals), max(vals)


def stacked_pairs(lines: list[OcrText]) -> list[tuple[OcrText, OcrText]]:
    """(upper, lower) lines that read as one wrapped cell."""
    # each line's direction and its spans along it and "down" of it, once (a form's 150 lines are 22 000 pairs)
    dirs = [_direction(ln) for ln in lines]
    spans = [(_span(ln.bbox, d), _span(ln.bbox, (-d[1], d[0]))) for ln, d in zip(lines, dirs)]
    out = []
    for i, a in enumerate(lines):
        d = dirs[i]
        (a0, a1), (c0, c1) = spans[i]     # along d, and "down" of a line reading along d
        h = c1 - c0
        if h <= 0 or a1 - a0 < h:
            continue
        # the nearest line below, one to two line heights down, starting under this one's start
        below = [(0.5 * (e0 + e1 - c0 - c1), j) for j, ((b0, b1), (e0, e1)) in enumerate(spans)
                 if j != i and dirs[j] == d and abs(b0 - a0) <= h and min(a1, b1) > max(a0, b0)]
        below = [(pitch, j) for pitch, j in below if 0.5 * h <= pitch <= 2.0 * h]
        if below:
            out.append((a, lines[min(below)[1]]))
    return out
