"""Stamp-pad ink on a page rendering: masks and amounts of red, blue and purple ink, and the
mid-grey ink of a seal on a greyscale scan (print over it excluded).  Part of ``seal.v1``
(docs/regions.md)."""

from __future__ import annotations

import cv2
import numpy as np

from redactor.marks.ink import InkBand, band_mask, ink_band
from redactor.model import Page, TextOrigin

from .base import char_pixel_rects, grey_percentile


def _hsv_in(hsv: np.ndarray | None, rgb: np.ndarray, band: InkBand) -> np.ndarray:
    """Pixels (bool) in the ink ``band`` (``redactor.marks``: the gate reads the same library); ``hsv``: the
    rendering in HSV when the caller has it (it is the same for every ink: ``PagePlanes.hsv``)."""
    if hsv is None:
        hsv = cv2.cvtColor(rgb, cv2.COLOR_RGB2HSV)
    return band_mask(hsv, band) > 0


def _at_least(more: np.ndarray, less: np.ndarray, margin: int) -> np.ndarray:
    """``more - less >= margin`` (bool) of two uint8 planes, as int16 arithmetic gives it: a
    saturating subtraction for a positive margin (a difference below 0 is below it either way)."""
    if margin > 0:
        return cv2.subtract(more, less) >= margin
    return more.astype(np.int16) - less.astype(np.int16) >= margin


def _amount(more: np.ndarray, less: np.ndarray) -> np.ndarray:
    """``clip((more - less) * 1.6, 0, 255)`` as uint8, computed in float32 as before, through a
    table of the 256 differences (a negative one is 0 either way)."""
    return cv2.LUT(cv2.subtract(more, less), _AMOUNT_LUT)


_AMOUNT_LUT = np.clip(np.arange(256, dtype=np.float32) * 1.6, 0, 255).astype(np.uint8)


def red_mask(rgb: np.ndarray, hsv: np.ndarray | None = None, band: InkBand | None = None) -> np.ndarray:
    """Pixels of red ink (uint8 0/1): in the ``detect.red`` band, red over green and blue by its dominance."""
    band = band or ink_band("detect.red")
    gb = cv2.max(rgb[:, :, 1], rgb[:, :, 2])
    m = _hsv_in(hsv, rgb, band) & _at_least(np.ascontiguousarray(rgb[:, :, 0]), gb, band.dominance)
    return m.astype(np.uint8)


def redness(rgb: np.ndarray) -> np.ndarray:
    """0..255 amount of red ink; black, grey and blue ink give ~0."""
    return _amount(np.ascontiguousarray(rgb[:, :, 0]), cv2.max(rgb[:, :, 1], rgb[:, :, 2]))


def blue_mask(rgb: np.ndarray, hsv: np.ndarray | None = None, band: InkBand | None = None) -> np.ndarray:
    """Pixels of blue stamp-pad ink (uint8 0/1), the ``detect.blue`` band: blue above red and green by
    its dominance more than the paper's is (warm light makes paper yellowish, and
    a faint blue impression is only a little bluer than it)."""
    band = band or ink_band("detect.blue")
    b = np.ascontiguousarray(rgb[:, :, 2])
    rg = cv2.max(rgb[:, :, 0], rgb[:, :, 1])
    offset = _paper_offset(b, rg)
    return (_hsv_in(hsv, rgb, band) & _at_least(b, rg, band.dominance + offset)).astype(np.uint8)


def _paper_offset(more: np.ndarray, less: np.ndarray) -> int:
    """The paper's value of the chroma difference ``more - less`` (its median on a sample, capped at
    0: only a tint away from the ink's colour is corrected)."""
    return min(0, int(np.median(more[::5, ::5].astype(np.int16) - less[::5, ::5].astype(np.int16))))


def blueness(rgb: np.ndarray) -> np.ndarray:
    return _amount(np.ascontiguousarray(rgb[:, :, 2]), cv2.max(rgb[:, :, 0], rgb[:, :, 1]))


def purple_mask(rgb: np.ndarray, hsv: np.ndarray | None = None, band: InkBand | None = None) -> np.ndarray:
    """Pixels of purple (violet) stamp-pad ink (uint8 0/1), the ``detect.purple`` band: red and blue both
    above green by its dominance more than the paper's are."""
    band = band or ink_band("detect.purple")
    g = np.ascontiguousarray(rgb[:, :, 1])
    rb = cv2.min(rgb[:, :, 0], rgb[:, :, 2])
    offset = _paper_offset(rb, g)
    return (_hsv_in(hsv, rgb, band) & _at_least(rb, g, band.dominance + offset)).astype(np.uint8)


def purpleness(rgb: np.ndarray) -> np.ndarray:
    return _amount(cv2.min(rgb[:, :, 0], rgb[:, :, 2]), np.ascontiguousarray(rgb[:, :, 1]))


# stamp-pad inks: (name, mask of the ink's pixels, 0..255 amount of the ink).  Red
# (with dark red and orange-red) is the rule; blue and purple seals exist.  The
# ink says nothing about whose seal it is: the ring text does (policy).  A mask takes
# the rendering's HSV planes as ``hsv=`` where the caller has them.
INKS = (("red", red_mask, redness), ("blue", blue_mask, blueness), ("purple", purple_mask, purpleness))


def needs_colour(ink_name: str) -> bool:
    """Does the ink's mask (``INKS``) take only pixels of some colour -- its band a least saturation above 0 --, so
    that on a page without a pixel of colour (``PagePlanes.colourless``) it is empty?"""
    return ink_band(f"detect.{ink_name}").s_min > 0


def stamp_ink_mask(rgb: np.ndarray) -> np.ndarray:
    """Pixels of any stamp-pad ink (red, blue, purple), uint8 0/1."""
    out = np.zeros(rgb.shape[:2], np.uint8)
    for _, mask_fn, _ in INKS:
        out |= mask_fn(rgb)
    return out



def _without_print(page: Page, gray: np.ndarray) -> np.ndarray:
    """``gray`` with the text layer's characters painted paper white."""
    assert page.raster is not None
    out = gray.copy()
    for r in char_pixel_rects(page, gray.shape, origins=(TextOrigin.TEXT_LAYER,)):
        out[r[1]:r[3], r[0]:r[2]] = 255
    return out



def _red_ink(sub: np.ndarray, keep: np.ndarray, amount=redness) -> np.ndarray:
    """0..255 ink of the red seal text in ``sub``: the darkness (luminance, which
    JPEG keeps at full resolution, unlike the colour that tells red from black)
    of the pixels near red ink, black print excluded; redness where it is more."""
    gray = cv2.cvtColor(sub, cv2.COLOR_RGB2GRAY).astype(np.int16)
    paper = grey_percentile(gray, 90)
    dark = np.clip((paper - gray) * 1.6, 0, 255)
    dark[gray < _print_black(gray, paper)] = 0
    return np.maximum(dark.astype(np.uint8), amount(sub)) * keep


def is_grayscale(rgb: np.ndarray) -> bool:
    """A page without colour (a greyscale scan), judged on a sample of pixels."""
    sample = rgb[::7, ::7]
    if sample.size == 0:
        return False
    spread = sample.max(axis=2).astype(np.int16) - sample.min(axis=2).astype(np.int16)
    return float(np.percentile(spread, 99.5)) <= 12


def seal_gray_ink(gray: np.ndarray) -> np.ndarray:
    """0..255 ink of a red seal on a greyscale page: mid-grey, darker than the
    paper and lighter than black print (print over the seal is not its text)."""
    paper = grey_percentile(gray, 90)
    black = _print_black(gray, paper)
    # a function of the grey level alone: worked out for the 256 levels (the same float64 arithmetic
    # as on the whole page) and looked up
    g = np.arange(256, dtype=np.int16)
    ink = np.clip((paper - g) * 1.6, 0, 255)
    ink[(g > paper - 45) | (g < black)] = 0
    return cv2.LUT(np.ascontiguousarray(gray, dtype=np.uint8), ink.astype(np.uint8))


def seal_faint_gray_ink(gray: np.ndarray, ppt: float, level: int, print_pt: float, black: int = 90) -> np.ndarray:
    """0..255 ink of a light seal on a greyscale page: the smoothed grey at least ``level`` under the
    paper, with print (darker than ``black``, or than half the paper) and the pixels within ``print_pt``
    of it left out.

    A faint, partial impression scanned in grey is 13-38 levels under the paper, above
    ``seal_gray_ink``'s bar of 45; at that depth the grey edges of print are ink too, so print is left
    out with its edges (a ring crossing a printed line loses a few degrees there).  Print's bar is higher
    than ``_print_black``'s: on a light scan the cores of thin strokes do not pass that, and their grey
    halves, kept, fill the ring.  Ink that passes the level starts at 40 (the ring tests read ``> 20`` on
    it at half size)."""
    paper = grey_percentile(gray, 90)
    printed = cv2.compare(gray, int(min(black, 0.5 * paper)), cv2.CMP_LT)
    g = np.arange(256, dtype=np.int16)
    ink = np.clip((paper - g) * 1.6 + 40, 0, 255)
    ink[g > paper - level] = 0
    out = cv2.LUT(cv2.GaussianBlur(np.ascontiguousarray(gray, dtype=np.uint8), (5, 5), 0), ink.astype(np.uint8))
    k = max(3, int(round(print_pt * ppt)) | 1)
    out[cv2.dilate(printed, np.ones((k, k), np.uint8)) > 0] = 0
    return out


def without_rules(ink: np.ndarray, ppt: float, run_pt: float = 100.0) -> np.ndarray:
    """``ink`` without long straight rules (table lines): on a greyscale scan a
    rule's grey edges are mid-grey like the seal's ring, and a seal stamped
    close to a cell's border joins the table's outline, whose contour is then
    no ring (issue #10, a scanned Word form).  Rules are found as straight
    segments of at least ``run_pt`` at any angle (a scan's skew tilts them;
    a ring is never that straight) and taken away with their grey edges."""
    # at half size (a quarter of the pixels to vote; a rule is still a line 1-2 px thick).  Twice: a
    # rule's segment drawn at the Hough's angle leaves a sliver of its grey edge where the scan's rule
    # runs a little off that angle (a deskewed page), and a sliver a cell wide joined to a ring
    # stamped on the rule made its outline no ellipse (at ingest's OCR resolution)
    run = max(10, int(0.5 * run_pt * ppt))
    out = ink
    for _ in range(2):
        half = (cv2.resize(out, None, fx=0.5, fy=0.5, interpolation=cv2.INTER_AREA) > 0).astype(np.uint8)
        lines = cv2.HoughLinesP(half, 1, np.pi / 720, threshold=int(0.6 * run), minLineLength=run, maxLineGap=2)
        if lines is None:
            break
        rules = np.zeros(ink.shape[:2], np.uint8)
        for x0, y0, x1, y1 in lines[:, 0]:
            cv2.line(rules, (2 * int(x0), 2 * int(y0)), (2 * int(x1), 2 * int(y1)), 1, max(3, int(round(1.5 * ppt))))
        out = np.where(rules > 0, 0, out).astype(ink.dtype)
    return out


_PRINT_BLACK = 60     # at most: grey levels below this are black print, not red ink turned grey


def _print_black(gray: np.ndarray, paper: float) -> float:
    """Grey level under which ink is black print: 22 % of the way from the darkest
    print to the paper (a dark scan moves both down), at most ``_PRINT_BLACK``."""
    darkest = grey_percentile(gray[::4, ::4], 0.5)
    return min(_PRINT_BLACK, darkest + 0.22 * (paper - darkest))

