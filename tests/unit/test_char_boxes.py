"""``char_boxes.order_points`` is RapidOCR's ``CalRecBoxes.order_points`` without NumPy (issue 14): the same
corners in the same order on every kind of box the branches tell apart -- rhombi, one column, equal x or y,
ties, repeated points, real character quads -- and the engine uses it."""

from __future__ import annotations

import random

import pytest
from rapidocr.cal_rec_boxes.main import CalRecBoxes

from redactor.ingest.ocr.char_boxes import CharBoxes, order_points


def _cases() -> list[list[list[int]]]:
    rng = random.Random(1414)
    cases = [
        [[0, 5], [5, 0], [10, 5], [5, 10]],            # a rhombus
        [[3, 0], [3, 4], [3, 9], [3, 2]],              # one column
        [[3, 0], [3, 0], [3, 0], [3, 0]],              # one point
        [[0, 0], [4, 0], [4, 3], [0, 3]],              # an axis-aligned box
        [[4, 3], [0, 0], [0, 3], [4, 0]],              # the same, shuffled
        [[2, 0], [0, 1], [2, 3], [4, 1]],              # equal x at the centre, no y at the centre
        [[1, 1], [3, 1], [2, 2], [2, 0]],
        [[0, 0], [2, 0], [0, 2], [2, 2]],
        [[0, 0], [0, 0], [2, 2], [2, 2]],
    ]
    for span in (2, 3, 4, 6, 50, 2000):           # small spans force ties, centres on a corner, equal x or y
        for _ in range(4000):
            cases.append([[rng.randrange(span), rng.randrange(span)] for _ in range(4)])
    for _ in range(2000):                          # tilted character quads as reverse_rotate_crop_image makes them
        x, y, w, h = rng.randrange(2000), rng.randrange(2000), rng.randrange(1, 60), rng.randrange(1, 60)
        dx, dy = rng.randrange(-3, 4), rng.randrange(-3, 4)
        quad = [[x, y], [x + w, y + dy], [x + w + dx, y + h + dy], [x + dx, y + h]]
        rng.shuffle(quad)
        cases.append(quad)
    return cases


@pytest.mark.issue(14)
def test_order_points_is_rapidocrs():
    checked = 0
    for box in _cases():
        try:
            want = CalRecBoxes.order_points([list(p) for p in box])
        except (ValueError, IndexError):       # boxes RapidOCR itself cannot order are never handed to it
            continue
        assert order_points(box) == want, box
        assert all(type(v) is int for p in order_points(box) for v in p)
        checked += 1
    assert checked > 20_000


def test_the_engine_orders_corners_with_it():
    from redactor.config import OcrConfig
    from redactor.ingest.ocr.rapidocr_engine import RapidOcrEngine

    engine = RapidOcrEngine.__new__(RapidOcrEngine)
    RapidOcrEngine.__init__(engine, OcrConfig())
    assert isinstance(engine._cal, CharBoxes)
