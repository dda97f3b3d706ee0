"""Stamp-pad ink on a page rendering: masks and amounts of red, blue and purple ink, and the
mid-grey ink of a seal on a greyscale scan (print over it excluded).  Part of ``seal.v1``
(docs/regions.md)."""

from __future__ import annotations

import cv2
import numpy as np

from redactor.model import Page, TextOrigin

from .base import char_pixel_rects


def page_hsv(rgb: np.ndarray) -> np.ndarray:
    """The HSV image the ink masks test (``hsv=``: made once for the three of them on a page)."""
    return cv2.cvtColor(np.ascontiguousarray(rgb), cv2.COLOR_RGB2HSV)


def red_mask(rgb: np.ndarray, s_min: int = 50, v_min: int = 70, dominance: int = 35,
             hsv: np.ndarray | None = None) -> np.ndarray:
    """Pixels of red ink (uint8 0/1); ``hsv``: ``rgb``'s HSV image when it is at hand."""
    rgb = np.ascontiguousarray(rgb)
    hsv = page_hsv(rgb) if hsv is None else hsv
    r, g, b = cv2.split(rgb)
    m = hue_range(hsv, ((0, 12), (155, 255)), s_min, v_min)
    return _bit(cv2.bitwise_and(m, at_least(r, cv2.max(g, b), dominance)))


def redness(rgb: np.ndarray) -> np.ndarray:
    """0..255 amount of red ink; black, grey and blue ink give ~0."""
    r, g, b = cv2.split(np.ascontiguousarray(rgb))
    return cv2.LUT(cv2.subtract(r, cv2.max(g, b)), _AMOUNT)


def blue_mask(rgb: np.ndarray, s_min: int = 30, v_min: int = 70, dominance: int = 25,
             hsv: np.ndarray | None = None) -> np.ndarray:
    """Pixels of blue stamp-pad ink (uint8 0/1): blue above red and green by
    ``dominance`` more than the paper's is (warm light makes paper yellowish, and
    a faint blue impression is only a little bluer than it)."""
    rgb = np.ascontiguousarray(rgb)
    hsv = page_hsv(rgb) if hsv is None else hsv
    r, g, b = cv2.split(rgb)
    rg = cv2.max(r, g)
    offset = _paper_offset(b[::5, ::5].astype(np.int16) - rg[::5, ::5].astype(np.int16))
    m = hue_range(hsv, ((95, 130),), s_min, v_min)
    return _bit(cv2.bitwise_and(m, at_least(b, rg, dominance + offset)))


def _paper_offset(chroma: np.ndarray) -> int:
    """The paper's value of a chroma difference (its median on a sample of every fifth pixel, capped at
    0: only a tint away from the ink's colour is corrected)."""
    return min(0, int(np.median(chroma)))


def blueness(rgb: np.ndarray) -> np.ndarray:
    r, g, b = cv2.split(np.ascontiguousarray(rgb))
    return cv2.LUT(cv2.subtract(b, cv2.max(r, g)), _AMOUNT)


def purple_mask(rgb: np.ndarray, s_min: int = 30, v_min: int = 70, dominance: int = 30,
             hsv: np.ndarray | None = None) -> np.ndarray:
    """Pixels of purple (violet) stamp-pad ink (uint8 0/1): red and blue both above
    green by ``dominance`` more than the paper's are."""
    rgb = np.ascontiguousarray(rgb)
    hsv = page_hsv(rgb) if hsv is None else hsv
    r, g, b = cv2.split(rgb)
    rb = cv2.min(r, b)
    offset = _paper_offset(rb[::5, ::5].astype(np.int16) - g[::5, ::5].astype(np.int16))
    m = hue_range(hsv, ((125, 159),), s_min, v_min)
    return _bit(cv2.bitwise_and(m, at_least(rb, g, dominance + offset)))


def purpleness(rgb: np.ndarray) -> np.ndarray:
    r, g, b = cv2.split(np.ascontiguousarray(rgb))
    return cv2.LUT(cv2.subtract(cv2.min(r, b), g), _AMOUNT)


# the amount of an ink from its chroma difference d >= 0 (``redness`` ...): clip(d * 1.6) in float32, as a table
_AMOUNT = np.clip(np.arange(256, dtype=np.float32) * 1.6, 0, 255).astype(np.uint8)


def hue_range(hsv: np.ndarray, hues: tuple[tuple[int, int], ...], s_min: int, v_min: int) -> np.ndarray:
    """255 where the hue lies in one of the inclusive ``hues`` ranges, saturation >= ``s_min`` and value >=
    ``v_min``, else 0 (``cv2.inRange``: the same test as comparing the three planes, at a fraction of the cost)."""
    out = None
    for lo, hi in hues:
        m = cv2.inRange(hsv, (lo, s_min, v_min), (hi, 255, 255))
        out = m if out is None else cv2.bitwise_or(out, m)
    assert out is not None
    return out


def at_least(a: np.ndarray, b: np.ndarray, thr: int) -> np.ndarray:
    """255 where ``a - b >= thr`` (uint8 planes, the difference taken without overflow), else 0."""
    if thr >= 1:       # a saturating a - b is 0 where b > a, which is under thr as the true difference is
        return cv2.compare(cv2.subtract(a, b), thr, cv2.CMP_GE)
    return cv2.compare(cv2.subtract(b, a), -thr, cv2.CMP_LE)     # b - a <= -thr; saturating 0 where a > b


def _bit(m: np.ndarray) -> np.ndarray:
    """255/0 -> 1/0 (uint8)."""
    return np.right_shift(m, 7)


# stamp-pad inks: (name, mask of the ink's pixels, 0..255 amount of the ink).  Red
# (with dark red and orange-red) is the rule; blue and purple seals exist.  The
# ink says nothing about whose seal it is: the ring text does (policy).
INKS = (("red", red_mask, redness), ("blue", blue_mask, blueness), ("purple", purple_mask, purpleness))


def white_balanced(rgb: np.ndarray) -> np.ndarray:
    """``rgb`` with the paper made neutral white: each channel divided by the paper's value (its
    90th percentile on a sample).  A scan's warm or tinted paper multiplies every pixel's colour;
    a pale impression (alpha about 0.45) is only 10-20 levels of chroma from such paper, and the
    tint, undone by subtraction (``_paper_offset``), is as large as that in black print's grey."""
    sample = rgb[::5, ::5].reshape(-1, 3)
    if sample.size == 0:
        return rgb
    paper = np.maximum(np.percentile(sample, 90, axis=0).astype(np.float32), 1.0)
    return scaled_channels(rgb, 255.0 / paper)


def scaled_channels(rgb: np.ndarray, factor: np.ndarray) -> np.ndarray:
    """``clip(rgb * factor, 0, 255)`` in float32 per channel, truncated to uint8, through a table per channel
    (the same values as the float image at a fraction of the cost)."""
    lut = np.clip(np.arange(256, dtype=np.float32)[:, None] * factor.astype(np.float32)[None, :], 0, 255)
    return cv2.LUT(np.ascontiguousarray(rgb), lut.astype(np.uint8).reshape(256, 1, 3))


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
    paper = float(np.percentile(gray, 90))
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
    paper = float(np.percentile(gray, 90))
    black = _print_black(gray, paper)
    g = gray.astype(np.int16)
    ink = np.clip((paper - g) * 1.6, 0, 255)
    ink[(g > paper - 45) | (g < black)] = 0
    return ink.astype(np.uint8)


def without_rules(ink: np.ndarray, ppt: float, run_pt: float = 100.0) -> np.ndarray:
    """``ink`` without long straight rules (table lines): on a greyscale scan a
    rule's grey edges are mid-grey like the seal's ring, and a seal stamped
    close to a cell's border joins the table's outline, whose contour is then
    no ring (issue #10, a scanned Word form).  Rules are found as straight
    segments of at least ``run_pt`` at any angle (a scan's skew tilts them;
    a ring is never that straight) and taken away with their grey edges."""
    # at half size (a quarter of the pixels to vote; a rule is still a line 1-2 px thick)
    half = (cv2.resize(ink, None, fx=0.5, fy=0.5, interpolation=cv2.INTER_AREA) > 0).astype(np.uint8)
    run = max(10, int(0.5 * run_pt * ppt))
    lines = cv2.HoughLinesP(half, 1, np.pi / 720, threshold=int(0.6 * run), minLineLength=run, maxLineGap=2)
    if lines is None:
        return ink
    rules = np.zeros(ink.shape[:2], np.uint8)
    for x0, y0, x1, y1 in lines[:, 0]:
        cv2.line(rules, (2 * int(x0), 2 * int(y0)), (2 * int(x1), 2 * int(y1)), 1, max(3, int(round(1.5 * ppt))))
    return np.where(rules > 0, 0, ink).astype(ink.dtype)


_PRINT_BLACK = 60     # at most: grey levels below this are black print, not red ink turned grey


def _print_black(gray: np.ndarray, paper: float) -> float:
    """Grey level under which ink is black print: 22 % of the way from the darkest
    print to the paper (a dark scan moves both down), at most ``_PRINT_BLACK``."""
    darkest = float(np.percentile(gray[::4, ::4], 0.5))
    return min(_PRINT_BLACK, darkest + 0.22 * (paper - darkest))

