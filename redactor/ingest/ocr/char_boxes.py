"""Per-character boxes from RapidOCR's CTC columns, with its corner ordering in plain Python.

RapidOCR's ``CalRecBoxes.order_points`` orders the four corners of every
character's box with a dozen NumPy calls on a 4 x 2 array: ~0.3 ms a
character, 0.05-0.1 CPU-s of every page read (a page holds 400-900
characters, read by ingest and again by the raw-OCR benchmark).  ``order_points``
here is the same function, branch for branch, on Python ints: the same corners
in the same order (``tests/unit/test_char_boxes.py`` compares both on every
shape the branches tell apart).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from rapidocr.cal_rec_boxes.main import CalRecBoxes

__all__ = ["CharBoxes", "order_points"]


def order_points(ori_box: list[list[int]]) -> list[list[int]]:
    """``CalRecBoxes.order_points`` for four corners: top-left, top-right, bottom-right, bottom-left, as
    RapidOCR decides them (a rhombus by its extreme corners; equal x: top, then left/right)."""
    box = [(p[0], p[1]) for p in ori_box]
    xs = [p[0] for p in box]
    ys = [p[1] for p in box]
    cx, cy = sum(xs) / len(box), sum(ys) / len(box)
    if any(x == cx for x in xs) and any(y == cy for y in ys):          # a rhombus: its extreme corners
        p1, p2, p3, p4 = _extreme(box, 0, min), _extreme(box, 1, min), _extreme(box, 0, max), _extreme(box, 1, max)
    elif all(x == cx for x in xs):                                   # one column: top to bottom
        p1, p2, p3, p4 = (list(p) for p in sorted(box, key=lambda p: p[1]))
    elif any(x == cx for x in xs) and all(y != cy for y in ys):       # top pair, bottom pair
        top, bottom = [p for p in box if p[1] < cy], [p for p in box if p[1] > cy]
        p1, p2, p3, p4 = _extreme(top, 0, min), _extreme(top, 0, max), _extreme(bottom, 0, max), _extreme(bottom, 0, min)
    else:                                                            # left pair, right pair
        left, right = [p for p in box if p[0] < cx], [p for p in box if p[0] > cx]
        p1, p4, p2, p3 = _extreme(left, 1, min), _extreme(left, 1, max), _extreme(right, 1, min), _extreme(right, 1, max)
    return [p1, p2, p3, p4]


def _extreme(rows: list[tuple[int, int]], axis: int, pick: Callable[[Iterable[int]], int]) -> list[int]:
    """The first of ``rows`` whose coordinate ``axis`` is ``pick`` (min or max) of theirs (NumPy's
    ``box[np.where(box[:, axis] == pick(...))][:1]``)."""
    value = pick(p[axis] for p in rows)
    return list(next(p for p in rows if p[axis] == value))


class CharBoxes(CalRecBoxes):
    """RapidOCR's character-box computation with ``order_points`` above."""

    @staticmethod
    def order_points(ori_box: list[list[int]]) -> list[list[int]]:
        if len(ori_box) != 4:
            return CalRecBoxes.order_points(ori_box)
        return order_points(ori_box)
