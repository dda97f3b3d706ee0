"""Is a group of ink pixels a piece of a seal's ring?  (Seal and signature detection, verification.)

A stamp's ring, faint or partial, breaks into arcs that look like long pen strokes.  Both the
signature detector and verification's scan signature channel drop such arcs before judging
handwriting; the fit lives here, below both stages, so the two cannot drift apart.

A fainter impression (a phone photo of a certificate, the ring half over the holder's photo)
breaks into pieces each far too short to show a curve: ``seal_ring_pieces`` fits one circle
through several of them together -- or, with ``ovals``, one ellipse (an oval stamp's ring; on
no circle, its pieces were pen strokes to verification, and the repair painted an authority's
seal).  Verification asks for ovals; the signature detector does not yet.  A long arc is fitted whole
by ``seal_ring_arc``: a circle, or with ``ovals`` an oval stamp's ellipse (a purple double-ring
oval above 持证人签名 was pen strokes to verification, and the repair painted two thirds of it).
The seal detector finds a grey ring cut into arcs by the print across it from one arc
(``seal_ring_arcs``: the circle and the oval reading each, the whole ring tested by the caller).
"""

from __future__ import annotations

from typing import Any

import cv2
import numpy as np

__all__ = ["fit_circle", "seal_ring_arc", "seal_ring_arcs", "seal_ring_pieces", "inside_ring"]

MIN_RADIUS_PT, MAX_RADIUS_PT = 12.0, 120.0     # a seal's size
MIN_BINS = 8                                   # of 36: the ring's ink spreads over at least 80 degrees
MIN_FILL = 0.4                                 # share of the spanned arc (3-degree steps) the pieces fill
MAX_PIECES = 400                               # the largest pieces of a mask are tried (bounds the work)
MIN_AXIS_RATIO = 0.45                          # an oval stamp's minor / major axis (the seal detector's)
MIN_OVAL_BINS = 12                             # of 36: an oval's pieces spread over 120 degrees (5 free parameters)

# a ring's shape: (cx, cy, r) a circle, (cx, cy, a, b, tilt in radians) an ellipse; pixels of the mask
Shape = tuple[float, ...]


def _circle(xs: np.ndarray, ys: np.ndarray) -> tuple[float, float, float] | None:
    """Least-squares (algebraic) circle through the points, or None."""
    a = np.column_stack([xs, ys, np.ones_like(xs)])
    try:
        sol = np.linalg.lstsq(a, xs * xs + ys * ys, rcond=None)[0]
    except np.linalg.LinAlgError:
        return None
    cx, cy = sol[0] / 2, sol[1] / 2
    r2 = sol[2] + cx * cx + cy * cy
    if not np.isfinite(r2) or r2 <= 0:
        return None
    return float(cx), float(cy), float(np.sqrt(r2))


fit_circle = _circle


def _ellipse(xs: np.ndarray, ys: np.ndarray) -> Shape | None:
    """Least-squares ellipse through the points (OpenCV's fit), or None."""
    if xs.size < 5:
        return None
    (cx, cy), (d0, d1), ang = cv2.fitEllipse(np.column_stack([xs, ys]).astype(np.float32))
    if not (np.isfinite(cx) and np.isfinite(cy) and d0 > 0 and d1 > 0):
        return None
    return float(cx), float(cy), float(d0) / 2, float(d1) / 2, float(np.radians(ang))


def _frame(shape: Shape, xs: np.ndarray, ys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The points in the shape's own frame, scaled to a unit circle."""
    if len(shape) == 3:
        cx, cy, r = shape
        return (xs - cx) / r, (ys - cy) / r
    cx, cy, a, b, t = shape
    dx, dy = xs - cx, ys - cy
    return (dx * np.cos(t) + dy * np.sin(t)) / a, (-dx * np.sin(t) + dy * np.cos(t)) / b


def _radius(shape: Shape) -> float:
    return shape[2] if len(shape) == 3 else float(np.sqrt(shape[2] * shape[3]))


def _off(shape: Shape, xs: np.ndarray, ys: np.ndarray) -> np.ndarray:
    """How far (pixels, about) each point lies off the shape's outline."""
    if len(shape) == 3:
        cx, cy, r = shape
        return np.abs(np.hypot(xs - cx, ys - cy) - r)
    u, v = _frame(shape, xs, ys)
    return np.abs(np.hypot(u, v) - 1.0) * _radius(shape)


def _seal_sized(shape: Shape | None, ppt: float) -> bool:
    if shape is None:
        return False
    if len(shape) == 3:
        return MIN_RADIUS_PT * ppt <= shape[2] <= MAX_RADIUS_PT * ppt
    lo, hi = sorted(shape[2:4])
    return MIN_RADIUS_PT * ppt <= lo and hi <= MAX_RADIUS_PT * ppt and lo >= MIN_AXIS_RATIO * hi


def _angles(shape: Shape, xs: np.ndarray, ys: np.ndarray) -> np.ndarray:
    """Each point's angle (degrees) round the shape's centre, in its own frame."""
    u, v = _frame(shape, xs, ys)
    return np.degrees(np.arctan2(v, u))


def _bins(xs: np.ndarray, ys: np.ndarray, cx: float, cy: float) -> np.ndarray:
    """Which of 36 ten-degree sectors around (cx, cy) the points fall in."""
    return np.histogram(np.degrees(np.arctan2(ys - cy, xs - cx)), bins=36, range=(-180, 180))[0] > 0


def seal_ring_arc(xs: np.ndarray, ys: np.ndarray, ppt: float,
                  tolerance: float = 0.06, ovals: bool = False) -> Shape | None:
    """The circle (centre x, y, radius; in the pixels' frame) when the pixels lie on one arc of at
    least 80 degrees of a circle of a seal's size (radius 12-120 pt, ``ppt`` pixels a point), 90 %
    of them within ``tolerance`` of the radius (at least 2 px) of it; None otherwise.  With ``ovals``,
    failing a circle: the ellipse (``Shape``) of an oval stamp's ring, on at least 120 degrees of it
    and no smaller across than ``MIN_OVAL_RING_PT`` (a signature's loop is smaller)."""
    fit = _circle_arc(xs, ys, ppt, tolerance)
    if fit is not None:
        return fit
    return _oval_arc(xs, ys, ppt, tolerance) if ovals else None


def seal_ring_arcs(xs: np.ndarray, ys: np.ndarray, ppt: float, tolerance: float = 0.06) -> list[Shape]:
    """Both readings of one arc, the circle and the oval, each where it fits (``seal_ring_arc``'s tests).
    A shallow arc of an oval's long side fits a larger circle as well: a caller that can test the whole
    ring (does ink run round it?) tries both."""
    return [f for f in (_circle_arc(xs, ys, ppt, tolerance), _oval_arc(xs, ys, ppt, tolerance)) if f is not None]


def _circle_arc(xs: np.ndarray, ys: np.ndarray, ppt: float, tolerance: float) -> Shape | None:
    """The circle of a seal's size the pixels lie on, over 80 degrees or more of it, or None."""
    fit = _circle(xs, ys)
    if fit is None:
        return None
    cx, cy, r = fit
    if (MIN_RADIUS_PT * ppt <= r <= MAX_RADIUS_PT * ppt
            and float(np.percentile(np.abs(np.hypot(xs - cx, ys - cy) - r), 90)) <= max(2.0, tolerance * r)
            and int(_bins(xs, ys, cx, cy).sum()) >= MIN_BINS):
        return fit
    return None


MIN_OVAL_RING_PT = 20.0         # an oval stamp's smaller semi-axis (38 x 24 mm: 34 pt) at least


def _oval_arc(xs: np.ndarray, ys: np.ndarray, ppt: float, tolerance: float) -> Shape | None:
    fit = _ellipse(xs, ys)
    if fit is None or not _seal_sized(fit, ppt) or min(fit[2], fit[3]) < MIN_OVAL_RING_PT * ppt:
        return None
    if float(np.percentile(_off(fit, xs, ys), 90)) > max(2.0, tolerance * _radius(fit)):
        return None
    spread = np.histogram(_angles(fit, xs, ys), bins=36, range=(-180, 180))[0] > 0
    return fit if int(spread.sum()) >= MIN_OVAL_BINS else None


def inside_ring(shape: Shape, xs: np.ndarray, ys: np.ndarray, margin_px: float = 2.0) -> np.ndarray:
    """Which points lie inside the ring (within ``margin_px`` past its outline)."""
    u, v = _frame(shape, xs, ys)
    return np.hypot(u, v) <= 1.0 + margin_px / _radius(shape)


class _Pieces:
    """The candidate pieces of one ink mask: a few points each, length, stroke width, colour."""

    def __init__(self, lab: np.ndarray, stats: np.ndarray, rgb: np.ndarray, ppt: float,
                 skip: np.ndarray | None) -> None:
        areas = stats[:, 4].astype(float)
        ok = (areas >= max(3.0, 0.5 * ppt * ppt)) & (np.maximum(stats[:, 2], stats[:, 3]) <= 2 * MAX_RADIUS_PT * ppt)
        ok[0] = False
        if skip is not None:
            ok &= ~skip
        order = np.nonzero(ok)[0]
        ok[:] = False
        ok[order[np.argsort(-areas[order], kind="stable")][:MAX_PIECES]] = True
        ys, xs = np.nonzero(ok[lab])
        lbl = lab[ys, xs]
        srt = np.argsort(lbl, kind="stable")
        xs, ys, lbl = xs[srt].astype(np.float64), ys[srt].astype(np.float64), lbl[srt]
        ids, first, count = np.unique(lbl, return_index=True, return_counts=True)
        # each piece's principal axis (closed form of its 2x2 covariance) and extents along and across it
        piece = np.repeat(np.arange(ids.size), count)
        mx = np.bincount(piece, xs) / count
        my = np.bincount(piece, ys) / count
        dx, dy = xs - mx[piece], ys - my[piece]
        cxx, cyy, cxy = (np.bincount(piece, v) for v in (dx * dx, dy * dy, dx * dy))
        theta = 0.5 * np.arctan2(2 * cxy, cxx - cyy)
        proj = dx * np.cos(theta)[piece] + dy * np.sin(theta)[piece]
        run = (np.maximum.reduceat(proj, first) - np.minimum.reduceat(proj, first) + 1.0) if ids.size else proj
        width = count / np.maximum(run, 1.0)
        line = width <= max(3.0, 2.5 * ppt)              # a blob is no ring's piece
        # a few points of each (evenly along its pixels) for the fits, and its colour there
        take = np.minimum(count, 24)
        step = np.repeat((count - 1) / np.maximum(take - 1, 1), take)
        rank = np.arange(take.sum()) - np.repeat(np.cumsum(take) - take, take)
        idx = np.repeat(first, take) + np.floor(rank * step).astype(int)
        sample_piece = np.repeat(np.arange(ids.size), take)
        keep = line[sample_piece]
        idx, sample_piece = idx[keep], sample_piece[keep]
        renum = np.cumsum(line) - 1
        self.ids = ids[line].astype(int)
        self.pts = np.stack([xs[idx], ys[idx]], axis=1)
        self.owner = renum[sample_piece]
        self.length, self.width = run[line], width[line]
        self.area = count[line].astype(float)
        m = len(self.ids)
        n = np.maximum(np.bincount(self.owner, minlength=m), 1)
        colours = rgb[ys[idx].astype(int), xs[idx].astype(int), :3].astype(np.float64)
        self.colour = np.stack([np.bincount(self.owner, colours[:, c], minlength=m) / n for c in range(3)], axis=1)
        self.centre = np.stack([mx[line], my[line]], axis=1)
        self.start = np.concatenate([[0], np.cumsum(take[line])]).astype(int)
        self.ppt = ppt

    def tol(self, r: float, tol_frac: float) -> float:
        """How far off the circle a ring's pixel may lie: a share of the radius, at most 1.2 pt."""
        return max(2.0, min(tol_frac * r, 1.2 * self.ppt))

    def on(self, shape: Shape, alive: np.ndarray, tol_frac: float,
           among: np.ndarray | None = None) -> np.ndarray:
        """Pieces (alive ones) with 90 % of their points within the tolerance of the shape's outline."""
        pts, owner = (self.pts, self.owner) if among is None else (self.pts[among], self.owner[among])
        near = _off(shape, pts[:, 0], pts[:, 1]) <= self.tol(_radius(shape), tol_frac)
        n = np.bincount(owner, minlength=len(self.ids))
        share = np.bincount(owner, weights=near, minlength=len(self.ids)) / np.maximum(n, 1)
        return (share >= 0.9) & alive


def seal_ring_pieces(lab: np.ndarray, stats: np.ndarray, rgb: np.ndarray, ppt: float,
                     skip: np.ndarray | None = None, tolerance: float = 0.04,
                     tries: int = 300, ovals: bool = False, circles: bool = True) -> list[tuple[Shape, list[int]]]:
    """Seal rings made of several short ink pieces: (circle, the pieces' labels) for each ring found.

    ``lab`` and ``stats`` are ``cv2.connectedComponentsWithStats`` of an ink mask over ``rgb``
    (labels in ``skip`` are left out).  A ring counts when at least three thin pieces, three of
    them 2 pt or longer, lie on one circle of a seal's size (90 % of each piece's pixels within
    ``tolerance`` of the radius), spread over 80 degrees or more of it, of similar stroke width
    and colour, with little other ink right beside the ring where they lie.  That is what tells
    them from a cursive signature: its curved strokes seldom share one circle, and where a few
    do, its other strokes cross and flank that circle.  The circles are sought by RANSAC over
    triples of pieces, with a generator seeded here (the same answer on every run).  ``ovals``:
    ellipses of a seal's size and shape (minor axis ``MIN_AXIS_RATIO`` of the major or more) are
    sought first, the same way, their pieces spread over ``MIN_OVAL_BINS`` sectors (two more free
    parameters fit more strokes by chance); then, unless ``circles`` is off (a caller that fits a circle's
    arcs one by one), circles among the pieces left."""
    pieces = _Pieces(lab, stats, rgb, ppt, skip)
    if not ovals:
        return _rings(pieces, lab, ppt, tolerance, tries, _circle, MIN_BINS)
    # ellipses first (a circle is one): a circle through most of an oval's lower side would leave its
    # other pieces behind as strokes; then circles among the rest, on their shorter arcs
    found = _rings(pieces, lab, ppt, tolerance, tries, _ellipse, MIN_OVAL_BINS)
    if not circles:
        return found
    taken = np.isin(pieces.ids, [i for _, ids in found for i in ids])
    return found + _rings(pieces, lab, ppt, tolerance, tries, _circle, MIN_BINS, taken)


def _rings(pieces: _Pieces, lab: np.ndarray, ppt: float, tolerance: float, tries: int, fitter: Any,
           min_bins: int, taken: np.ndarray | None = None) -> list[tuple[Shape, list[int]]]:
    """``seal_ring_pieces`` with one kind of shape (``fitter``: ``_circle`` or ``_ellipse``)."""
    m = len(pieces.ids)
    found: list[tuple[Shape, list[int]]] = []
    if m < 3:
        return found
    rng = np.random.default_rng(m)
    alive = np.ones(m, bool) if taken is None else ~taken
    reach = np.hypot(*(pieces.centre[:, None, :] - pieces.centre[None, :, :]).transpose(2, 0, 1))
    reach = reach <= 2 * MAX_RADIUS_PT * ppt
    long_enough = pieces.length >= 2.0 * ppt
    for _ in range(4):                                  # an outer and an inner ring, at most two seals
        best, best_score = None, 0.0
        live = np.nonzero(alive & long_enough)[0]
        if live.size < 3:
            break
        for _ in range(tries):
            i = int(live[rng.integers(live.size)])
            near = live[reach[i, live]]
            if near.size < 3:
                continue
            j, k = near[rng.integers(near.size, size=2)]
            if len({i, int(j), int(k)}) < 3:
                continue
            trio = (i, int(j), int(k))
            sel = np.concatenate([np.arange(pieces.start[t], pieces.start[t + 1]) for t in trio])
            fit = fitter(pieces.pts[sel, 0], pieces.pts[sel, 1])
            if not _seal_sized(fit, ppt):
                continue
            near_ok = _off(fit, pieces.pts[sel, 0], pieces.pts[sel, 1]) <= pieces.tol(_radius(fit), tolerance)
            cuts = np.cumsum([0] + [pieces.start[t + 1] - pieces.start[t] for t in trio])
            if any(near_ok[cuts[q]:cuts[q + 1]].mean() < 0.9 for q in range(3)):
                continue                                 # the three do not share it: most tries end here
            members = pieces.on(fit, alive, tolerance)
            score = float(pieces.area[members].sum())
            if score > best_score:
                best, best_score = fit, score
        if best is None:
            break
        ring = _accept(pieces, best, alive, tolerance, lab, ppt, fitter, min_bins)
        if ring is None:
            break
        circle, members = ring
        alive &= ~members
        found.append((circle, pieces.ids[members].tolist()))
    return found


def _accept(pieces: _Pieces, fit: Shape, alive: np.ndarray, tolerance: float, lab: np.ndarray, ppt: float,
            fitter: Any, min_bins: int) -> tuple[Shape, np.ndarray] | None:
    """The refined shape and its pieces when they pass the ring's tests (see ``seal_ring_pieces``)."""
    members = pieces.on(fit, alive, tolerance)
    for _ in range(2):                                   # refit on every piece on the shape
        sel = members[pieces.owner]
        refit = fitter(pieces.pts[sel, 0], pieces.pts[sel, 1])
        if not _seal_sized(refit, ppt):
            return None
        fit, members = refit, pieces.on(refit, alive, tolerance)
    # one stamp pad: each piece near the pieces' common colour, strokes of similar width
    idx = np.nonzero(members)[0]
    if idx.size < 3:
        return None
    common = np.median(pieces.colour[idx], axis=0)
    members[idx[np.abs(pieces.colour[idx] - common).max(axis=1) > 40]] = False
    idx = np.nonzero(members)[0]
    if idx.size < 3 or int((pieces.length[idx] >= 2.0 * ppt).sum()) < 3:
        return None
    widths = pieces.width[idx][pieces.area[idx] >= 8]
    if widths.size and widths.max() > 3.0 * widths.min():
        return None
    r = _radius(fit)
    sel = members[pieces.owner]
    angles = _angles(fit, pieces.pts[sel, 0], pieces.pts[sel, 1])
    sectors = np.histogram(angles, bins=36, range=(-180, 180))[0] > 0
    if int(sectors.sum()) < min_bins:
        return None
    # little other ink right beside the ring in the sectors its pieces cover (a signature's strokes
    # cross and flank a circle a few of them happen to lie on; a double ring's other ring is 10 % off)
    # the pieces fill a good share of the arc they span (a few strokes scattered on a circle do not)
    fine = np.histogram(angles, bins=120, range=(-180, 180))[0] > 0
    empty = np.concatenate([~fine, ~fine])
    longest, run = 0, 0
    for e in empty:
        run = run + 1 if e else 0
        longest = max(longest, min(run, 120))
    if fine.sum() < MIN_FILL * (120 - longest):
        return None
    tol = pieces.tol(r, tolerance)
    band = max(2 * tol, 0.08 * r)
    h, w = lab.shape
    cx, cy, reach = fit[0], fit[1], max(fit[2:4]) if len(fit) == 5 else r
    v0, v1 = max(0, int(cy - reach - band)), min(h, int(cy + reach + band) + 1)
    u0, u1 = max(0, int(cx - reach - band)), min(w, int(cx + reach + band) + 1)
    ys, xs = np.nonzero(lab[v0:v1, u0:u1])
    xs, ys = xs + float(u0), ys + float(v0)
    labels = lab[v0:v1, u0:u1][ys.astype(int) - v0, xs.astype(int) - u0]
    off = _off(fit, xs, ys)
    sector = np.clip(((_angles(fit, xs, ys) + 180) // 10).astype(int), 0, 35)
    mine = np.isin(labels, pieces.ids[members])
    beside = (off > tol) & (off <= band) & sectors[sector] & ~mine
    if int(beside.sum()) > 0.5 * float(pieces.area[members].sum()):
        return None
    return fit, members
