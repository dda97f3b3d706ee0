"""Reading order of OCR lines in the text's own frame: rows top to bottom, lines in a row in reading direction.

Shared by ingest (the page text it builds from its OCR) and the final check (the order it joins its own OCR's
lines in): geometry of a reading, no judgement.  A skewed scan, or a page whose /Rotate makes its text run
vertically in unrotated page space, is ordered as a reader sees it.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Protocol, TypeVar

from redactor.model import BBox


class _Line(Protocol):
    """What an OCR line shows of itself (``redactor.protocols.OcrText``)."""

    text: str
    char_boxes: tuple[BBox, ...]
    bbox: BBox


L = TypeVar("L", bound=_Line)

__all__ = ["reading_order", "dominant_direction"]


def reading_order(lines: Sequence[L], direction: tuple[float, float] | None = None) -> list[L]:
    """Rows top-to-bottom, lines in a row left-to-right, in the text's own frame.

    The frame is the dominant reading direction of the lines (from their
    character centres), so a skewed scan, or a page whose /Rotate makes its
    text run vertically in unrotated page space, is ordered as a reader sees it.
    ``direction``: that direction, where the caller has it (``dominant_direction``).
    """
    if len(lines) < 2:
        return list(lines)
    dx, dy = direction or dominant_direction(lines)
    nx, ny = -dy, dx                          # "down" in the reading frame
    items = []
    for ln in lines:
        cx, cy = _line_centre(ln)
        along = cx * dx + cy * dy
        across = cx * nx + cy * ny
        items.append((across, along, _thickness(ln, dx, dy), ln))
    items.sort(key=lambda t: (t[0], t[1]))
    rows: list[list[tuple[float, float, float, L]]] = []
    row_centre = row_thick = 0.0
    for it in items:
        if rows and abs(it[0] - row_centre) <= 0.5 * max(min(it[2], row_thick), 1e-6):
            rows[-1].append(it)
            n = len(rows[-1])
            row_centre += (it[0] - row_centre) / n
            continue
        rows.append([it])
        row_centre, row_thick = it[0], it[2]
    return [t[3] for row in rows for t in sorted(row, key=lambda t: t[1])]


def _line_centre(ln: _Line) -> tuple[float, float]:
    boxes = [b for c, b in zip(ln.text, ln.char_boxes) if c.strip()] or [ln.bbox]
    xs = [b.center[0] for b in boxes]
    ys = [b.center[1] for b in boxes]
    return sum(xs) / len(xs), sum(ys) / len(ys)


def _thickness(ln: _Line, dx: float, dy: float) -> float:
    """Typical character extent across the reading direction."""
    boxes = [b for c, b in zip(ln.text, ln.char_boxes) if c.strip()] or [ln.bbox]
    ext = sorted(abs(dy) * b.width + abs(dx) * b.height for b in boxes)
    return ext[len(ext) // 2]


def dominant_direction(lines: Sequence[_Line]) -> tuple[float, float]:
    """Unit vector of the reading direction, weighted by line length (default +x)."""
    sx = sy = 0.0
    for ln in lines:
        pts = [b.center for c, b in zip(ln.text, ln.char_boxes) if c.strip()]
        if len(pts) < 2:
            continue
        vx, vy = pts[-1][0] - pts[0][0], pts[-1][1] - pts[0][1]
        length = math.hypot(vx, vy)
        if length < 1e-6:
            continue
        # double the angle so opposite directions reinforce, then halve it
        ang = math.atan2(vy, vx)
        sx += length * math.cos(2 * ang)
        sy += length * math.sin(2 * ang)
    if sx == 0 and sy == 0:
        return 1.0, 0.0
    ang = math.atan2(sy, sx) / 2
    dx, dy = math.cos(ang), math.sin(ang)
    # orient along the majority of lines
    sense = 0.0
    for ln in lines:
        pts = [b.center for c, b in zip(ln.text, ln.char_boxes) if c.strip()]
        if len(pts) >= 2:
            sense += (pts[-1][0] - pts[0][0]) * dx + (pts[-1][1] - pts[0][1]) * dy
    if sense < 0:
        dx, dy = -dx, -dy
    return dx, dy
