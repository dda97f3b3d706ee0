"""The seal shape search's shortcuts (issue #14) give exactly what their plain definitions give: the fill
test counted in the ellipse's own box, the grey seal ink looked up per grey level, and a search told the
smallest seal its caller keeps.  On a scanned form (a grey page of table rules and print) these were
most of the seal detector's time."""

from __future__ import annotations

import cv2
import numpy as np

from redactor.detect.regions.seal import SealDetector
from redactor.detect.regions.seal_ink import _print_black, grey_percentile, seal_gray_ink
from redactor.detect.regions.seal_shapes import _fill_ratio


def _fill_by_definition(mask, center, axes, angle) -> float:
    canvas = np.zeros_like(mask)
    cv2.ellipse(canvas, (int(center[0]), int(center[1])), (max(1, int(axes[0] * 0.4)), max(1, int(axes[1] * 0.4))),
                angle, 0, 360, 1, -1)
    n = int(canvas.sum())
    return float((mask & canvas).sum()) / n if n else 1.0


def test_fill_ratio_counts_the_pixels_of_a_whole_page_canvas():
    rng = np.random.default_rng(3)
    for _ in range(400):
        h, w = (int(v) for v in rng.integers(40, 300, 2))
        mask = (rng.random((h, w)) < rng.random()).astype(np.uint8)
        center = (rng.uniform(-60, w + 60), rng.uniform(-60, h + 60))     # off the page too
        axes = (rng.uniform(1, 320), rng.uniform(1, 320))
        angle = rng.uniform(0, 360)
        assert _fill_ratio(mask, center, axes, angle) == _fill_by_definition(mask, center, axes, angle)


def _grey_ink_by_definition(gray):
    paper = grey_percentile(gray, 90)
    black = _print_black(gray, paper)
    g = gray.astype(np.int16)
    ink = np.clip((paper - g) * 1.6, 0, 255)
    ink[(g > paper - 45) | (g < black)] = 0
    return ink.astype(np.uint8)


def test_grey_seal_ink_is_its_definition_at_every_grey_level():
    rng = np.random.default_rng(5)
    levels = np.tile(np.arange(256, dtype=np.uint8), (64, 4))
    pages = [levels, rng.integers(0, 256, (300, 200), dtype=np.uint8)]
    for lo, hi in ((180, 256), (90, 230), (0, 120)):          # light, mid and dark scans
        pages.append(rng.integers(lo, hi, (240, 170)).astype(np.uint8))
    for gray in pages:
        assert np.array_equal(seal_gray_ink(gray), _grey_ink_by_definition(gray))


def _rings(px_per_pt: float) -> np.ndarray:
    """A page with a 36 pt and a 90 pt ring (1.5 pt lines), and a 90 pt ring stamped over a solid block."""
    mask = np.zeros((700, 900), np.uint8)
    lw = int(round(1.5 * px_per_pt))
    cv2.circle(mask, (150, 150), int(18 * px_per_pt), 1, lw)
    cv2.circle(mask, (450, 200), int(45 * px_per_pt), 1, lw)
    cv2.rectangle(mask, (560, 420), (800, 640), 1, -1)           # a red block the third ring runs into
    cv2.circle(mask, (560, 480), int(45 * px_per_pt), 1, lw)
    return mask


def test_a_search_for_large_seals_finds_what_the_full_search_keeps_of_them():
    det = SealDetector()
    ppt = 150 / 72
    mask = _rings(ppt)
    every = det.find_seals(mask, ppt)
    large = det.find_seals(mask, ppt, min_diameter_pt=60)
    assert len(every) == 3 and sum(s.over_solid_red for s in every) == 1
    kept = [s for s in every if s.axes[0] >= 60 * ppt]
    assert len(kept) == 2 and len(large) == 2
    assert sorted((s.rect, s.coverage, s.over_solid_red) for s in large) == \
        sorted((s.rect, s.coverage, s.over_solid_red) for s in kept)
    # the scratch page the merged-blob search lends out is clean after it: searching again finds the same
    assert [(s.rect, s.coverage) for s in det.find_seals(mask, ppt)] == [(s.rect, s.coverage) for s in every]


def test_the_scratch_page_lent_to_merged_blobs_is_zero_again_after_each_loan():
    from redactor.detect.regions.seal_shapes import _Scratch

    like = np.zeros((50, 80), np.uint8)
    scratch = _Scratch(like)
    part = np.ones((10, 20), np.uint8)
    with scratch.holding(part, 30, 5) as page:
        assert page.shape == like.shape and int(page.sum()) == 200 and page[5:15, 30:50].all()
    with scratch.holding(part[:4, :6], 0, 44) as page:          # the next loan sees only its own pixels
        assert int(page.sum()) == 24 and page[44:48, 0:6].all()
    assert not like.any()                                         # the mask it was made like is untouched
