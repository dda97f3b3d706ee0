"""Is a group of ink pixels a piece of a seal's ring?  (Signature detection and verification.)

A stamp's ring, faint or partial, breaks into arcs that look like long pen strokes.  Both the
signature detector and verification's scan signature channel drop such arcs before judging
handwriting; the fit lives here, below both stages, so the two cannot drift apart.
"""

from __future__ import annotations

import numpy as np

__all__ = ["seal_ring_arc"]


def seal_ring_arc(xs: np.ndarray, ys: np.ndarray, ppt: float,
                  tolerance: float = 0.06) -> tuple[float, float, float] | None:
    """The circle (centre x, y, radius; in the pixels' frame) when the pixels lie on one arc of at
    least 80 degrees of a circle of a seal's size (radius 12-120 pt, ``ppt`` pixels a point), 90 %
    of them within ``tolerance`` of the radius (at least 2 px) of it; None otherwise."""
    a = np.column_stack([xs, ys, np.ones_like(xs)])
    try:
        sol = np.linalg.lstsq(a, xs * xs + ys * ys, rcond=None)[0]
    except np.linalg.LinAlgError:
        return None
    cx, cy = sol[0] / 2, sol[1] / 2
    r2 = sol[2] + cx * cx + cy * cy
    if not np.isfinite(r2) or r2 <= 0:
        return None
    r = float(np.sqrt(r2))
    if not 12 * ppt <= r <= 120 * ppt:
        return None
    if float(np.percentile(np.abs(np.hypot(xs - cx, ys - cy) - r), 90)) > max(2.0, tolerance * r):
        return None
    hist = np.histogram(np.degrees(np.arctan2(ys - cy, xs - cx)), bins=36, range=(-180, 180))[0] > 0
    return (float(cx), float(cy), r) if int(hist.sum()) >= 8 else None
