"""A seal's straight lines (专用章, a department, a number) found from its ink, for recognition alone.

Reading them by OCRing the whole crop costs the detection network on a ~400 px square, about four
times the ring's own reading (issue #14).  Inside the ring the straight text is the only ink that is
neither the ring, nor the name along it, nor the star: the star (the compact blob at the centre) is
set aside, the lines' tilt is the angle at which the rows of the remaining ink inside ``_SKEW_RHO``
of the outline are sharpest (a stamp is pressed at a slant), and in the levelled ink the rows below
the star's top, inside ``_ZONE_RHO`` and within ``_ZONE_X`` of the centre, part into bands.  A band
of text height whose ink reaches the seal's middle column is one line; its ink (only that, the
name's glyphs beside it cut off at a column gap) is the line's image.

``None`` (not clean: the caller OCRs the crop as before) where a band is no text height or the
levelled ink leaves no clear rows; ``[]`` where the inside holds no straight text.
"""

from __future__ import annotations

import cv2
import numpy as np

_INK = 96               # ink level (0..255) that counts as ink, as the ring's unwrap counts it (less on a faint seal)
_SKEW_RHO = 0.66        # the tilt is measured on ink inside this fraction of the outline
_ZONE_RHO = 0.84        # lines are looked for inside this fraction of the outline (the ring lies outside)
_ZONE_X = 0.62          # ... and within this fraction of the half-width of the centre
_CORE_X = 0.3           # rows of ink within this fraction of the half-width of the centre part into lines
_MAX_TILT = 30.0        # degrees of slant searched
_MIN_H, _MAX_H = 0.07, 0.45     # a line's height, in half-heights of the seal
_MIN_INK = 0.004        # inside ink below this share of the seal's area: no straight text


def find_ink_lines(ink: np.ndarray, center: tuple[float, float], axes: tuple[float, float],
                   angle: float) -> list[np.ndarray] | None:
    """Black-on-white images (uint8, H x W), upright, of the seal's straight lines, top to bottom.

    ``ink``: the seal's ink (0..255) in a crop; ``center``, ``axes`` (full lengths), ``angle``: its
    outline in that crop.  ``None`` where the ink gives no clean lines (see the module's docstring)."""
    h, w = ink.shape[:2]
    a, b = axes[0] / 2.0, axes[1] / 2.0
    if a < 8 or b < 8:
        return None
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    t = np.radians(angle)
    dx, dy = xx - center[0], yy - center[1]
    rho = np.hypot((dx * np.cos(t) + dy * np.sin(t)) / a, (-dx * np.sin(t) + dy * np.cos(t)) / b)
    inside = ink[rho < _ZONE_RHO]
    level_on = min(_INK, max(32.0, 0.45 * float(np.percentile(inside, 99)))) if inside.size else _INK
    on = (ink > level_on) & (rho < _ZONE_RHO)     # a faint impression: ink is what is dark for it
    star = _star(on, rho, b)
    on &= ~star
    pts = np.nonzero(on & (rho < _SKEW_RHO))
    if len(pts[0]) < _MIN_INK * np.pi * a * b:
        return []
    base = 0.0 if axes[1] >= 0.85 * axes[0] else ((angle + 90.0) % 180.0) - 90.0    # an oval's text runs along it
    tilt = _tilt(pts[1] - center[0], pts[0] - center[1], base)
    m = cv2.getRotationMatrix2D((float(center[0]), float(center[1])), tilt, 1.0)
    keep = cv2.dilate(on.astype(np.uint8), np.ones((3, 3), np.uint8)).astype(bool) & ~star   # glyphs' soft edges too
    level = cv2.warpAffine(np.where(keep, ink, 0).astype(np.uint8), m, (w, h), flags=cv2.INTER_LINEAR)
    star_l = cv2.warpAffine(star.astype(np.uint8), m, (w, h), flags=cv2.INTER_NEAREST).astype(bool)
    ys, _ = np.nonzero(star_l)
    top = ys.min() if ys.size else center[1] - 0.25 * b
    cx = float(center[0])
    x0, x1 = int(max(0, cx - _ZONE_X * a)), int(min(w, cx + _ZONE_X * a + 1))
    zone = level > level_on
    zone[: int(max(0, top)), :] = False
    zone[:, :x0] = False
    zone[:, x1:] = False
    c0, c1 = int(max(0, cx - _CORE_X * a)), int(min(w, cx + _CORE_X * a + 1))
    rows = zone[:, c0:c1].sum(axis=1)          # the middle columns: the name's glyphs never reach in there
    bands = _runs(rows > 0, gap=max(1, int(0.04 * b)))
    out: list[np.ndarray] = []
    for y0, y1 in bands:
        if y1 - y0 < _MIN_H * b and rows[y0:y1].sum() < 0.5 * (_MIN_H * b) ** 2:
            continue                                        # specks: a stray dot of ink, no line
        if not (_MIN_H * b <= y1 - y0 <= _MAX_H * b):
            return None
        band = level[y0:y1] > level_on / 2                 # a fading impression's pale end belongs to its line
        band[:, :x0] = False
        band[:, x1:] = False
        cols = _runs(band.any(axis=0), gap=max(2, int(0.5 * (y1 - y0))))
        mid = [c for c in cols if c[0] < c1 and c[1] > c0]
        if not mid:
            return None
        u0, u1 = min(c[0] for c in mid), max(c[1] for c in mid)
        if u1 - u0 < 0.8 * (y1 - y0):                       # narrower than a character: no text line
            return None
        e = max(1, (y1 - y0) // 12)                         # the glyphs' edges beyond the rows counted
        v0, v1, u0, u1 = max(0, y0 - e), min(h, y1 + e), max(0, u0 - e), min(w, u1 + e)
        pad = max(4, (y1 - y0) // 4)
        crop = np.zeros((v1 - v0 + 2 * pad, u1 - u0 + 2 * pad), np.uint8)
        crop[pad:-pad, pad:-pad] = level[v0:v1, u0:u1]
        out.append(255 - crop)
    return out


def _star(on: np.ndarray, rho: np.ndarray, b: float) -> np.ndarray:
    """The star at the seal's centre: a compact blob at least 0.3 half-heights tall with its middle near
    the centre (a character is smaller); all False where there is none."""
    n, labels, stats, cent = cv2.connectedComponentsWithStats(on.astype(np.uint8), connectivity=8)
    star = np.zeros(on.shape, bool)
    for k in range(1, n):
        x, y, bw, bh, area = stats[k]
        if bh < 0.3 * b or not 0.6 <= bw / max(bh, 1) <= 1.6 or area < 0.25 * bw * bh:
            continue
        cxk, cyk = int(round(cent[k][0])), int(round(cent[k][1]))
        if 0 <= cyk < on.shape[0] and 0 <= cxk < on.shape[1] and rho[cyk, cxk] < 0.25:
            star |= labels == k
    if star.any():
        star = cv2.dilate(star.astype(np.uint8), np.ones((5, 5), np.uint8)).astype(bool)
    return star


def _tilt(x: np.ndarray, y: np.ndarray, base: float) -> float:
    """The angle (degrees, as ``cv2.getRotationMatrix2D`` turns) within ``_MAX_TILT`` of ``base`` at which the
    points' rows are sharpest (sum of squared row counts), coarse then fine."""
    def sharpness(deg: float) -> float:
        r = np.radians(deg)
        rows = np.round(y * np.cos(r) - x * np.sin(r)).astype(np.int64)     # rows after cv2's turn by deg
        counts = np.bincount(rows - rows.min())
        return float((counts.astype(np.float64) ** 2).sum())

    best = max(np.arange(base - _MAX_TILT, base + _MAX_TILT + 0.1, 2.0), key=sharpness)
    return float(max(np.arange(best - 1.5, best + 1.6, 0.5), key=sharpness))


def _runs(flags: np.ndarray, gap: int) -> list[tuple[int, int]]:
    """Runs of True as (start, end) with gaps of fewer than ``gap`` False joined."""
    idx = np.flatnonzero(flags)
    if not idx.size:
        return []
    out = []
    start = prev = int(idx[0])
    for i in idx[1:]:
        if i - prev > gap:
            out.append((start, prev + 1))
            start = int(i)
        prev = int(i)
    out.append((start, prev + 1))
    return out
