"""A page rendering kept compressed between ingest and detection.

Ingest reads every page before detection starts, so each page's 150-DPI
rendering (6.5 MB for A4) used to stay in memory until the document was done:
peak RSS grew by one rendering per page (2.75 GB at 300 pages).  Kept
zlib-compressed (level 1: white paper compresses ~20x), a page costs a few
hundred kB; the pixels are decompressed, bit-identical, each time a detector
reads them.
"""

from __future__ import annotations

import zlib

import numpy as np

from redactor.model import Raster


class PackedRaster(Raster):
    def __init__(self, raster: Raster) -> None:   # noqa: D107 -- frozen dataclass: set through object
        px = np.ascontiguousarray(raster.pixels)
        object.__setattr__(self, "_packed", zlib.compress(px.data, 1))
        object.__setattr__(self, "_shape", px.shape)
        object.__setattr__(self, "_dtype", px.dtype)
        object.__setattr__(self, "to_points", raster.to_points)
        object.__setattr__(self, "dpi", raster.dpi)

    @property
    def pixels(self) -> np.ndarray:   # type: ignore[override]
        data = bytearray(zlib.decompress(self._packed))     # writable, like the array it replaces
        return np.frombuffer(data, dtype=self._dtype).reshape(self._shape)

    def __reduce__(self):   # pickles (process pools, Ray) as the plain rendering
        return (Raster, (self.pixels, self.to_points, self.dpi))
