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

from rapidocr.cal_rec_boxes.main import CalRecBoxes

__all__ = ["CharBoxes", "order_points"]


def order_points(ori_box: list[list[int]]) -> list[list[int]]:
    """``CalRecBoxes.order_points`` for four corners: top-left, top-right, bottom-right, bottom-left, as
    RapidOCR decides them (a rhombus by its extreme corners; equal x: top, then left/right)."""
    box = [(p[0], p[1]) for p in ori_box]
    xs = [p[0] for p in box]
    ys = [p[1] for p in box]
    cx, cy = sum(xs) / len(box), sum(ys) / len(box)

    def first(rows: list[tuple[int, int]]) -> list[int]:
        return list(rows[0])

    if any(x == cx for x in xs) and any(y == cy for y in ys):          # a rhombus: its extreme corners
        p1 = first([p for p in box if p[0] == min(xs)])
        p2 = first([p for p in box if p[1] == min(ys)])
        p3 = first([p for p in box if p[0] == max(xs)])
        p4 = first([p for p in box if p[1] == max(ys)])
    elif all(x == cx for x in xs):                                   # one column: top to bottom
        p1, p2, p3, p4 = (list(p) for p in sorted(box, key=lambda p: p[1]))
    elif any(x == cx for x in xs) and all(y != cy for y in ys):       # top pair, bottom pair
        top = [p for p in box if p[1] < cy]
        bottom = [p for p in box if p[1] > cy]
        p1 = first([p for p in top if p[0] == min(q[0] for q in top)])
        p2 = first([p for p in top if p[0] == max(q[0] for q in top)])
        p3 = first([p for p in bottom if p[0] == max(q[0] for q in bottom)])
        p4 = first([p for p in bottom if p[0] == min(q[0] for q in bottom)])
    else:                                                            # left pair, right pair
        left = [p for p in box if p[0] < cx]
        right = [p for p in box if p[0] > cx]
        p1 = first([p for p in left if p[1] == min(q[1] for q in left)])
        p4 = first([p for p in left if p[1] == max(q[1] for q in left)])
        p2 = first([p for p in right if p[1] == min(q[1] for q in right)])
        p3 = first([p for p in right if p[1] == max(q[1] for q in right)])
    return [p1, p2, p3, p4]


class CharBoxes(CalRecBoxes):
    """RapidOCR's character-box computation with ``order_points`` above."""

    @staticmethod
    def order_points(ori_box: list[list[int]]) -> list[list[int]]:
        if len(ori_box) != 4:
            return CalRecBoxes.order_points(ori_box)
        return order_points(ori_box)
