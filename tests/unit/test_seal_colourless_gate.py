"""The seal search skips, on a page without a pixel of colour, the passes that look for stamp-pad ink (issue 83:
the seal search is cheaper where it cannot find anything), and labels ink on the ink's box alone.  Neither
changes a find: a greyscale page has no ink in any colour mask, amount or white-balanced amount (proved here
from OpenCV's own planes, on every colour), its stamps are still found by the grey search, a pale stamp on a
colour page is still found by the pale pass, and the components labelled on a box are the page's, in the page's
order.  Synthetic pages."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

import redactor.detect.regions.seal as seal_mod
import redactor.verify.seals as vseals
from redactor.detect.regions.planes import PagePlanes
from redactor.detect.regions.seal import SealDetector
from redactor.ink_components import ink_components
from redactor.marks.ink import white_balanced
from redactor.model import Page, PageKind, Raster

_DPI = 150


def _page(img: np.ndarray) -> Page:
    h, w = img.shape[:2]
    return Page(number=1, width=w * 72 / _DPI, height=h * 72 / _DPI, text="", chars=(), kind=PageKind.SCANNED,
                raster=Raster(pixels=img, to_points=(72 / _DPI, 0, 0, 72 / _DPI, 0, 0), dpi=_DPI))


def _stamped(alpha: float, grey: bool = False) -> np.ndarray:
    """Tinted paper, a line of print and a purple stamp (a ring 86 pt across and its text as dashes) laid on at
    ``alpha``; ``grey``: the page scanned in grey (every pixel's channels equal)."""
    img = np.empty((700, 600, 3), np.uint8)
    img[:] = (246, 240, 228)
    img[100:104, 40:560] = 40
    lay = img.copy()
    ink = (120, 40, 160)
    cv2.circle(lay, (300, 380), 90, ink, 5)
    for a in range(0, 300, 12):
        t = np.radians(a + 120)
        cv2.line(lay, (int(300 + 62 * np.cos(t)), int(380 + 62 * np.sin(t))),
                 (int(300 + 76 * np.cos(t)), int(380 + 76 * np.sin(t))), ink, 3)
    out = (img * (1 - alpha) + lay * alpha).astype(np.uint8)
    if grey:
        out = np.repeat(cv2.cvtColor(out, cv2.COLOR_RGB2GRAY)[:, :, None], 3, axis=2)
    return out


def _near_the_stamp(boxes) -> bool:
    cx, cy = 300 * 72 / _DPI, 380 * 72 / _DPI
    return any(b.x0 < cx < b.x1 and b.y0 < cy < b.y1 for b in boxes)


class _Calls:
    """Counts the calls of the colour passes' entry points: every ink's mask and the white balance."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.n = 0

        def counted(fn):
            def run(*a, **k):
                self.n += 1
                return fn(*a, **k)
            return run

        monkeypatch.setattr(seal_mod, "white_balanced", counted(seal_mod.white_balanced))
        monkeypatch.setattr(seal_mod, "INKS", tuple((name, counted(m), a) for name, m, a in seal_mod.INKS))


# -- the evidence ---------------------------------------------------------------------------------------------


def test_saturation_is_zero_exactly_where_red_green_and_blue_are_equal():
    """On every one of the 2^24 colours: OpenCV's 8-bit saturation is 0 only where the channels are equal, so a
    page whose saturation plane is 0 everywhere (``PagePlanes.colourless``) has no pixel of colour."""
    a = np.arange(256, dtype=np.uint8)
    g, b = np.meshgrid(a, a, indexing="ij")
    for r in range(256):
        rgb = np.stack([np.full_like(g, r), g, b], axis=2)
        s = cv2.cvtColor(rgb, cv2.COLOR_RGB2HSV)[:, :, 1]
        assert np.array_equal(s == 0, (g == r) & (b == r)), r


def test_a_grey_page_stays_grey_made_white_and_smoothed():
    """The pale passes read the page made white (each channel divided by its own paper) and smoothed: a grey
    page stays grey there, so every ink's amount and every chroma is 0 (detection's ``_search``, the check's
    ``_pale_inks``)."""
    grey = _stamped(0.6, grey=True)
    white = white_balanced(grey)
    assert np.array_equal(white[:, :, 0], white[:, :, 1]) and np.array_equal(white[:, :, 0], white[:, :, 2])
    soft = cv2.GaussianBlur(white, (5, 5), 0)
    assert np.array_equal(soft[:, :, 0], soft[:, :, 1]) and np.array_equal(soft[:, :, 0], soft[:, :, 2])
    for _, _, amount in seal_mod.INKS:
        assert not amount(white).any() and not amount(grey).any()
    assert PagePlanes(_page(grey)).colourless
    assert not PagePlanes(_page(_stamped(0.2))).colourless


# -- detection -------------------------------------------------------------------------------------------------


def test_a_page_without_colour_skips_the_colour_passes_and_finds_its_grey_stamp(monkeypatch):
    page = _page(_stamped(0.6, grey=True))
    calls = _Calls(monkeypatch)
    found = SealDetector().detect(page, None)
    assert calls.n == 0                                  # no ink mask, no white balance
    assert _near_the_stamp([f.boxes[0] for f in found])  # the grey search found the stamp
    # ... as the search that runs every pass finds it
    monkeypatch.setattr(PagePlanes, "colourless", property(lambda self: False))
    again = SealDetector().detect(page, None)
    assert calls.n > 0
    assert [(f.boxes, f.explanation) for f in again] == [(f.boxes, f.explanation) for f in found]


def test_a_pale_stamp_on_a_colour_page_is_still_found_by_the_pale_pass(monkeypatch):
    page = _page(_stamped(0.2))
    assert not SealDetector(pale_ink_level=0).detect(page, None)     # only the pale pass sees it
    calls = _Calls(monkeypatch)
    found = SealDetector().detect(page, None)
    assert calls.n > 0
    assert _near_the_stamp([f.boxes[0] for f in found])
    assert len(found) == 1


def test_seal_ink_of_a_page_without_colour_is_empty(monkeypatch):
    grey = _stamped(0.6, grey=True)
    calls = _Calls(monkeypatch)
    assert not seal_mod.seal_ink(grey, _DPI / 72).any()
    assert calls.n == 0
    assert seal_mod.seal_ink(_stamped(0.6), _DPI / 72).any()        # the purple stamp's ink


# -- the check (its own reading of the output's pixels) ---------------------------------------------------------


def test_the_check_skips_the_colour_masks_of_a_page_without_colour(monkeypatch):
    raster = _page(_stamped(0.6, grey=True)).raster

    def unasked(*a, **k):
        raise AssertionError("a colour mask was made of a page without colour")

    monkeypatch.setattr(vseals, "_pale_inks", unasked)
    monkeypatch.setattr(vseals, "_ink_masks", unasked)
    found = vseals._candidates(raster)
    assert _near_the_stamp([c[0] for c in found])        # the grey ring search found it
    monkeypatch.undo()
    monkeypatch.setattr(vseals, "_without_colour", lambda hsv: False)      # every pass: the same candidates
    assert repr(vseals._candidates(raster)) == repr(found)


def test_the_check_still_finds_a_stamp_in_colour():
    found = vseals._candidates(_page(_stamped(0.6)).raster)
    assert _near_the_stamp([c[0] for c in found]) and not any(c[3] for c in found)     # on its colour, not as grey


# -- components labelled on the ink's box -------------------------------------------------------------------------


def _masks(seed: int, count: int):
    rng = np.random.default_rng(seed)
    for t in range(count):
        h, w = (int(v) for v in rng.integers(60, 700, 2))
        m = np.zeros((h, w), np.uint8)
        for _ in range(int(rng.integers(1, 40))):
            x, y = int(rng.integers(0, w)), int(rng.integers(0, h))
            kind = int(rng.integers(0, 3))
            if kind == 0:
                cv2.circle(m, (x, y), int(rng.integers(2, 90)), 255, int(rng.integers(1, 4)))
            elif kind == 1:
                cv2.rectangle(m, (x, y), (x + int(rng.integers(1, 40)), y + int(rng.integers(1, 40))), 255, -1)
            else:
                m[y, x] = 255
        if t % 3 == 0:
            m = cv2.dilate(m, np.ones((int(rng.integers(1, 6)),) * 2, np.uint8))
        yield m


@pytest.mark.parametrize("threads", [1, 4])
def test_components_on_the_ink_box_are_the_pages_in_its_order(threads):
    """``ink_components``, which detection's seal search and the check's both label their ink with."""
    components = ink_components
    before = cv2.getNumThreads()
    cv2.setNumThreads(threads)
    try:
        for m in _masks(11, 80):
            n, labels, stats, _ = cv2.connectedComponentsWithStats(m, connectivity=8)
            n2, labels2, stats2, (x0, y0) = components(m)
            assert n2 == n and np.array_equal(stats2[1:], stats[1:])
            h, w = labels2.shape
            assert np.array_equal(labels2, labels[y0:y0 + h, x0:x0 + w])
            assert not labels[:y0].any() and not labels[:, :x0].any()       # no component outside the box
            assert not labels[y0 + h:].any() and not labels[:, x0 + w:].any()
        assert components(np.zeros((30, 40), np.uint8))[0] == 1
    finally:
        cv2.setNumThreads(before)
