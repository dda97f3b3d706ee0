"""Does a page's vector art need pixels?  (Whether to render a page at all.)

The region detectors (portrait, QR code, seal, signature, photo slot) look at a
page's rendering.  On a born-digital page they can only find something where
the page draws pictures: embedded images, or vector art that can *be* a seal
(a red ring: curves, or a polygon of many short slanted segments), a
signature (a pen trace: curves or slanted polylines), or a QR code/barcode
(many small filled squares or bars, or one filled path of many edges).  A page
of text, table rules and shaded cells holds none of these, and rendering it
and scanning the pixels with every detector (a Hough transform for grey seals,
zxing over the whole page ...) cost ~0.4 s of a ~0.5 s page.

The test reads the page's paths once (``get_cdrawings``, ~2 ms a page) and is
conservative: any curve, any slanted segment, any non-rectangular quad, any
filled path with many edges or many small filled rectangles means "render".
Only axis-parallel lines and rectangles (rules, cell borders, shading) are
taken as harmless.
"""

from __future__ import annotations

from typing import Any

import pymupdf

# A filled rectangle whose shorter side is below this (points) can be a QR module or a barcode bar.
SMALL_FILL_PT = 12.0
# ... and this many of them on a page may be a code drawn as vectors.
MAX_SMALL_FILLS = 16
# A filled path with more edges than this is no table shading (a QR code drawn as one polygon).
MAX_FILL_EDGES = 12
_SLANT_PT = 0.5


def read_paths(page: pymupdf.Page) -> list[dict] | None:
    """The page's paths (``get_cdrawings``, ~2 ms a page: ingest reads them once for every test), None when
    MuPDF cannot read them."""
    try:
        return page.get_cdrawings()
    except (RuntimeError, ValueError):   # MuPDF cannot read the drawings: each test takes the cautious answer
        return None


def drawings_need_pixels(page: pymupdf.Page) -> bool:
    """True when the page's vector drawings may show a seal, a signature or a code."""
    return paths_need_pixels(read_paths(page))


def paths_need_pixels(paths: list[dict] | None) -> bool:
    """``drawings_need_pixels`` of paths read already (None, unreadable: render, as before)."""
    if paths is None:
        return True
    small_fills = 0
    for path in paths:
        filled = path.get("fill") is not None
        items = path.get("items") or ()
        if filled and len(items) > MAX_FILL_EDGES:
            return True
        for item in items:
            op = item[0]
            if op == "l":
                if _slanted(item[1], item[2]):
                    return True
            elif op == "re":
                if filled and min(_rect_sides(item[1])) < SMALL_FILL_PT:
                    small_fills += 1
                    if small_fills > MAX_SMALL_FILLS:
                        return True
            elif op == "qu":
                q = item[1]
                pts = [tuple(p) for p in (q[0], q[1], q[3], q[2])] if len(q) == 4 else []
                if len(pts) != 4 or any(_slanted(pts[i], pts[(i + 1) % 4]) for i in range(4)):
                    return True
            else:        # "c" (Bézier curve) and anything unknown
                return True
    return False


def _slanted(p: Any, q: Any) -> bool:
    return abs(float(p[0]) - float(q[0])) > _SLANT_PT and abs(float(p[1]) - float(q[1])) > _SLANT_PT


def _rect_sides(r: Any) -> tuple[float, float]:
    x0, y0, x1, y1 = (float(v) for v in r)
    return abs(x1 - x0), abs(y1 - y0)
