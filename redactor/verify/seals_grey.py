"""Grey and black stamps for the ``seal`` channel: a photocopied or greyscale-scanned seal.

On a greyscale (or black-and-white) scan the employer's red seal is a dark ring
like any print, so the colour masks of ``seals`` see nothing.  Such a stamp is
found by its shape instead, with code of verification's own (detection's grey
seal search is not used, so a seal it misses is not missed here for the same
reason):

1. dark ink: darker than the paper (its 90th percentile) and without colour, with
   long straight rules (table lines) taken away, at half size;
2. circles: OpenCV's edge-pair Hough (``HOUGH_GRADIENT_ALT``) on that mask, on a greyscale
   page its voting Hough (``HOUGH_GRADIENT``) on faint ink too (a light ring, dashed or gone
   at the first level; such a ring needs paper just outside it), and on the
   mask narrowed 1.5x (an oval stamp is then nearly round; its ellipse is fitted
   through the outermost ink in each direction, so any ratio and tilt; an oval whose
   ring holds up over a redaction box replaces a circle found inside it: one end of
   an oval ring, the rest cut off by the box, passes for a round stamp's);
3. each circle (an oval first turned level and stretched round) is unrolled round its
   centre (``cv2.warpPolar``) and judged by its radial profile: one radius inked
   nearly all round (the ring), paper just outside it (a ring is a line, not a block
   of text), a thin ring, and inside it a band of text that leaves gaps (a seal's
   name, not a filled disc, not an empty circle or the smear of one drawn off-round);
4. most of the inside is near the paper's level (a round photo or a face is not).

A plain circle, a pie chart, a round photo or a table cell is no candidate; the
candidates are read like coloured stamps (``seals.seal_leaks``).
"""

from __future__ import annotations

import math
from dataclasses import replace

import cv2
import numpy as np

from redactor.dither import dotted
from redactor.marks.circles import hough_circles
from redactor.model import Raster
from redactor.polar import unwrap
from redactor.ring_arc import fit_circle

__all__ = ["dark_ink", "grey_rings"]

Ellipse = tuple[float, float, float, float, float]

_MIN_R_PT, _MAX_R_PT = 20.0, 130.0    # radius of a stamp, points
_RULE_PT = 40.0                       # a straight run this long is a table rule, not a ring
_SOLID_PT = 5.0                       # ink solid this wide is a fill (a redaction box), no stroke
_RING_COVER = 0.8                     # share of the ring's angles inked
_RING_STROKE = 0.5                    # ... and of its directions, each seen alone (not widened across directions)
_OUTSIDE_COVER = 0.5                  # a little further out, at most this much (paper round a ring)
_MAX_RING_WIDTH = 0.3                 # the ring's width, in ring radii, at most
_TEXT_BAND = (0.5, 0.88)              # the name's band, in ring radii
_TEXT_COVER = (0.12, 0.9)             # share of angles with ink in that band: text, not empty, not solid
_PAPER_LEVEL, _MIN_PAPER = 0.85, 0.5  # a stamp's inside: at least half of it this near the paper's level
_WORK = 0.5                           # the search's scale: half the rendering's resolution
_SQUEEZE = 1.5                        # an oval stamp's usual axis ratio
_DASHED_PROPOSALS = 20                # the voting Hough's best circles tried (a dashed ring's proposals)
_DASHED_OUTSIDE_COVER = 0.2           # ... whose ring must have paper just outside it on 80 % of the directions
_GREY_SPREAD = 12                     # a greyscale page's channels differ by at most this much
_DESCREEN_PT = 0.5                    # a dithered page's smoothing (Gaussian sigma, points): its dots grey again
_PAINT_GREY = 40                      # a redaction box's paint: darker than any scanned stamp's ink
_LIGHT_UNDER = 12                     # a light stamp's ring: this many levels under the paper, at least
_BLACK = 90                           # print and paint: darker than this (or than half the paper's level)
_SHADE_PT = 8.0                       # ... and light fill this wide (a shaded cell; a double ring's band is narrower)
_PRINT_EDGE_PT = 1.5                  # ... with its grey edges this far round it
_MAX_COLOURED = 60                    # HSV saturation above which a pixel is coloured ink (``seals``' masks)
_NOISE_SHARE = 0.2                    # ink over this share of the page is texture, not print (``_searchable``)
_STAR_PT = (6.0, 30.0)                # a stamp's star across, points (``_starred_rings``)
_STAR_FILL = (0.3, 0.75)              # ... its share of its box, and of its convex hull (a filled five-pointed star)
_STAR_SOLIDITY = (0.4, 0.82)
_STAR_ALONE = 0.25                    # ... with ink round it (0.75-1.3 star sizes) on at most this share of directions
_STARRED_COVER = 0.5                  # its ring: one radius inked on this share of the directions, in all 8 octants
_STARRED_ROUND = 0.04                 # ... the ink near it that far off one circle, at most (median, in radii)


def dark_ink(rgb: np.ndarray, light: bool = False, faint: bool = False) -> np.ndarray:
    """Dark, colourless ink, 255 / 0: darker than 72 % of the paper's level (``light``: 88 %, the thin
    strokes of a stamp's text once the stamp is located; ``faint``: 80 %, at most grey 196, for a light
    stamp's ring) and unsaturated.  A red stamp scanned in grey is ~150-190 on ~245 paper: at 72 % its
    ring is dashed or gone; searched at 80 % like the others, blocks of dense print on real scans passed
    the ring tests (``grey_rings`` asks more of a ring found on faint ink)."""
    grey = cv2.cvtColor(np.ascontiguousarray(rgb), cv2.COLOR_RGB2GRAY)
    sample = grey[::5, ::5]
    paper = float(np.percentile(sample, 90)) if sample.size else 255.0
    level = min(225.0, 0.88 * paper) if light else min(196.0, 0.8 * paper) if faint else min(170.0, 0.72 * paper)
    # grey < level for whole grey values is grey < ceil(level); cv2's comparisons give 255 / 0
    dark = cv2.compare(grey, int(math.ceil(level)), cv2.CMP_LT)
    if rgb.ndim == 3:
        hsv = cv2.cvtColor(np.ascontiguousarray(rgb), cv2.COLOR_RGB2HSV)
        dark = cv2.bitwise_and(dark, cv2.inRange(hsv, (0, 0, 0), (255, _MAX_COLOURED - 1, 255)))
    return dark


def _without_rules(ink: np.ndarray, run: int) -> np.ndarray:
    rules = cv2.morphologyEx(ink, cv2.MORPH_OPEN, np.ones((1, run), np.uint8))
    rules |= cv2.morphologyEx(ink, cv2.MORPH_OPEN, np.ones((run, 1), np.uint8))
    return ink & ~rules


def _profile(ink: np.ndarray, cx: float, cy: float, reach: int, hidden: np.ndarray | None = None,
             spread: int = 2, across: int = 1) -> np.ndarray:
    """Share of the visible directions (of 360) with ink, per radius 0 .. ``reach`` px round (cx, cy).

    Directions under ``hidden`` (a redaction's solid fill) show neither ink nor paper: they are
    left out, so a stamp partly under a box is judged by what is left of it (0 where less than
    half of a radius's directions can be seen).  ``spread``: how far (px) along the radius a stroke counts;
    ``across``: how many directions (degrees) on either side a stroke counts for."""
    polar = unwrap(ink, (cx, cy), reach)
    # rows: angles; columns: radii.  A ring's stroke wavers a pixel or two (and an oval narrowed to a
    # circle a little more): dilate along the radius
    polar = cv2.dilate(polar, np.ones((2 * across + 1, 2 * spread + 1), np.uint8))
    if hidden is None:
        return (polar > 0).mean(axis=0)
    gone = unwrap(hidden, (cx, cy), reach) > 0
    seen = (~gone).sum(axis=0)
    share = ((polar > 0) & ~gone).sum(axis=0) / np.maximum(seen, 1)
    return np.where(seen >= 180, share, 0.0)


def _ring(ink: np.ndarray, cx: float, cy: float, r: float, r_min: float,
          hidden: np.ndarray | None = None, outside: float = _OUTSIDE_COVER) -> tuple[float, float, float] | None:
    """(cx, cy, outer radius) of the ring near the circle (cx, cy, r) when it is a stamp's, else None.
    The centre is refined first (a Hough centre may be some pixels off: the ring then wavers
    across radii): the offset, within 6 % of ``r``, at which one radius is inked on most angles."""
    reach = int(1.5 * r) + 6
    lo, hi = int(0.8 * r), min(reach - 1, int(1.3 * r))
    # a ring round any centre of the search below lies, seen from the proposal's centre, within the
    # offset of one radius on as many directions: where no radius has that (most proposals: print,
    # rules, a cell's corners), the 25 profiles of the search cannot find one
    offset = int(np.ceil(0.06 * np.sqrt(2) * r)) + 2
    if float(_profile(ink, cx, cy, reach, hidden, spread=offset)[lo:hi + 1].max()) < _RING_COVER:
        return None
    best: tuple[float, float, float, np.ndarray] | None = None
    for dx in np.linspace(-0.06, 0.06, 5) * r:
        for dy in np.linspace(-0.06, 0.06, 5) * r:
            cov = _profile(ink, cx + dx, cy + dy, reach, hidden)
            peak = float(cov[lo:hi + 1].max())
            if best is None or peak > best[0]:
                best = (peak, cx + dx, cy + dy, cov)
    assert best is not None
    _, cx, cy, cov = best
    inked = [k for k in range(lo, hi + 1) if cov[k] >= _RING_COVER]
    if not inked:
        return None
    rr = inked[-1]
    while rr + 1 < reach and cov[rr + 1] >= 0.5:
        rr += 1
    out = min(reach - 1, int(1.1 * rr) + 3)
    if rr < r_min or cov[out] > outside:
        return None
    # a ring is one stroke drawn round: its directions are inked each on their own.  Dense print (a table's
    # text and the stubs of its rules) reaches the ring's cover only with every stroke widened across its
    # neighbours' directions; seen alone, a third of them are ink
    if float(_profile(ink, cx, cy, reach, hidden, across=0)[max(lo, rr - 3):rr + 1].max()) < _RING_STROKE:
        return None
    # the ring's inner edge: inward from its darkest radius while the ink thins out (a ring drawn
    # slightly off the circle smears over some radii and must not count as text inside it)
    k = int(np.argmax(cov[int(0.75 * rr):rr + 1])) + int(0.75 * rr)
    while k > 0 and cov[k - 1] <= cov[k] and cov[k] >= 0.05:
        k -= 1
    if rr - k > _MAX_RING_WIDTH * rr:
        return None             # no thin ring: the edge of a photo, a face, a blot
    band = cov[int(_TEXT_BAND[0] * rr):min(k, int(_TEXT_BAND[1] * rr))]
    if band.size < 3 or not _TEXT_COVER[0] <= float(band.mean()) <= _TEXT_COVER[1] or float(band.min()) > 0.6:
        return None
    return cx, cy, float(rr)


def grey_rings(raster: Raster) -> list[Ellipse]:
    """(cx, cy, a, b, tilt) in page pixels of every round or oval grey or black stamp on the page.  On a dithered
    1-bit page (``redactor.dither.dotted``) a stamp's grey is dots that make no ring at the search's scale: the
    page smoothed by ``_DESCREEN_PT`` is searched too (a dithered 评审表's employer stamp, legible, went unfound
    by detection and this check alike)."""
    full_grey = cv2.cvtColor(np.ascontiguousarray(raster.pixels), cv2.COLOR_RGB2GRAY)
    colourless = _colourless(raster.pixels)
    rings = _grey_rings(raster, full_grey, colourless)
    if colourless and dotted(full_grey):        # (a 1-bit page is colourless: a colour page is never asked)
        soft = replace(raster, pixels=cv2.GaussianBlur(raster.pixels, (0, 0), _DESCREEN_PT * raster.dpi / 72.0))
        soft_grey = cv2.cvtColor(np.ascontiguousarray(soft.pixels), cv2.COLOR_RGB2GRAY)
        rings += [e for e in _grey_rings(soft, soft_grey, colourless)
                  if not any(abs(e[0] - o[0]) < 0.5 * o[2] and abs(e[1] - o[1]) < 0.5 * o[3] for o in rings)]
    return rings


def _grey_rings(raster: Raster, full_grey: np.ndarray, colourless: bool) -> list[Ellipse]:
    """``grey_rings`` on one rendering: ``full_grey`` its grey plane, ``colourless`` a greyscale page's."""
    grey = cv2.resize(full_grey, None, fx=_WORK, fy=_WORK, interpolation=cv2.INTER_AREA)
    sample = grey[::3, ::3]
    paper = float(np.percentile(sample, 90)) if sample.size else 255.0
    ppt = raster.dpi / 72.0 * _WORK
    dark = dark_ink(raster.pixels)
    ink, hidden = _search_ink(dark, ppt)
    if not ink.any():
        return []
    r_min, r_max = _MIN_R_PT * ppt, _MAX_R_PT * ppt
    out: list[Ellipse] = []

    def new(cx: float, cy: float) -> bool:
        return not any(abs(cx - o[0]) < 0.5 * o[2] and abs(cy - o[1]) < 0.5 * o[3] for o in out)

    for x, y, r in _proposals(ink, ppt):                      # round stamps
        ring = _ring(ink, x, y, r, r_min, hidden)
        if ring is not None and new(ring[0], ring[1]):
            out.append((ring[0], ring[1], ring[2], ring[2], 0.0))
    if colourless:
        # a light grey ring is the red stamp of a greyscale scan (on a colour page it keeps its colour):
        # on the faint ink, proposed by the voting Hough, with paper just outside it; then lighter still,
        # a faint, partial impression 13-38 levels under the paper, above the faint level too,
        # on light ink without print, which at that depth is ink with all its grey edges
        light, light_hidden = _light_ink(full_grey, paper, ppt)
        faint, faint_hidden = _search_ink(dark_ink(raster.pixels, faint=True), ppt)
        for dashed, dashed_hidden in ((faint, faint_hidden), (light, light_hidden)):
            if not _searchable(dashed):
                continue
            for x, y, r in _proposals(dashed, ppt, voting=True):
                if not new(x, y):
                    continue
                ring = _ring(dashed, x, y, r, r_min, dashed_hidden, _DASHED_OUTSIDE_COVER)
                if ring is not None and new(ring[0], ring[1]):
                    out.append((ring[0], ring[1], ring[2], ring[2], 0.0))
        # (the star is a solid fill 5 pt across, which the search's ink leaves out as paint: the dark ink with it)
        dark_half = (cv2.resize(dark, None, fx=_WORK, fy=_WORK, interpolation=cv2.INTER_AREA) > 60).astype(np.uint8) * 255
        for ring in _starred_rings(_without_rules(dark_half, max(10, int(_RULE_PT * ppt))), ppt, r_min):
            if new(ring[0], ring[1]):
                out.append((ring[0], ring[1], ring[2], ring[2], 0.0))
    # an oval stamp (about 1.5 : 1) is nearly a circle on the page narrowed by its axis ratio; the
    # proposal's ring is then fitted as an ellipse on the page itself (any ratio, a tilted stamp)
    # A circle found already does not stop the oval where paint cuts it: a redaction box across an oval stamp
    # leaves one end of its ring, which passes for a round stamp's (the repair covered that circle
    # and left the other end's letters); an oval whose ring holds up over the paint takes the circle's place.
    # Without paint the circle stands (a round stamp with the date beside it also fits an oval's ring)
    # The dark ink is searched by the voting Hough too, and on a greyscale page the faint and the light ink
    # are (a partial or light oval's ring is dashed): the edge-pair Hough's one proposal for an oval whose
    # ring touches print may fit that print and fail, where a voting proposal fits the ring (the
    # employer's grey oval over its cell's bottom rule was found only when paint happened to cut the print
    # off it).  A voting proposal's ring needs paper just outside it, as a dashed circle's does.
    cut = _cut_by_paint(out, grey, ppt)
    out = [c for c in out if c not in cut]
    # (The light ink, print and its grey edges taken out, keeps the plain ring test.)
    # (On a colour page a stamp keeps its colour and the colour masks find it: the voting searches, 60-100 ms a
    # page, are a greyscale page's only -- CI's scanned-page cost ratio went over its limit with them everywhere.)
    searches = [(ink, hidden, False, _OUTSIDE_COVER)]
    if colourless:
        searches += [(ink, hidden, True, _DASHED_OUTSIDE_COVER), (faint, faint_hidden, True, _DASHED_OUTSIDE_COVER),
                     (light, light_hidden, True, _OUTSIDE_COVER)]
    for oval_ink, oval_hidden, voting, outside in searches:
        if voting and not _searchable(oval_ink):
            continue
        narrow = (cv2.resize(oval_ink, None, fx=1.0 / _SQUEEZE, fy=1.0, interpolation=cv2.INTER_AREA) > 60).astype(np.uint8) * 255
        narrow_hidden = cv2.resize(oval_hidden, None, fx=1.0 / _SQUEEZE, fy=1.0, interpolation=cv2.INTER_NEAREST)
        for x, y, r in _proposals(narrow, ppt, voting=voting):
            if not new(x * _SQUEEZE, y):
                continue
            ell = _fit_oval(oval_ink, narrow, x, y, r, narrow_hidden)
            if ell is not None and new(ell[0], ell[1]) and _oval_ring(oval_ink, ell, r_min, oval_hidden, r_max, outside):
                out.append(ell)
    out += [c for c in cut if not any(_holds(o, c) for o in out)]
    return [(cx / _WORK, cy / _WORK, a / _WORK, b / _WORK, t) for cx, cy, a, b, t in out
            if _paper_inside(grey, paper, (cx, cy, a, b, t), hidden)]


def _starred_rings(ink: np.ndarray, ppt: float, r_min: float) -> list[tuple[float, float, float]]:
    """Round stamps whose ring is in pieces, found from the star at their centre: (cx, cy, r) in ``ink``'s pixels.

    A dark red stamp on a 1-bit scan keeps only what was darker than the threshold: its star, some dots of its
    text and its ring in dashes over half its directions (where the gate called the
    output clean with the applicant's stamp left).  No Hough proposal holds such a ring (the voting one comes and
    goes with the ink inside it, and draws circles through a dithered chart's dots), but its star stands alone at its
    centre.  A filled star (box and hull shares of a five-pointed star, nothing round it) anchors the search; the
    ring is the radius, 1.8-6 star sizes out, inked on ``_STARRED_COVER`` of the directions and in every octant,
    with paper just outside it, and the ink near that radius must lie on one circle round the star (a character
    alone in a table cell has its cell's square round it, ``_STARRED_ROUND``)."""
    n, labels, stats, centres = cv2.connectedComponentsWithStats(ink, connectivity=8)
    out: list[tuple[float, float, float]] = []
    for i in range(1, n):
        x, y, w, h, area = stats[i]
        size = max(w, h)
        if not (_STAR_PT[0] * ppt <= size <= _STAR_PT[1] * ppt and 0.6 <= w / h <= 1.6):
            continue
        if not _STAR_FILL[0] <= area / (w * h) <= _STAR_FILL[1]:
            continue
        blob = (labels[y:y + h, x:x + w] == i).astype(np.uint8)
        contours, _ = cv2.findContours(blob, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
        hull = cv2.contourArea(cv2.convexHull(max(contours, key=cv2.contourArea)))
        if not _STAR_SOLIDITY[0] <= area / max(hull, 1.0) <= _STAR_SOLIDITY[1]:
            continue
        cx, cy = (float(v) for v in centres[i])
        reach = int(7 * size)
        polar = cv2.dilate(unwrap(ink, (cx, cy), reach), np.ones((3, 5), np.uint8)) > 0
        cov = polar.mean(axis=0)
        if float(cov[int(0.75 * size):int(1.3 * size) + 1].mean()) > _STAR_ALONE:
            continue
        lo, hi = max(int(1.8 * size), int(r_min)), min(reach - 2, int(6 * size))
        if hi <= lo:
            continue
        k = lo + int(np.argmax(cov[lo:hi]))
        outside = float(cov[min(reach - 1, int(1.1 * k) + 3)])
        if cov[k] < _STARRED_COVER or outside > _DASHED_OUTSIDE_COVER:
            continue
        if not all(polar[o * 45:(o + 1) * 45, max(0, k - 2):k + 3].any() for o in range(8)):
            continue
        x0, y0 = max(0, int(cx - 1.2 * k)), max(0, int(cy - 1.2 * k))
        ys, xs = np.nonzero(ink[y0:int(cy + 1.2 * k) + 1, x0:int(cx + 1.2 * k) + 1])
        xs, ys = (xs + x0).astype(np.float64), (ys + y0).astype(np.float64)
        d = np.hypot(xs - cx, ys - cy)
        near = (d > 0.85 * k) & (d < 1.15 * k)
        circle = fit_circle(xs[near], ys[near]) if near.sum() >= 20 else None
        if circle is None or np.hypot(circle[0] - cx, circle[1] - cy) > 0.1 * k:
            continue
        off = np.abs(np.hypot(xs[near] - circle[0], ys[near] - circle[1]) - circle[2])
        if float(np.median(off)) > _STARRED_ROUND * circle[2]:
            continue
        out.append((float(circle[0]), float(circle[1]), float(circle[2]) + 1.0))
    return out


def _searchable(ink: np.ndarray) -> bool:
    """Is ``ink`` worth a voting Hough?  Not when it covers more than ``_NOISE_SHARE`` of the page: print and a stamp's
    ring never do, a 1-bit scan's dotted paper at the faint level does (a third to a half of a
    1-bit 送审表), and there every circle fails the paper-outside test after 0.2-0.8 s of voting."""
    return float(cv2.countNonZero(ink)) <= _NOISE_SHARE * ink.size


def _holds(oval: Ellipse, circle: Ellipse) -> bool:
    """The circle's centre lies inside the oval, and the oval is no smaller: the oval describes that stamp."""
    cx, cy, a, b, t = oval
    rad = math.radians(t)
    dx, dy = circle[0] - cx, circle[1] - cy
    u, v = dx * math.cos(rad) + dy * math.sin(rad), -dx * math.sin(rad) + dy * math.cos(rad)
    return (u / a) ** 2 + (v / b) ** 2 <= 1.0 and max(a, b) >= circle[2]


def _cut_by_paint(circles: list[Ellipse], grey: np.ndarray, ppt: float) -> list[Ellipse]:
    """The circles that black paint runs across and on out of: a redaction box (solid, darker than
    ``_PAINT_GREY``) across a stamp, not the stamp's own star (solid, but grey and inside its ring)."""
    if not circles:
        return []
    k = max(5, int(_SOLID_PT * ppt))
    paint = cv2.morphologyEx((grey < _PAINT_GREY).astype(np.uint8), cv2.MORPH_OPEN, np.ones((k, k), np.uint8))
    if not paint.any():
        return []
    _, lab, stats, _ = cv2.connectedComponentsWithStats(paint)
    out = []
    for c in circles:
        cx, cy, r = c[0], c[1], c[2]
        x0, y0 = max(0, int(cx - r)), max(0, int(cy - r))
        x1, y1 = min(paint.shape[1], int(cx + r) + 1), min(paint.shape[0], int(cy + r) + 1)
        if x1 <= x0 or y1 <= y0:
            continue
        for i in set(np.unique(lab[y0:y1, x0:x1]).tolist()) - {0}:
            u, v, w, h, _ = stats[i]
            if u < x0 - 2 or v < y0 - 2 or u + w > x1 + 2 or v + h > y1 + 2:
                out.append(c)
                break
    return out


def _search_ink(dark_full: np.ndarray, ppt: float) -> tuple[np.ndarray, np.ndarray]:
    """(ink, hidden) at half the page's resolution (a stamp's ring stays 1-3 px thick; a quarter of the
    pixels to search): ``dark_full``'s ink without table rules, and the solid fills.  A redaction's solid
    fill over part of a stamp is no stroke of it: out of the ink, and the stamp is judged on what shows
    round it (an employer's seal half under a removed name)."""
    half = cv2.resize(dark_full, None, fx=_WORK, fy=_WORK, interpolation=cv2.INTER_AREA)
    dark = (half > 60).astype(np.uint8) * 255
    k = max(5, int(_SOLID_PT * ppt))
    hidden = cv2.dilate(cv2.morphologyEx(dark, cv2.MORPH_OPEN, np.ones((k, k), np.uint8)), np.ones((5, 5), np.uint8))
    return _without_rules(dark & ~hidden, max(10, int(_RULE_PT * ppt))), hidden


def _light_ink(full_grey: np.ndarray, paper: float, ppt: float) -> tuple[np.ndarray, np.ndarray]:
    """(ink, hidden) of a light stamp at the search's scale (``ppt``: its pixels a point), from the page's
    grey at full resolution: smoothed grey at least ``_LIGHT_UNDER`` levels under ``paper``, without print
    and paint (darker than ``_BLACK``) and ``_PRINT_EDGE_PT`` round them, and without table rules; ``hidden``: solid paint
    (a redaction box over the stamp shows no ring).  Light fills (a shaded cell) are no strokes and are left
    out too.  Print is found at full resolution: a thin stroke is
    dark there and mid-grey at half size, where its grey would be taken for a light stamp's."""
    size = (int(round(full_grey.shape[1] * _WORK)), int(round(full_grey.shape[0] * _WORK)))
    grey = cv2.resize(full_grey, size, interpolation=cv2.INTER_AREA)
    black_full = cv2.compare(full_grey, int(min(_BLACK, 0.5 * paper)), cv2.CMP_LT)
    k = 2 * max(1, int(round(_PRINT_EDGE_PT * ppt / _WORK))) + 1          # the edges on both sides
    near_black = cv2.compare(cv2.resize(cv2.dilate(black_full, np.ones((k, k), np.uint8)), size,
                                        interpolation=cv2.INTER_AREA), 0, cv2.CMP_GT)
    black = cv2.compare(cv2.resize(black_full, size, interpolation=cv2.INTER_AREA), 127, cv2.CMP_GT)
    ink = cv2.compare(cv2.GaussianBlur(grey, (3, 3), 0), int(paper - _LIGHT_UNDER), cv2.CMP_LE) & ~near_black
    s = max(5, int(_SOLID_PT * ppt))
    hidden = cv2.dilate(cv2.morphologyEx(black, cv2.MORPH_OPEN, np.ones((s, s), np.uint8)), np.ones((5, 5), np.uint8))
    f = max(s, int(_SHADE_PT * ppt))
    shading = cv2.dilate(cv2.morphologyEx(ink, cv2.MORPH_OPEN, np.ones((f, f), np.uint8)), np.ones((3, 3), np.uint8))
    return _without_rules(ink & ~shading, max(10, int(_RULE_PT * ppt))), hidden


def _colourless(rgb: np.ndarray) -> bool:
    """A greyscale page (scan or copy): channels within 12 levels of each other on 99.5 % of a sample."""
    if rgb.ndim < 3:
        return True
    sample = rgb[::4, ::4].astype(np.int16)
    return float(np.percentile(sample.max(axis=2) - sample.min(axis=2), 99.5)) <= _GREY_SPREAD


def _paper_inside(grey: np.ndarray, paper: float, ell: Ellipse, hidden: np.ndarray | None = None) -> bool:
    """Most of a stamp's visible inside is paper between the strokes (a photo's or a picture's is not)."""
    cx, cy, a, b, t = ell
    inside = np.zeros(grey.shape, np.uint8)
    cv2.ellipse(inside, (int(cx), int(cy)), (max(1, int(0.85 * a)), max(1, int(0.85 * b))), t, 0, 360, 1, -1)
    if hidden is not None:
        inside[hidden > 0] = 0
    if not inside.any():
        return False
    return float((grey[inside > 0] >= _PAPER_LEVEL * paper).mean()) >= _MIN_PAPER


def _proposals(ink: np.ndarray, ppt: float, voting: bool = False) -> list[tuple[float, float, float]]:
    """Circle proposals (cx, cy, r) in ``ink``'s pixels at half size: OpenCV's edge-pair Hough, or with
    ``voting`` its voting Hough.  A light stamp's ring is dashed on the ink mask (only its darker
    stretches pass the level) and the edge-pair Hough, which wants a whole edge, sees no circle; the
    voting Hough counts the dashes, but also proposes circles in blocks of dense print, whose profile
    can pass for a ring's (its callers then ask for paper just outside the ring: real scans' print
    blocks are 31-38 % inked there, stamps 2-9 %)."""
    f = 0.5
    small = cv2.GaussianBlur(cv2.resize(ink, None, fx=f, fy=f, interpolation=cv2.INTER_AREA), (5, 5), 0)
    r_min, r_max = _MIN_R_PT * ppt, _MAX_R_PT * ppt
    circles = hough_circles(small, "gate.ring" if voting else "gate.ring_alt", min_dist=r_min * f,
                            r_min=int(r_min * f), r_max=int(r_max * f) + 1)
    if circles is None:
        return []
    best = _DASHED_PROPOSALS if voting else 40
    return [(float(x), float(y), float(r)) for x, y, r in circles[0][:best] / f]


def _fit_oval(ink: np.ndarray, narrow: np.ndarray, x: float, y: float, r: float,
              narrow_hidden: np.ndarray | None = None) -> Ellipse | None:
    """The ellipse through the outermost ink, per direction, round a proposal on the narrowed page:
    (cx, cy, a, b, tilt) on the page, ``a`` along ``tilt`` (the axis nearer the horizontal).
    Directions under a solid fill (``narrow_hidden``) neither count for the ring nor against it."""
    reach = int(1.35 * r) + 4
    polar = unwrap(narrow, (x, y), reach)
    lo, hi = int(0.75 * r), min(reach, int(1.3 * r))
    band = polar[:, lo:hi] > 0
    has = band.any(axis=1)
    seen = np.ones(360, bool)
    if narrow_hidden is not None:
        gone = unwrap(narrow_hidden, (x, y), reach)
        seen = ~(gone[:, lo:hi] > 0).any(axis=1)
        has &= seen
    if seen.mean() < 0.5 or has.sum() < _RING_COVER * seen.sum():
        return None
    outer = lo + hi - lo - 1 - np.argmax(band[:, ::-1], axis=1)
    ang = np.radians(np.arange(360))[has]
    rho = outer[has].astype(np.float64)
    pts = np.column_stack([(x + rho * np.cos(ang)) * _SQUEEZE, y + rho * np.sin(ang)]).astype(np.float32)
    (cx, cy), (d0, d1), t = cv2.fitEllipse(pts)
    if not (np.isfinite(cx) and np.isfinite(cy) and d0 > 0 and d1 > 0):
        return None
    t = ((t + 90.0) % 180.0) - 90.0
    if abs(t) > 45.0:
        d0, d1, t = d1, d0, t - 90.0 if t > 0 else t + 90.0
    if not 1.0 / 2.0 <= d0 / d1 <= 2.0:
        return None
    return (float(cx), float(cy), d0 / 2.0, d1 / 2.0, float(t))


def _oval_ring(ink: np.ndarray, ell: Ellipse, r_min: float, hidden: np.ndarray | None = None,
               r_max: float = math.inf, outside: float = _OUTSIDE_COVER) -> bool:
    """The profile tests of ``_ring`` on the ellipse made a circle (the page turned by its tilt and
    stretched along its short axis), of a stamp's size (the fit through a proposal's outermost ink can
    grow past it: a shaded table's cells)."""
    cx, cy, a, b, tilt = ell
    if min(a, b) < r_min or max(a, b) > r_max:
        return False
    big = max(a, b)
    size = int(2 * 1.5 * big) + 8
    c = size / 2.0
    # page -> frame: centre to (c, c), the ``a`` axis level, the ``b`` axis stretched to ``a``
    rot = cv2.getRotationMatrix2D((cx, cy), tilt, 1.0)
    rot[:, 2] += (c - cx, c - cy)
    stretch = np.array([[1.0, 0.0, 0.0], [0.0, a / b, c * (1.0 - a / b)]])
    m = stretch @ np.vstack([rot, [0.0, 0.0, 1.0]])
    frame = cv2.warpAffine(ink, m, (size, size), flags=cv2.INTER_NEAREST, borderValue=0)
    gone = None if hidden is None else cv2.warpAffine(hidden, m, (size, size), flags=cv2.INTER_NEAREST, borderValue=0)
    return _ring(frame, c, c, a, r_min, gone, outside) is not None
