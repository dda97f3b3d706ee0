"""Small geometry shared across stages: rectangles merged until none overlap, the way a page's text runs."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

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


def reading_direction(moves: Iterable[tuple[float, float, int]], min_count: int, majority: float) -> int:
    """Which way most characters run, from each line's move (dx, dy) from its first character to its last,
    weighted by its characters: 0 right (+x), 1 down (+y), 2 left (-x), 3 up (-y) -- also the quarter turns that
    bring such a page upright.  0 when fewer than ``min_count`` characters show a direction or no direction holds
    ``majority`` of them."""
    votes = [0, 0, 0, 0]
    for dx, dy, n in moves:
        if abs(dx) >= abs(dy):
            votes[0 if dx > 0 else 2] += n
        else:
            votes[1 if dy > 0 else 3] += n
    total = sum(votes)
    best = max(range(4), key=lambda k: votes[k])
    if total < min_count or votes[best] < majority * total:
        return 0
    return best
