"""``moved_glyphs`` (redaction's check that text removal kept the other glyphs in place): the numpy pair
search gives the count of an in-order list scan, on random pages with near duplicates and covered glyphs."""

from __future__ import annotations

import random

import numpy as np
import pymupdf

from redactor.redact.moved import MOVE_TOLERANCE_PT, _moved_by_grid, _moved_by_pairs, moved_glyphs


def _list_scan(before, after, boxes, tol=MOVE_TOLERANCE_PT) -> int:
    """The definition: each surviving glyph outside the boxes takes the earliest unused glyph of the
    same id within ``tol``; the ones left without are moved."""
    used = [False] * len(before)
    moved = 0
    for gid, x, y in after:
        if any(b.x0 - 1 <= x <= b.x1 + 1 and b.y0 - 1 <= y <= b.y1 + 1 for b in boxes):
            continue
        for i, (bg, bx, by) in enumerate(before):
            if not used[i] and bg == gid and abs(bx - x) <= tol and abs(by - y) <= tol:
                used[i] = True
                break
        else:
            moved += 1
    return moved


def _page(rng: random.Random):
    before = [(rng.randrange(6), round(rng.uniform(0, 40), rng.choice((1, 2, 5))), rng.choice((10.0, 10.1, 22.0)))
              for _ in range(rng.randrange(0, 60))]
    after = []
    for g, x, y in before:
        r = rng.random()
        if r < 0.15:
            continue                                          # removed under a box
        if r < 0.3:
            x += rng.choice((-0.3, -0.25, -0.2, 0.1, 0.25, 0.26, 3.0))   # rounded, or slid
        after.append((g, x, y))
        if rng.random() < 0.05:
            after.append((g, x + rng.uniform(-0.3, 0.3), y))   # an overprinted twin
    boxes = [pymupdf.Rect(x, 8, x + rng.uniform(1, 8), 12) for x in (rng.uniform(0, 40) for _ in range(rng.randrange(3)))]
    return before, after, boxes


def test_pair_search_counts_as_the_list_scan() -> None:
    rng = random.Random(14)
    for _ in range(3000):
        before, after, boxes = _page(rng)
        assert moved_glyphs(before, after, boxes) == _list_scan(before, after, boxes)


def test_pair_search_and_grid_agree_and_unfit_keys_fall_back() -> None:
    rng = random.Random(1414)
    for _ in range(300):
        before, after, boxes = _page(rng)
        if not after:
            continue
        xy = np.array([(x, y) for _, x, y in after], dtype=np.float64)
        covered = np.zeros(len(after), dtype=bool)
        cell = MOVE_TOLERANCE_PT
        assert _moved_by_pairs(before, np.array([g for g, _, _ in after], dtype=float), xy, covered, cell, cell) == _moved_by_grid(before, after, covered, cell, cell)
    far = [(3, 1e9, 5.0), (2, 10.0, 5.0)]          # a glyph far off the page: no key fits, the grid counts
    after = [(3, 1e9, 5.0), (2, 10.4, 5.0)]
    xy = np.array([(x, y) for _, x, y in after])
    assert _moved_by_pairs(far, np.array([3.0, 2.0]), xy, np.zeros(2, dtype=bool), 0.25, 0.25) is None
    assert moved_glyphs(far, after, []) == 1 == _list_scan(far, after, [])
