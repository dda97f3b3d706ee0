"""Channel ``seal``: the employer's name must not be readable on a stamp.

Seal text runs round a ring, where line OCR does not read it.  Blobs of
stamp-pad ink (red, blue, purple) of stamp size are found on the rendered
page; each gets an ellipse -- fitted to the blob's outline, so round and oval
stamps at any tilt count, else the blob's box; a faint impression, whose
ink on tinted paper is too unsaturated for the ink masks, is looked for on
the page made white (``_pale_inks``); a grey or black stamp (a greyscale or
black-and-white scan, a photocopy) is found by its shape (``seals_grey``) -- and is unrolled along
concentric copies of that ellipse (an elliptical polar unwrap: a circle's is
``cv2.warpPolar``) into a strip whose text runs left to right, and the strip
is OCRed.  Unrolled ring text is read less reliably than a line, so an
employer needle counts as found when OCR reads at least ``_MIN_SHARE`` of it
as one contiguous run of the same characters.  Independent of the seal
detector in ``redactor.detect``.

Whose a stamp is, this channel does not judge: each stamp it finds, with what its ring reads (and the share of
the ring under paint), goes to the seal decision policy makes (``redactor.ownership.recheck.stamp_decision``),
on the plan's records and the output page's structure.  A decision that the stamp is the employer's -- its
reading names the employer, or, read or not, its place does (the employer's removed name under it, a label of
the applicant's unit, a certificate's signatory line) -- is a ``leak``; the pipeline's gate then removes it (a
repair, with the decision's rule and reason) and ``redactor verify`` exits 1.
"""

from __future__ import annotations

from collections.abc import Sequence

import cv2
import numpy as np

from redactor.fields import needle_key
from redactor.ink_components import colourless, ink_components
from redactor.marks.ink import band_mask, ink_band, white_balanced
from redactor.model import Action, BBox, Category, Decision, Leak, Raster
from redactor.normalize import is_cjk
from redactor.ownership.recheck import stamp_decision
from redactor.ownership.structure import PageStructure
from redactor.protocols import OcrEngine, OcrText, read_strip
from redactor.verify.seals_grey import dark_ink, grey_rings

__all__ = ["seal_candidates", "seal_leaks", "stamp_readings", "text_rows"]

_MIN_PT, _MAX_PT = 40.0, 260.0
_UNROLL_UP = 2.0           # the ring is sampled at twice the page's resolution (small ring characters)
_FAINTEST = 5              # ... and the least chroma of the faintest's, over the paper's own
_FAINTEST_READ = 2         # ... and of its strokes, once the stamp is located
_INKED_OUTLINE = 0.3       # the least share of a stamp's outline that shows ink, however much paint hides
_PRINT_GREY = 140          # print and rules: the faintest ink is not looked for within 2 pixels of them
_PAPER = 250               # a pixel this light on the page made white is paper (a faint stamp's halo is lighter than 245)
_WHOLER = 1.3             # a faintest ring this many times a pale find's area, over its middle, is its whole stamp
_PAINT_PT = 4.0            # solid black this wide both ways is paint (``_solid_paint``)
_MAX_ELONGATION = 2.0      # axis ratio of the blob (oval stamps are 1.2-1.8 : 1)
_PAPER_INSIDE = 0.25       # the least share of a stamp's inside that shows the paper around it (``_shows_paper``)
_PAPER_TOLERANCE = 12      # grey levels under that paper's 90th percentile still counted as paper
Row = tuple[str, tuple["BBox | None", ...]]     # a line of the output's text and a box per character


def _ink_masks(rgb: np.ndarray, pale: bool = False, hsv: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Stamp-pad ink: (red, blue or purple), each 255 / 0; saturated, or with ``pale`` also light
    (the thin strokes of a light impression, once the stamp is located).  ``hsv``: ``rgb`` in HSV, if the caller
    has it."""
    if hsv is None:
        hsv = cv2.cvtColor(np.ascontiguousarray(rgb), cv2.COLOR_RGB2HSV)
    pale_ = "_pale" if pale else ""
    return band_mask(hsv, ink_band(f"gate.red{pale_}")), band_mask(hsv, ink_band(f"gate.blue_purple{pale_}"))


def _without_colour(hsv: np.ndarray) -> bool:
    """Not a pixel of the page (``hsv``: its rendering in HSV) has any colour -- saturation 0 everywhere, its red,
    green and blue equal (a greyscale scan or copy) -- and every band the stamp search reads needs some: then
    no mask of ``_ink_masks`` or ``_pale_inks`` holds a pixel.  The page made white is grey too (each channel
    divided by its own paper, the same level on every channel), and so is its smoothing: no saturation for
    ``gate.faint``, no chroma for the faintest's least (``_FAINTEST``, over 0).  This check's own reading of the
    output's pixels; the stamp search then looks for grey stamps alone (``seals_grey``)."""
    bands = ("gate.red", "gate.blue_purple", "gate.faint")
    if _FAINTEST <= 0 or any(ink_band(b).s_min <= 0 for b in bands):
        return False
    return colourless(hsv)


def _pale_inks(rgb: np.ndarray, floor: int = _FAINTEST) -> tuple[np.ndarray, np.ndarray]:
    """A faint impression's ink, 255 / 0, on the page made white: each channel divided by the paper's
    (90th percentile; a scan's warm paper multiplies every colour), then any stamp hue with a little
    saturation, smoothed (a pale ring is 10-20 levels of chroma from tinted paper, under the tint).
    (The float32 product, clipped, of each of a channel's 256 levels is looked up.)

    And the faintest: a stamp ink's own chroma (blue over red and green, red and blue over green, red
    over green and blue) of at least ``floor`` levels and three times the paper's own (its 99.5th
    percentile where the page made white is paper).  A faint, partial impression on a born-digital
    letter or a colour scan (pale purple at saturation 6-25, pale blue at 10-16 on
    paper of 2-4) held less than a third of its ring in the ``gate.faint`` band (configs/marks.yaml), the part that showed
    was no ring, and the stamp was called clean.  A located stamp's strokes are read down to ``_FAINTEST_READ``."""
    if rgb[::5, ::5].size == 0:
        empty = np.zeros(rgb.shape[:2], np.uint8)
        return empty, empty
    white = cv2.GaussianBlur(white_balanced(rgb), (5, 5), 0)
    hsv = cv2.cvtColor(white, cv2.COLOR_RGB2HSV)
    pale = band_mask(hsv, ink_band("gate.faint"))
    r, g, b = (np.ascontiguousarray(white[:, :, i]) for i in range(3))
    chroma = cv2.max(cv2.max(cv2.subtract(b, cv2.max(r, g)), cv2.subtract(cv2.min(r, b), g)), cv2.subtract(r, cv2.max(g, b)))
    grey = cv2.cvtColor(white, cv2.COLOR_RGB2GRAY)
    on_paper = grey[::3, ::3] >= _PAPER
    tint = float(np.percentile(chroma[::3, ::3][on_paper], 99.5)) if on_paper.any() else 255.0
    level = max(floor, int(np.ceil(3 * tint)))
    faintest = cv2.bitwise_and(cv2.threshold(chroma, level - 1, 255, cv2.THRESH_BINARY)[1],
                               cv2.inRange(np.ascontiguousarray(hsv[:, :, 2]), 90, 255))
    if cv2.countNonZero(faintest):
        # not the colour fringes a colour scan leaves along black print and rules (a stamp's faint ink is light)
        near_print = cv2.dilate(cv2.threshold(grey, _PRINT_GREY - 1, 255, cv2.THRESH_BINARY_INV)[1], np.ones((5, 5), np.uint8))
        faintest = cv2.bitwise_and(faintest, cv2.bitwise_not(near_print))
    return pale, faintest


def _ink_mask(rgb: np.ndarray, pale: bool = False) -> np.ndarray:
    red, other = _ink_masks(rgb, pale)
    return red | other


def _has_ring(ink: np.ndarray, ell: tuple[float, float, float, float, float], hidden: np.ndarray | None = None) -> bool:
    """Ink along most of the ellipse's outline and an inside that is not filled: a stamp, not a
    blue pen signature, a photo's blue background or a form's blue heading.  ``hidden``: paint over the
    stamp, which may hide its ring (counted along the outline) but is no ink inside it; ink must still show
    on ``_INKED_OUTLINE`` of the outline (a painted box with a colour scan's fringes beside it is no stamp)."""
    cx, cy, a, b, tilt = ell
    t = np.radians(tilt)
    ang = np.linspace(0, 2 * np.pi, 180, endpoint=False)
    h, w = ink.shape
    hit = np.zeros(ang.size, bool)
    inked = np.zeros(ang.size, bool)
    for k in np.linspace(0.85, 1.05, 6):
        x = cx + k * (a * np.cos(ang) * np.cos(t) - b * np.sin(ang) * np.sin(t))
        y = cy + k * (a * np.cos(ang) * np.sin(t) + b * np.sin(ang) * np.cos(t))
        u, v = np.clip(np.round(x).astype(int), 0, w - 1), np.clip(np.round(y).astype(int), 0, h - 1)
        inked |= ink[v, u] > 0
        hit |= ink[v, u] > 0
        if hidden is not None:
            hit |= hidden[v, u] > 0
    inside = np.zeros_like(ink)
    cv2.ellipse(inside, (int(cx), int(cy)), (max(1, int(0.7 * a)), max(1, int(0.7 * b))), tilt, 0, 360, 1, -1)
    fill = float((ink[inside > 0] > 0).mean()) if inside.any() else 1.0
    return float(hit.mean()) >= 0.6 and fill <= 0.4 and float(inked.mean()) >= _INKED_OUTLINE


def _shows_paper(rgb: np.ndarray, ell: tuple[float, float, float, float, float]) -> bool:
    """Does the inside of the ellipse show the paper around it on at least ``_PAPER_INSIDE`` of its area?  A
    stamp is a ring and characters pressed on paper (print under it included): measured 0.46-0.78 of its inside
    is as light as the paper just outside it (within ``_PAPER_TOLERANCE`` grey levels of that paper's 90th
    percentile), on born-digital pages, colour and grey scans and phone photos alike.  A pasted scan's tinted
    paper, a photo's coloured background or a figure shows 0-0.05: its "ink" is the picture, not strokes -- and
    a repair had painted 290 x 200 pt of a 送审表's pasted scan as an "unread stamp" over the employer's name."""
    cx, cy, a, b, tilt = ell
    h, w = rgb.shape[:2]
    reach = 1.4 * max(a, b) + 3
    x0, y0 = max(0, int(cx - reach)), max(0, int(cy - reach))
    x1, y1 = min(w, int(cx + reach) + 1), min(h, int(cy + reach) + 1)
    if x1 - x0 < 3 or y1 - y0 < 3:
        return True
    grey = cv2.GaussianBlur(cv2.cvtColor(np.ascontiguousarray(rgb[y0:y1, x0:x1]), cv2.COLOR_RGB2GRAY), (5, 5), 0)
    centre = (int(cx) - x0, int(cy) - y0)
    inside = np.zeros(grey.shape, np.uint8)
    cv2.ellipse(inside, centre, (max(1, int(0.7 * a)), max(1, int(0.7 * b))), tilt, 0, 360, 1, -1)
    around = np.zeros(grey.shape, np.uint8)
    cv2.ellipse(around, centre, (max(2, int(1.4 * a)), max(2, int(1.4 * b))), tilt, 0, 360, 1, -1)
    cv2.ellipse(around, centre, (max(1, int(1.1 * a)), max(1, int(1.1 * b))), tilt, 0, 360, 0, -1)
    if not inside.any() or not around.any():
        return True
    paper = float(np.percentile(grey[around > 0], 90))
    return float((grey[inside > 0] >= paper - _PAPER_TOLERANCE).mean()) >= _PAPER_INSIDE


def _ellipse(mask: np.ndarray, box: tuple[int, int, int, int]) -> tuple[float, float, float, float, float]:
    """(cx, cy, a, b, tilt) of the stamp in ``box``: semi-axes ``a`` along ``tilt`` (degrees, -45..45,
    the axis nearer the horizontal) and ``b`` across it, in page pixels.  Fitted to the blob's outline
    when that fit agrees with the box (a tilted oval), else the box's own ellipse."""
    x, y, w, h = box
    fallback = (x + w / 2.0, y + h / 2.0, w / 2.0, h / 2.0, 0.0)
    contours, _ = cv2.findContours(np.ascontiguousarray(mask[y:y + h, x:x + w]), cv2.RETR_EXTERNAL,
                                   cv2.CHAIN_APPROX_NONE)
    if not contours:
        return fallback
    c = max(contours, key=cv2.contourArea)
    if len(c) < 20:
        return fallback
    (cx, cy), (d0, d1), ang = cv2.fitEllipse(c.astype(np.float32))
    if not (np.isfinite(cx) and np.isfinite(cy) and d0 > 0 and d1 > 0):
        return fallback
    ang = ((ang + 90.0) % 180.0) - 90.0         # -90 .. 90: direction of the d0 axis
    if abs(ang) > 45.0:                          # the d1 axis is the one nearer the horizontal
        d0, d1, ang = d1, d0, ang - 90.0 if ang > 0 else ang + 90.0
    # the outline's ellipse must fill the box it came from (not a fit to a ragged partial ring)
    t = np.radians(ang)
    ex = np.hypot(d0 / 2 * np.cos(t), d1 / 2 * np.sin(t))
    ey = np.hypot(d0 / 2 * np.sin(t), d1 / 2 * np.cos(t))
    if abs(2 * ex - w) > 0.2 * w or abs(2 * ey - h) > 0.2 * h:
        return fallback
    return (x + float(cx), y + float(cy), d0 / 2.0, d1 / 2.0, float(ang))


def _with_ring(px: tuple[int, int, int, int], ink: np.ndarray, shape: tuple[int, ...]) -> tuple[int, int, int, int]:
    """The pixel box ``px`` of a stamp cut by a painted box, grown to the ellipse through its ring's outer
    edge, within the page.  A partial impression fades out on one side: its ink ends short of its ring,
    and a repair sized by the ink left the faint arc under the box (77 % of a purple stamp
    covered).  ``ink``: the stamp's ink in ``px``.  The convex hull's corners lie on the ring's outer edge
    wherever it shows (the gap's chord joins two of them), so the ellipse through them is the ring's;
    it must hold the ink and reach past it by no more than a third of the stamp."""
    x, y, w, h = px
    pts, _ = cv2.findContours(np.ascontiguousarray(ink), cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_NONE)
    if not pts:
        return px
    hull = cv2.convexHull(np.concatenate(pts)).reshape(-1, 2).astype(np.float32)
    if len(hull) < 8:
        return px
    (cx, cy), (d0, d1), ang = cv2.fitEllipse(hull)
    if not (np.isfinite(cx) and np.isfinite(cy) and 0 < min(d0, d1) and min(d0, d1) >= 0.45 * max(d0, d1)):
        return px
    t = np.radians(ang)
    ex, ey = np.hypot(d0 / 2 * np.cos(t), d1 / 2 * np.sin(t)), np.hypot(d0 / 2 * np.sin(t), d1 / 2 * np.cos(t))
    x0, x1, y0, y1 = cx - ex, cx + ex, cy - ey, cy + ey
    slack = 0.04 * max(w, h) + 2
    if x0 > slack or y0 > slack or x1 < w - slack or y1 < h - slack:
        return px           # the ellipse cuts through the ink: no ring's
    if x1 - x0 > 4 / 3 * w or y1 - y0 > 4 / 3 * h:
        return px
    u0, v0 = max(0, min(x, x + int(x0))), max(0, min(y, y + int(y0)))
    u1 = min(shape[1], max(x + w, x + int(np.ceil(x1))))
    v1 = min(shape[0], max(y + h, y + int(np.ceil(y1))))
    return (u0, v0, u1 - u0, v1 - v0)


def seal_candidates(raster: Raster) -> list[tuple[BBox, tuple[int, int, int, int]]]:
    """(box in points, box in pixels) of every stamp-sized blob of stamp-pad ink and every grey or black
    stamp (``seals_grey``)."""
    return [(b, px) for b, px, _, _ in _candidates(raster)]


def _candidates(raster: Raster, painted: Sequence[BBox] = ()):
    """Stamp-sized blobs of red ink (any), and of blue or purple ink with a ring (blue pens and
    photo backgrounds are common, blue seals rare): (box in points, box in pixels, ellipse).
    ``painted``: boxes painted over (the employer's removed name): a box across a stamp cuts it in
    two halves too flat to be a stamp, so a painted box that touches stamp ink counts as ink."""
    k = max(3, int(raster.dpi / 24))
    scale = raster.dpi / 72.0
    painted, found_paint = list(painted), False
    out = []
    hsv = cv2.cvtColor(np.ascontiguousarray(raster.pixels), cv2.COLOR_RGB2HSV)
    # a page without colour holds no stamp-pad ink (``_without_colour``): its stamps are grey ones
    inks = () if _without_colour(hsv) else zip(("red", "blue_purple", "pale", "faintest"),
                                                (*_ink_masks(raster.pixels, hsv=hsv), *_pale_inks(raster.pixels)))
    for colour, raw in inks:
        if not raw.any():
            continue
        if not found_paint:       # (only on a page with stamp ink)
            painted, found_paint = painted + _solid_paint(raster), True
        mask = cv2.dilate(raw, np.ones((k, k), np.uint8))
        bars = np.zeros_like(mask)
        for b in painted:        # (grown by 3 pt: the paint reaches a little past the box)
            pts = [raster.to_pixels(x, y) for x in (b.x0 - 3, b.x1 + 3) for y in (b.y0 - 3, b.y1 + 3)]
            u0, v0 = (max(0, int(min(p[i] for p in pts))) for i in (0, 1))
            u1, v1 = (int(max(p[i] for p in pts)) + 1 for i in (0, 1))
            if u1 > u0 and v1 > v0 and mask[max(0, v0 - k):v1 + k, max(0, u0 - k):u1 + k].any():
                bars[v0:v1, u0:u1] = 255
        joined = mask | bars
        n, labels, stats, (lx, ly) = ink_components(joined)
        for i in range(1, n):
            x, y, w, h, area = stats[i]
            cut = bool(bars[y:y + h, x:x + w].any())
            if cut:              # a stamp cut by a painted box: its extent is its ink's, not the box's
                ys, xs = np.nonzero((labels[y - ly:y - ly + h, x - lx:x - lx + w] == i) & (mask[y:y + h, x:x + w] > 0))
                if not xs.size:
                    continue
                x, y, w, h = x + int(xs.min()), y + int(ys.min()), int(xs.max() - xs.min()) + 1, int(ys.max() - ys.min()) + 1
            if not (_MIN_PT * scale <= w <= _MAX_PT * scale and _MIN_PT * scale <= h <= _MAX_PT * scale):
                continue
            if not 1 / _MAX_ELONGATION <= w / h <= _MAX_ELONGATION:
                continue
            px = (int(x), int(y), int(w), int(h))
            ell = _ellipse(mask, px)
            if colour != "red" and not _has_ring(mask, ell, bars if cut else None):
                continue
            if cut:              # ... and where its ring runs on past the ink (a partial impression's faint side)
                px = _with_ring(px, ((labels[y - ly:y - ly + h, x - lx:x - lx + w] == i)
                                     & (mask[y:y + h, x:x + w] > 0)).astype(np.uint8), mask.shape)
            x, y, w, h = px
            if not _shows_paper(raster.pixels, ell):
                continue        # a tinted picture or a pasted scan's coloured paper: a stamp is strokes on paper
            b = raster.point_box(float(x), float(y), float(x + w), float(y + h))
            cx, cy = (b.x0 + b.x1) / 2, (b.y0 + b.y1) / 2
            if colour == "faintest":
                # the whole ring of a stamp whose stronger side alone was found on the pale ink takes its place
                out = [o for o in out if not (o[0].area * _WHOLER <= b.area and b.x0 <= (o[0].x0 + o[0].x1) / 2 <= b.x1
                                              and b.y0 <= (o[0].y0 + o[0].y1) / 2 <= b.y1)]
            if colour in ("pale", "faintest") and any(o.x0 <= cx <= o.x1 and o.y0 <= cy <= o.y1 for o, _, _, _ in out):
                continue        # a stamp found on its saturated ink already
            out.append((BBox(float(b.x0), float(b.y0), float(b.x1), float(b.y1)), px, ell, False))
    for ell in grey_rings(raster):          # a grey or black stamp (a greyscale scan, a photocopy)
        cx, cy, a, b, _ = ell
        x0, y0 = max(0, int(cx - a)), max(0, int(cy - b))
        px = (x0, y0, int(cx + a) + 1 - x0, int(cy + b) + 1 - y0)
        b = raster.point_box(float(px[0]), float(px[1]), float(px[0] + px[2]), float(px[1] + px[3]))
        pcx, pcy = (b.x0 + b.x1) / 2, (b.y0 + b.y1) / 2
        if any(o.x0 <= pcx <= o.x1 and o.y0 <= pcy <= o.y1 for o, _, _, _ in out):
            continue            # a coloured stamp's ring seen in grey
        out.append((BBox(float(b.x0), float(b.y0), float(b.x1), float(b.y1)), px, ell, True))
    return out


def _solid_paint(raster: Raster) -> list[BBox]:
    """Boxes of solid black paint on the page (redactions, found in its pixels): a box painted across a stamp
    cuts its ring in two, and without the plan (``redactor verify`` on its own) neither half was a stamp
    (the employer's name removed across a faint blue stamp)."""
    grey = cv2.cvtColor(np.ascontiguousarray(raster.pixels[::2, ::2]), cv2.COLOR_RGB2GRAY)     # (at half size)
    side = max(3, int(round(_PAINT_PT * raster.dpi / 144.0)))
    solid = cv2.morphologyEx(cv2.threshold(grey, 39, 1, cv2.THRESH_BINARY_INV)[1], cv2.MORPH_OPEN, np.ones((side, side), np.uint8))
    n, _, stats, _ = cv2.connectedComponentsWithStats(solid, connectivity=4)
    out = []
    for x, y, w, h, area in stats[1:]:
        if area >= 0.9 * w * h:
            b = raster.point_box(2.0 * x, 2.0 * y, 2.0 * (x + w), 2.0 * (y + h))
            out.append(BBox(float(b.x0), float(b.y0), float(b.x1), float(b.y1)))
    return out


def _unrolled(raster: Raster, ell: tuple[float, float, float, float, float],
              colourless: bool = False) -> tuple[list[np.ndarray], float]:
    """The ring's text band as a strip, outer edge up, clockwise = left to right, starting from the
    stamp's bottom; the upper 270 degrees only (upside-down text at the bottom would turn the OCR's
    page round).  Samples along the ellipse scaled 0.9 .. 0.45 at steps of equal arc length.  ``colourless``:
    the stamp's ink is dark and colourless (``seals_grey``), not stamp-pad colour.  With the strip, the
    share of it under a solid fill (a redaction box over part of the stamp: those letters are unknown)."""
    cx, cy, a, b, tilt = ell
    t = np.radians(tilt)
    u = np.array([np.cos(t), np.sin(t)])
    v = np.array([-np.sin(t), np.cos(t)])
    fine = np.linspace(np.pi / 2, np.pi / 2 + 2 * np.pi, 4096)            # from the bottom, clockwise on screen
    seg = np.hypot(np.diff(a * np.cos(fine)), np.diff(b * np.sin(fine)))
    arc = np.concatenate([[0.0], np.cumsum(seg)])
    mid = 0.7
    n_cols = max(32, int(arc[-1] * mid * _UNROLL_UP))
    params = np.interp(np.linspace(0, arc[-1], n_cols, endpoint=False), arc, fine)
    depth = max(8, int(0.45 * b * _UNROLL_UP))
    scales = np.linspace(0.9, 0.45, depth)[:, None]
    ex = (a * np.cos(params))[None, :] * scales
    ey = (b * np.sin(params))[None, :] * scales
    map_x = (cx + ex * u[0] + ey * v[0]).astype(np.float32)
    map_y = (cy + ex * u[1] + ey * v[1]).astype(np.float32)
    strip = cv2.remap(np.ascontiguousarray(raster.pixels), map_x, map_y, cv2.INTER_CUBIC,
                      borderMode=cv2.BORDER_CONSTANT, borderValue=(255, 255, 255))
    strip = strip[:, n_cols // 8: n_cols - n_cols // 8]
    grey = cv2.cvtColor(np.ascontiguousarray(strip), cv2.COLOR_RGB2GRAY).astype(np.float32)
    hidden = float(((grey < 40).mean(axis=0) > 0.5).mean()) if grey.size else 0.0
    # stamp ink -> dark on white, graded (a binary mask breaks thin strokes of a light impression):
    # the grey level of the pixels at or next to stamp ink, stretched so the ink's darkest is black;
    # a light purple or blue impression's strokes are found whole only on the page made white
    ink_at = dark_ink(strip, light=True) if colourless else _ink_mask(strip, pale=True) | np.bitwise_or(*_pale_inks(strip, _FAINTEST_READ))
    keep = cv2.dilate(ink_at, np.ones((3, 3), np.uint8)) > 0
    if not keep.any():
        return [], hidden
    dark = float(np.percentile(grey[keep], 10))
    ink = np.where(keep, np.clip((grey - dark) / max(1.0, 235.0 - dark) * 255.0, 0, 255), 255.0)
    ink = np.minimum(ink, np.where(grey < 100, 0, 255)).astype(np.uint8)
    rows = (ink < 128).mean(axis=1)
    ink[rows > 0.6] = 255                       # an inner ring running along the band is no text
    ink = cv2.resize(ink, None, fx=2.0 / _UNROLL_UP, fy=2.0 / _UNROLL_UP, interpolation=cv2.INTER_CUBIC)
    pad = ink.shape[0] // 2
    ink = cv2.copyMakeBorder(ink, pad, pad, pad, pad, cv2.BORDER_CONSTANT, value=255)
    return [cv2.cvtColor(ink, cv2.COLOR_GRAY2RGB)], hidden


def _read(ocr: OcrEngine, image: np.ndarray) -> str:
    r = Raster(pixels=image, to_points=(1, 0, 0, 1, 0, 0), dpi=150.0)
    return "".join(line.text for line in read_strip(ocr, r, confident=0.8))    # one upright line: recognition only


def stamp_readings(raster: Raster, ocr: OcrEngine, painted: Sequence[BBox] = ()) -> list[tuple[BBox, str, float]]:
    """(box, reading, share of the ring's text band under paint) of every stamp on the page (``painted``: boxes
    painted over it, which cut a stamp in two).  The reading is folded as the needles are."""
    out = []
    for box, _, ell, grey in _candidates(raster, painted):
        strips, hidden = _unrolled(raster, ell, grey)
        out.append((box, "".join(needle_key(_read(ocr, strip)) for strip in strips), hidden))
    return out


def seal_leaks(raster: Raster, page: int, ocr: OcrEngine, employers: Sequence[str], records: Sequence[Decision],
               structure: PageStructure | None, painted: Sequence[BBox] = (), unreadable_seal: str = "on_forms"
               ) -> list[Leak]:
    """Stamps the seal decision gives the applicant's unit (``recheck.stamp_decision``, with this channel's
    reading and the plan's ``policy.unreadable_seal``): leaks, each with the decision's rule.  Undecided ones are
    listed for review."""
    if not any(any(is_cjk(c) for c in e) and len(e) >= 4 for e in employers):
        return []
    leaks = []
    for box, read, hidden in stamp_readings(raster, ocr, painted):
        d = stamp_decision(page, box, read, records, employers, structure, hidden=hidden,
                           unreadable_seal=unreadable_seal)
        if d.action is Action.REDACT and d.rule.startswith("own."):
            leaks.append(Leak(where="seal", category=Category.EMPLOYER.value, page=page, bbox=box, boxes=(box,),
                              detail=f"{d.rule}: {d.reason}"))
    return leaks


def text_rows(chars: Sequence[tuple[str, "BBox | None"]], lines: Sequence[OcrText] = ()) -> list[Row]:
    """The output's text for ``seal_leaks``: the text layer's characters as one row and the OCR lines
    joined into another (a label cell's 单位 / 意见 may be two lines; the label search spans them)."""
    rows: list[Row] = []
    if chars:
        rows.append(("".join(c for c, _ in chars), tuple(b for _, b in chars)))
    if lines:
        text: list[str] = []
        boxes: list[BBox | None] = []
        for ln in lines:
            text += list(ln.text) + ["\n"]
            boxes += list(ln.char_boxes) + [None]
        rows.append(("".join(text), tuple(boxes)))
    return rows
