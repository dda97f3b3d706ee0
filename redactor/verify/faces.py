"""Channel ``face``: no face may show inside a box the plan removed.

OpenCV's own Haar cascade (``cv2.data``), independent of the portrait
detector in ``redactor.detect``.  Faces elsewhere on the page (outside every
removed box, on an image of portrait size) are reported as ``review``:
someone else's portrait, or the applicant's that detection missed.  On a page
the gate proved unchanged outside its painted boxes (``proof``), the images are
searched for such faces only where pixels may differ from the input (the
boxes' neighbourhoods, images ingest did not read): elsewhere the page shows
what detection's portrait detector already judged, and a face there would only
ever be ``review``.  The check that fails the gate (a face inside a removed
box) is the same on every page.
"""

from __future__ import annotations

import functools
import threading

import cv2
import numpy as np

from redactor.model import BBox, Leak, Raster

__all__ = ["face_leaks"]

_MIN_FACE_PT = 18.0


@functools.lru_cache(maxsize=1)
def _cascade_path() -> str:
    return str(cv2.data.haarcascades) + "haarcascade_frontalface_default.xml"


_local = threading.local()


def _cascade() -> cv2.CascadeClassifier:
    """One classifier per thread (CascadeClassifier is not thread-safe; loading it costs ~30 ms)."""
    c = getattr(_local, "cascade", None)
    if c is None:
        c = _local.cascade = cv2.CascadeClassifier(_cascade_path())
    return c


def _uniform(raster: Raster, box: BBox) -> bool:
    """The inside of ``box`` is one colour (a painted box): no face can show there."""
    inner = raster.crop(box.expanded(-1.0)) if box.width > 4 and box.height > 4 else None
    return inner is not None and bool((inner.pixels == inner.pixels[0, 0]).all())


def _faces(raster: Raster, region: BBox) -> list[BBox]:
    part = raster.crop(region, pad=2.0)
    if part is None:
        return []
    grey = cv2.cvtColor(np.ascontiguousarray(part.pixels), cv2.COLOR_RGB2GRAY)
    if float(grey.std()) < 4.0:                       # flat: a filled box
        return []
    cascade = _cascade()
    px = max(12, int(_MIN_FACE_PT * part.dpi / 72.0))
    scale = min(1.0, 24.0 / px)                       # the cascade's own window is 24 px: no finer raster needed
    if scale < 1.0:
        grey = cv2.resize(grey, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    found = cascade.detectMultiScale(grey, scaleFactor=1.1, minNeighbors=5, minSize=(24, 24))
    return [part.point_box(x / scale, y / scale, (x + w) / scale, (y + h) / scale) for (x, y, w, h) in found]


def face_leaks(raster: Raster, page: int, removed: tuple[BBox, ...], images: tuple[BBox, ...]) -> list[Leak]:
    leaks = []
    for box in removed:
        if _uniform(raster, box):
            continue
        for f in _faces(raster, box):
            leaks.append(Leak(where="face", category="photo", page=page, detail="a face inside a removed box",
                              bbox=f, boxes=(f,)))
    for img in images:
        if img.width < 2 * _MIN_FACE_PT or img.height < 2 * _MIN_FACE_PT:
            continue
        for f in _faces(raster, img):
            if any(r.intersection_area(f) > 0.3 * f.area for r in removed):
                continue
            leaks.append(Leak(where="face", category="photo", page=page, bbox=f, boxes=(f,), severity="review",
                              detail="a face outside every removed box (someone else's portrait, or a missed one)"))
    return leaks
