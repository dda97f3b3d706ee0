"""Rectangles merged until none overlap: the geometry detection's face search and verification's proof share."""

from __future__ import annotations

from collections.abc import Sequence

Rect = tuple[float, float, float, float]       # x0, y0, x1, y1


def merge_overlapping(rects: Sequence[Rect]) -> list[Rect]:
    """Overlapping rectangles (sharing an area, not only an edge) replaced by their union until none overlap;
    the first of two keeps its place in the list."""
    out = list(rects)
    merged = True
    while merged:
        merged = False
        for i in range(len(out)):
            for j in range(i + 1, len(out)):
                a, b = out[i], out[j]
                if a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]:
                    out[i] = (min(a[0], b[0]), min(a[1], b[1]), max(a[2], b[2]), max(a[3], b[3]))
                    del out[j]
                    merged = True
                    break
            if merged:
                break
    return out
