"""A page rendering turned by quarter turns, seen as an upright page of its own.

A sheet scanned sideways is read by ingest in its upright turn; the proof's line
crops (``proof.local_reads``) reason about lines that run left to right.  The
frame turns the rendering (``Raster.turned``) and carries every box, line and
pixel mask into the turned picture's own axis-aligned points (its pixels times
the rendering's scale), where ingest's lines run left to right; what is read
there is carried back to page points.  Nothing is resampled: the turn is a
lossless ``np.rot90``.
"""

from __future__ import annotations

from functools import cached_property

import numpy as np

from redactor.model import BBox, Raster
from redactor.protocols import OcrText

__all__ = ["TurnedFrame"]


class TurnedFrame:
    """``raster`` (axis-aligned, square pixels) turned by ``k`` quarter turns (``np.rot90``, counter-clockwise)."""

    def __init__(self, raster: Raster, k: int) -> None:
        self.k = k % 4
        self.page_raster = raster
        self.h, self.w = raster.pixels.shape[:2]
        self.scale = float(raster.to_points[0])

    # the turned pixels are made when first asked for: carrying boxes and lines needs none of them
    # (``proof._page_turn`` tries up to four turns on ingest's lines alone)
    @cached_property
    def turned(self) -> Raster:
        """The turned rendering; its ``to_points`` maps turned pixels to page points."""
        return self.page_raster.turned(self.k)

    @cached_property
    def raster(self) -> Raster:
        """The turned rendering in the frame's own axis-aligned points."""
        return Raster(self.turned.pixels, (self.scale, 0.0, 0.0, self.scale, 0.0, 0.0), self.page_raster.dpi)

    def _pixel(self, u: float, v: float) -> tuple[float, float]:
        """A pixel position of the page's rendering -> the turned rendering's."""
        w, h = self.w, self.h
        return {0: (u, v), 1: (v, w - u), 2: (w - u, h - v), 3: (h - v, u)}[self.k]

    def box(self, b: BBox) -> BBox:
        """A page box -> the frame's points."""
        pts = [self._pixel(*self.page_raster.to_pixels(x, y)) for x, y in ((b.x0, b.y0), (b.x1, b.y1))]
        s = self.scale
        return BBox(min(p[0] for p in pts) * s, min(p[1] for p in pts) * s,
                    max(p[0] for p in pts) * s, max(p[1] for p in pts) * s)

    def page_box(self, b: BBox) -> BBox:
        """A box in the frame's points -> page points."""
        s = self.scale
        return self.turned.point_box(b.x0 / s, b.y0 / s, b.x1 / s, b.y1 / s)

    def line(self, ln: OcrText) -> OcrText:
        return OcrText(ln.text, tuple(self.box(b) for b in ln.char_boxes), self.box(ln.bbox), ln.score)

    def page_line(self, ln: OcrText) -> OcrText:
        return OcrText(ln.text, tuple(self.page_box(b) for b in ln.char_boxes), self.page_box(ln.bbox), ln.score)

    def mask(self, a: np.ndarray | None) -> np.ndarray | None:
        """A per-pixel array of the page's rendering, turned with it."""
        return None if a is None else np.ascontiguousarray(np.rot90(a, self.k))

    def page(self) -> BBox:
        """The whole frame, in its points."""
        h, w = self.raster.pixels.shape[:2]
        return BBox(0.0, 0.0, w * self.scale, h * self.scale)
